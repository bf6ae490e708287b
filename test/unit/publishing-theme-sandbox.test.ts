/**
 * The theme engine runs templates a template developer writes: known template-injection
 * payloads must fail — prototype and constructor access yield nothing usable, and includes,
 * renders and layouts cannot read files outside the theme folder.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createThemeEngine } from '../../src/modules/publishing/theme/theme-engine.js';

describe('theme sandbox', () => {
  let dir: string;
  let theme: string;
  const SECRET = 'TOP-SECRET-OUTSIDE-THEME';

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-theme-'));
    theme = path.join(dir, 'theme');
    fs.mkdirSync(path.join(theme, 'partials'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'secret.liquid'), SECRET);
    fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
    fs.writeFileSync(path.join(theme, 'partials', 'ok.liquid'), 'inside');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const render = async (source: string, data: object = { site: { name: '江苏' } }) => {
    const engine = createThemeEngine(theme);
    return engine.parseAndRender(source, data);
  };
  const fails = async (source: string, data?: object) => {
    let out: string;
    try { out = await render(source, data); } catch { return; }
    assert.ok(!out.includes(SECRET) && !/function|native code|\[object/i.test(out), `payload produced: ${out}`);
  };

  test('plain output is escaped; sanitized HTML needs | raw', async () => {
    assert.equal(await render('{{ x }}', { x: '<script>alert(1)</script>' }), '&lt;script&gt;alert(1)&lt;/script&gt;');
    assert.equal(await render('{{ x | raw }}', { x: '<p>正文</p>' }), '<p>正文</p>');
  });

  for (const payload of [
    '{{ site.constructor }}', '{{ site.__proto__ }}', '{{ site["constructor"]["constructor"] }}', '{{ site.name.constructor }}',
    "{{ site.constructor.constructor('return process')() }}", '{% assign f = site.constructor %}{{ f.name }}',
    '{{ site.toString }}', '{{ site.hasOwnProperty }}', "{{ 'a' | constructor }}",
  ]) {
    test(`prototype payload fails: ${payload}`, async () => fails(payload));
  }

  for (const payload of [
    "{% include '../secret' %}", "{% render '../secret' %}", "{% layout '../secret' %}x", "{% include '/etc/passwd' %}",
    "{% render '../secret.txt' %}", "{% include 'partials/../../secret' %}", "{% render '..%2fsecret' %}",
  ]) {
    test(`file payload fails: ${payload}`, async () => fails(payload));
  }

  test('includes inside the theme work', async () => {
    assert.equal(await render("{% render 'partials/ok' %}"), 'inside');
  });

  test('an undefined variable or unknown filter is an error (shown in preview), not silent output', async () => {
    await assert.rejects(render('{{ nothing }}'));
    await assert.rejects(render("{{ 'x' | no_such_filter }}"));
  });

  test('runaway templates are stopped', async () => {
    await assert.rejects(render('{% for i in (1..100000000) %}{% for j in (1..100000000) %}x{% endfor %}{% endfor %}'));
  });
});
