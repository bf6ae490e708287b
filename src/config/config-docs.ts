import { settings, type SettingDef } from './settings.js';

const show = (v: unknown): string => {
  if (v === null) return '(unset)';
  if (Array.isArray(v)) return v.length ? v.join(',') : '(empty)';
  return String(v);
};

/** Markdown for docs/configuration.md, generated from the settings table. */
export function renderConfigDocs(): string {
  const rows = (Object.values(settings) as SettingDef<unknown>[]).map((d) =>
    `| \`${d.env}\` | \`${show(d.default)}\` | ${d.allowed} | ${d.doc} |`);
  return [
    '# Configuration',
    '',
    'Every setting is read once at start, validated, and frozen. A bad value stops the process',
    'with a message naming the setting and the allowed values. This page is generated from',
    '`src/config/settings.ts` by `npm run jiyue -- config docs`; a test fails if it drifts.',
    '',
    '| setting | default | allowed | meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
