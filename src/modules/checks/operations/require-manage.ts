import { AppError } from '../../../platform/http/error-registry.js';
import { HttpErrors } from '../../../platform/http/errors.js';
import { hasPermission, type Actor } from '../../../platform/identity/actor.js';
import { ChecksErrors } from '../errors.js';

/** The dictionary and rules are platform-wide: checks.manage on any scope is the whole check. */
export function requireManage(actor: Actor): void {
  if (!hasPermission(actor, 'checks.manage')) throw new AppError(HttpErrors['auth.forbidden']);
}

/** Reading them is for editors and reviewers (documents.read) and for those who manage them. */
export function requireRead(actor: Actor): void {
  if (!hasPermission(actor, 'documents.read') && !hasPermission(actor, 'checks.manage')) {
    throw new AppError(ChecksErrors['checks.forbidden']);
  }
}
