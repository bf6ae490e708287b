import { settings, type Config, type SettingDef } from './settings.js';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads every setting once from the environment, validates it, and freezes the result.
 * All problems are reported together so an operator fixes them in one pass.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env,
  overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, d] of Object.entries(settings) as [string, SettingDef<unknown>][]) {
    const raw = env[d.env];
    if (raw === undefined || raw === '') {
      out[key] = d.default;
      continue;
    }
    const value = d.parse(raw);
    if (value === undefined) problems.push(`${d.env}=${JSON.stringify(raw)} is not valid; allowed: ${d.allowed}`);
    else out[key] = value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // Freeze list values too: the defaults are shared arrays, and a config is never edited.
  const merged: Record<string, unknown> = { ...out, ...overrides };
  for (const [k, v] of Object.entries(merged)) if (Array.isArray(v)) merged[k] = Object.freeze([...v]);
  return Object.freeze(merged) as Config;
}
