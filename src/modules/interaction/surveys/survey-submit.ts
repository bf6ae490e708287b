import { inTransaction, type Db } from '../../../db/index.js';
import { hmacSm3, randomToken } from '../../../platform/crypto/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { checkCaptcha, spendCaptcha } from '../captcha.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import { readAnswers, type FormValues } from './survey-answers.js';
import type { SurveyPhase, SurveyWithQuestions } from './surveys.repo.js';

const CLOSED_REASONS: Readonly<Record<SurveyPhase, string>> = { draft: '尚未发布', upcoming: '尚未开始', open: '', ended: '已经结束' };

/** A device token as the cookie carries it: 32 random bytes, base64url. Anything else is ignored (a new one is made). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function validDeviceToken(raw: string | undefined): string | undefined {
  return raw !== undefined && TOKEN.test(raw) ? raw : undefined;
}

export function newDeviceToken(): string {
  return randomToken(32);
}

/** What is stored: an HMAC of the token bound to the survey, so the same token elsewhere (or a leaked table) links nothing. */
export function deviceHash(key: Buffer, surveyId: number, token: string): string {
  return hmacSm3(key, `${surveyId}:${token}`).toString('hex');
}

export interface SubmitResponseInput {
  readonly survey: SurveyWithQuestions;
  readonly values: FormValues;
  readonly altcha: string | undefined;
  readonly deviceToken: string;
}

/**
 * One visitor's answers. Order of refusals: closed survey, wrong answers (so the form can be
 * corrected before a captcha is spent), captcha, then this device's earlier response. The
 * device check and the captcha are settled inside the transaction; the unique index on
 * (survey, device hash) refuses a concurrent second submit.
 */
export async function submitResponse({ db, actor, deps, input }: { db: Db; actor: Actor; deps: InteractionDeps; input: SubmitResponseInput }): Promise<{ responseId: number }> {
  const { survey } = input;
  const now = deps.clock.now();
  if (survey.phase !== 'open') throw new AppError(InteractionErrors['interaction.survey.not_open'], { reason: CLOSED_REASONS[survey.phase] });
  const answers = readAnswers(survey.questions, input.values);
  const captcha = await checkCaptcha(deps.captcha, input.altcha, now);
  const hash = deviceHash(deps.surveyDeviceKey, survey.id, input.deviceToken);
  return inTransaction(db, async (trx) => {
    const seen = await trx.selectFrom('survey_responses').select('id').where('survey_id', '=', survey.id).where('device_hash', '=', hash).executeTakeFirst();
    if (seen) throw new AppError(InteractionErrors['interaction.survey.already_answered']);
    await spendCaptcha(trx, captcha, now);
    // The survey's version is the one the answers were checked against (its questions cannot change meanwhile).
    const counted = await trx.updateTable('surveys').set((eb) => ({ response_count: eb('response_count', '+', 1) }))
      .where('id', '=', survey.id).where('version', '=', survey.version).where('status', '=', 'open').executeTakeFirst();
    if (Number(counted.numUpdatedRows) === 0) throw new AppError(InteractionErrors['interaction.survey.not_open'], { reason: '刚刚被修改' });
    const inserted = await trx.insertInto('survey_responses').values({ survey_id: survey.id, device_hash: hash, submitted_at: now })
      .onConflict((oc) => oc.columns(['survey_id', 'device_hash']).doNothing()).returning('id').executeTakeFirst();
    if (!inserted) throw new AppError(InteractionErrors['interaction.survey.already_answered']);
    const responseId = Number(inserted.id);
    if (answers.size > 0) {
      await trx.insertInto('survey_answers').values([...answers].map(([questionId, value]) => ({
        response_id: responseId, survey_id: survey.id, question_id: questionId, value: JSON.stringify(value),
      }))).execute();
    }
    // No device hash, address or answer in the audit trail: a response is anonymous.
    await deps.audit.append(trx, actor, { action: 'interaction.survey.respond', result: 'success', targetType: 'survey', targetId: survey.id, detail: { siteId: survey.siteId, answered: answers.size } });
    return { responseId };
  });
}
