import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { EVERY_KIND, formBody, surveyBody } from '../support/survey-fixtures.js';
import { PORTAL_HOST, solvedCaptcha } from '../support/letter-fixtures.js';

type Problem = { code: string; detail: string; errors?: { field: string; message: string }[] };
type SurveyOut = { id: number; status: string; phase: string; version: number; responseCount: number; resultsPublic: boolean; questions: { id: number; kind: string; title: string; options: string[]; maxChoices: number }[] };

for (const engine of selectedEngines()) {
  describe(`surveys: the builder [${engine}]`, () => {
    let ctx: TestContext;
    let editor: TestSession;
    let cityEditor: TestSession;
    const clock = new ManualClock();
    before(async () => {
      ctx = await createTestContext(engine, { clock });
      editor = await signIn(ctx.app, ctx.accounts.editor!, clock);
      cityEditor = await signIn(ctx.app, ctx.accounts.nj_editor!, clock);
    });
    after(async () => { await ctx.close(); });

    const create = async (body: unknown) => editor.request('POST', '/api/v1/sites/1/surveys', body);

    test('a survey with a question of every kind is stored as a draft, questions in order, defaults filled', async () => {
      const res = await create(surveyBody());
      assert.equal(res.statusCode, 201, res.body);
      const s = res.json<{ survey: SurveyOut }>().survey;
      assert.equal(s.status, 'draft');
      assert.equal(s.phase, 'draft');
      assert.deepEqual(s.questions.map((q) => q.kind), ['single', 'multiple', 'text', 'rating', 'matrix']);
      assert.equal(s.questions[1]!.maxChoices, 2);
      const audit = await ctx.platform.db.selectFrom('audit_events').select(['action']).where('target_id', '=', String(s.id)).where('action', '=', 'interaction.survey.create').execute();
      assert.equal(audit.length, 1);
    });

    test('builder errors name the question and the field in Chinese, all at once', async () => {
      const res = await create(surveyBody({
        opensAt: Date.UTC(2026, 11, 2), closesAt: Date.UTC(2026, 11, 1),
        questions: [
          { kind: 'single', title: '只有一个选项', required: true, options: ['是'] },
          { kind: 'multiple', title: '选择过多', required: false, options: ['甲', '乙'], maxChoices: 3 },
          { kind: 'text', title: '文本带选项', required: false, options: ['甲', '乙'] },
          { kind: 'matrix', title: '矩阵列重复', required: false, rows: ['行'], columns: ['好', '好'] },
        ],
      }));
      assert.equal(res.statusCode, 400, res.body);
      const p = res.json<Problem>();
      assert.equal(p.code, 'interaction.survey.bad_definition');
      const byField = Object.fromEntries((p.errors ?? []).map((e) => [e.field, e.message]));
      assert.equal(byField.closesAt, '结束时间（closesAt）必须晚于开始时间（opensAt）');
      assert.equal(byField['questions.0.options'], '第 1 题（questions.0）的选项（options）至少需要 2 项');
      assert.equal(byField['questions.1.maxChoices'], '第 2 题（questions.1）的最多选择数（maxChoices）不能大于选项数 2');
      assert.equal(byField['questions.2.options'], '第 3 题（questions.2）的选项（options）不适用于文本题');
      assert.equal(byField['questions.3.columns'], '第 4 题（questions.3）的矩阵列（columns）不能重复');
      assert.match(p.detail, /^调查设置有误：/);
    });

    test('the schema refuses unknown fields and kinds, naming the field', async () => {
      const res = await create({ ...surveyBody(), questions: [{ kind: 'ranking', title: '排序', required: true }] });
      assert.equal(res.statusCode, 400);
      assert.ok(res.json<Problem>().errors?.some((e) => e.field.startsWith('questions.0.kind') && /questions\.0\.kind/.test(e.message)), res.body);
      const extra = await create({ ...surveyBody(), owner: 'x' });
      assert.equal(extra.statusCode, 400);
      assert.equal(extra.json<Problem>().errors?.[0]?.message, '不允许的字段“owner”');
      const { title: _t, ...untitled } = surveyBody();
      assert.equal((await create(untitled)).json<Problem>().errors?.[0]?.message, '缺少必填字段“标题（title）”');
      const scale = await create(surveyBody({ questions: [{ kind: 'rating', title: '评分', required: true, scale: 7 as 5 }] }));
      assert.ok(scale.json<Problem>().errors?.some((e) => e.message.includes('评分等级（questions.0.scale）')), scale.body);
    });

    test('another site is out of scope: the city editor cannot read or change the province\'s survey', async () => {
      const s = (await create(surveyBody())).json<{ survey: SurveyOut }>().survey;
      assert.equal((await cityEditor.request('GET', `/api/v1/surveys/${s.id}`)).statusCode, 403);
      assert.equal((await cityEditor.request('POST', `/api/v1/surveys/${s.id}/state`, { status: 'open' })).statusCode, 403);
      assert.equal((await cityEditor.request('GET', '/api/v1/sites/1/surveys')).statusCode, 403);
    });

    test('questions are frozen once answered; title and times still change; a stale version is refused', async () => {
      const s = (await create(surveyBody({ questions: [EVERY_KIND[0]!] }))).json<{ survey: SurveyOut }>().survey;
      const opened = (await editor.request('POST', `/api/v1/surveys/${s.id}/state`, { status: 'open' })).json<{ survey: SurveyOut }>().survey;
      const form = formBody([[`q${s.questions[0]!.id}`, '1'], ['altcha', await solvedCaptcha(ctx.app)]]);
      const answered = await ctx.app.inject({ method: 'POST', url: `/survey.html?id=${s.id}`, headers: { ...form.headers, host: PORTAL_HOST }, payload: form.payload });
      assert.equal(answered.statusCode, 200, answered.body);

      const renamed = await editor.request('PUT', `/api/v1/surveys/${s.id}`, { ...surveyBody({ questions: [{ ...EVERY_KIND[0]!, options: ['很好', '还行', '较差'] }] }), version: opened.version });
      assert.equal(renamed.statusCode, 409);
      assert.equal(renamed.json<Problem>().code, 'interaction.survey.locked');

      const retitled = await editor.request('PUT', `/api/v1/surveys/${s.id}`, { ...surveyBody({ title: '新标题', closesAt: clock.now() + 86_400_000, questions: [EVERY_KIND[0]!] }), version: opened.version });
      assert.equal(retitled.statusCode, 200, retitled.body);
      assert.equal(retitled.json<{ survey: SurveyOut & { title: string } }>().survey.title, '新标题');

      const stale = await editor.request('PUT', `/api/v1/surveys/${s.id}`, { ...surveyBody({ questions: [EVERY_KIND[0]!] }), version: opened.version });
      assert.equal(stale.json<Problem>().code, 'interaction.survey.conflict');
      const back = await editor.request('POST', `/api/v1/surveys/${s.id}/state`, { status: 'draft' });
      assert.equal(back.statusCode, 409);
      assert.equal(back.json<Problem>().code, 'interaction.survey.bad_state');
    });

    test('before any response the questions can be replaced', async () => {
      const s = (await create(surveyBody())).json<{ survey: SurveyOut }>().survey;
      const res = await editor.request('PUT', `/api/v1/surveys/${s.id}`, { ...surveyBody({ questions: [EVERY_KIND[3]!, EVERY_KIND[0]!] }), version: s.version });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json<{ survey: SurveyOut }>().survey.questions.map((q) => q.kind), ['rating', 'single']);
    });
    test('the theme editor renders the survey sample pages and refuses a broken survey template', async () => {
      const dev = await signIn(ctx.app, ctx.accounts.templater!, clock);
      const source = (await dev.request('GET', '/api/v1/theme/template?name=survey-form')).json<{ source: string }>().source;
      const edited = source.replace('提交答卷</button>', '提交答卷（预览）</button>');
      for (const page of ['survey-list', 'survey-form', 'survey-thanks', 'survey-results']) {
        const res = await dev.request('POST', '/api/v1/theme/preview', { name: 'survey-form', source: edited, page });
        assert.equal(res.statusCode, 200, `${page}: ${res.body.slice(0, 300)}`);
        if (page === 'survey-form') assert.match(res.json<{ html: string }>().html, /提交答卷（预览）/);
      }
      const refused = await dev.request('PUT', '/api/v1/theme/template', { name: 'survey-results', source: '{% layout "layout" %}{% block content %}{{ survey.no_such_field }}{% endblock %}', note: '坏模板' });
      assert.equal(refused.statusCode, 400, refused.body);
      assert.equal(refused.json<{ code: string }>().code, 'publishing.theme.template_error');
    });
  });
}
