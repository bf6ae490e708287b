import type { Clock } from '../../platform/clock.js';
import type { AuditLog, WorkingCalendar } from '../../platform/contracts.js';
import type { DialectOps } from '../../db/index.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { Platform } from '../../platform/platform.js';
import { hmacSm3 } from '../../platform/crypto/index.js';
import { captchaSecrets, type CaptchaSecrets } from './captcha.js';
import { queryPasswordKey } from './query-password.js';

/** What interaction operations need from the platform (a subset, so tests can build it small). */
export interface InteractionDeps {
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly ops: DialectOps;
  readonly cipher: FieldCipher;
  readonly calendar: WorkingCalendar;
  readonly captcha: CaptchaSecrets;
  /** Keys the stored form of query passwords (see query-password.ts). */
  readonly queryKey: Buffer;
  /** Resolves when the commits made so far would survive a power cut (receipts wait for it). */
  readonly durable: () => Promise<void>;
  readonly defaultDeadlineDays: number;
  readonly attachmentMaxBytes: number;
  /** HMAC key of the surveys' device tokens (derived from the platform key, like the captcha secrets). */
  readonly surveyDeviceKey: Buffer;
}

const built = new WeakMap<Platform, InteractionDeps>();

/** One per platform: the derived keys are computed once, not on every page that needs them. */
export function interactionDeps(p: Platform): InteractionDeps {
  let deps = built.get(p);
  if (!deps) {
    deps = {
      clock: p.clock, audit: p.audit, ops: p.dbh.ops, cipher: p.cipher, calendar: p.calendar,
      captcha: captchaSecrets(p.keys.sessionSecret), queryKey: queryPasswordKey(p.keys.sessionSecret), durable: () => p.dbh.durable(),
      defaultDeadlineDays: p.config.letterDeadlineDays, attachmentMaxBytes: p.config.letterAttachmentMaxBytes,
      surveyDeviceKey: hmacSm3(p.keys.sessionSecret, 'jiyue-survey-device'),
    };
    built.set(p, deps);
  }
  return deps;
}
