import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import { getUserById } from '../../platform/identity/users.repo.js';
import { formatShanghai } from '../../platform/i18n/format-time.js';
import { ContentErrors } from './errors.js';

/** The 409 for a stale save, naming who changed the edition last and when (Asia/Shanghai time). */
export async function staleError(db: Db, edition: { readonly last_editor_id: number; readonly updated_at: number }): Promise<AppError> {
  const user = await getUserById(db, Number(edition.last_editor_id));
  return new AppError(ContentErrors['content.document.stale'], {
    name: user?.display_name ?? '其他用户',
    time: formatShanghai(Number(edition.updated_at)),
  });
}
