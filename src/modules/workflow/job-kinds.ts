/** Job kinds of the workflow (registered through moduleJobs). Both re-check state when they run, so a duplicate or stale job does nothing. */
export const PUBLISH_DUE_KIND = 'workflow.publish_due';
export const UNPUBLISH_DUE_KIND = 'workflow.unpublish_due';

export interface DueJobPayload {
  readonly editionId: number;
}
