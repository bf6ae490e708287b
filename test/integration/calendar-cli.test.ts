import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { selectedEngines } from '../support/engines.js';
import { calendarImportCommand } from '../../src/cli/calendar-command.js';
import { auditActions, openCalendarFixture, type CalendarFixture } from './calendar-fixtures.js';

for (const engine of selectedEngines()) {
  describe(`jiyue calendar import [${engine}]`, () => {
    let fx: CalendarFixture;
    let dir: string;
    before(async () => {
      fx = await openCalendarFixture(engine);
      await fx.service().seedFromChineseDays(fx.dbh.db);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-cal-'));
    });
    after(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await fx.close();
    });

    const run = async (file: string): Promise<{ code: number; lines: string[] }> => {
      const lines: string[] = [];
      const code = await calendarImportCommand(fx.dbh, file, (l) => lines.push(l), { audit: fx.audit, clock: fx.clock });
      return { code, lines };
    };

    it('refuses a bad file with exit code 1, naming each line', async () => {
      const file = path.join(dir, 'bad.csv');
      fs.writeFileSync(file, 'date,kind,name\n2027-01-01,holiday,元旦\n2027-01-08,workday,春节\n2027-13-01,holiday,x\n');
      const { code, lines } = await run(file);
      assert.equal(code, 1);
      assert.match(lines[0] ?? '', /^导入失败：节假日数据有 2 处错误/);
      assert.ok(lines.some((l) => l.includes('第 3 行：2027-01-08 是星期五，本来就上班')), lines.join('\n'));
      assert.ok(lines.some((l) => l.includes('第 4 行：“2027-13-01”不是有效日期')), lines.join('\n'));
      assert.equal((await fx.service().status()).missing.includes(2027), true);
    });

    it('says so when the file cannot be read (exit code 2)', async () => {
      const { code, lines } = await run(path.join(dir, 'missing.json'));
      assert.equal(code, 2);
      assert.match(lines[0] ?? '', /^无法读取文件 /);
    });

    it('imports a JSON file, audited as the cli system actor', async () => {
      const file = path.join(dir, '2027.json');
      fs.writeFileSync(file, JSON.stringify({ year: 2027, days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] }));
      const { code, lines } = await run(file);
      assert.equal(code, 0, lines.join('\n'));
      assert.equal(lines[0], '已导入 2027 年节假日数据：放假 1 天，调休上班 0 天（来源 import:2027.json）');
      const cal = fx.service();
      assert.equal(await cal.isWorkingDay('2027-01-01'), false);
      assert.deepEqual((await cal.status()).missing, []);
      const events = await fx.dbh.db.selectFrom('audit_events').select(['action', 'actor_name']).where('action', '=', 'calendar.import').execute();
      assert.deepEqual(events, [{ action: 'calendar.import', actor_name: 'cli' }]);
      assert.ok((await auditActions(fx.dbh)).length >= 2);
    });
  });
}
