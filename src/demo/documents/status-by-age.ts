import type { DocumentStatus } from '../../modules/content/index.js';
import type { Prng } from './prng.js';

const DAY = 86_400_000;

/**
 * The status a document of this age has on a working platform: work in progress is recent
 * (drafts, in review, approved, scheduled), almost everything older than a month is public,
 * a few were withdrawn or left as abandoned drafts.
 */
export function statusByAge(rng: Prng, ageMs: number): DocumentStatus {
  const r = rng.next();
  if (ageMs <= 30 * DAY) {
    if (r < 0.2) return 'draft';
    if (r < 0.28) return 'in_review';
    if (r < 0.3) return 'approved';
    if (r < 0.32) return 'scheduled';
    if (r < 0.33) return 'withdrawn';
    return 'published';
  }
  if (r < 0.015) return 'draft';
  if (r < 0.035) return 'withdrawn';
  return 'published';
}
