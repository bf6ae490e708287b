import { systemActor } from '../../platform/identity/actor.js';

/**
 * Passed to setEditionStatus for workflow transitions, so a submission or review decision does
 * not make the reviewer the edition's "last editor": authorship (author and last editor) keeps
 * naming who wrote the text, which the separation-of-powers check relies on. The real actor is
 * recorded in review_actions and the audit event.
 */
export const STATE_ACTOR = systemActor('workflow');
