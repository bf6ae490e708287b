import { test } from 'node:test';
import assert from 'node:assert/strict';
import { THEME_PAGES, themeTemplateNames } from '../../src/modules/publishing/theme/theme-engine.js';

test('the list of theme pages matches the default theme: a template for each, and each page template listed', () => {
  const files = themeTemplateNames().filter((n) => n !== 'layout' && !n.startsWith('partials/'));
  assert.deepEqual([...THEME_PAGES].sort(), files.sort());
});
