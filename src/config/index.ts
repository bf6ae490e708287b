export { loadConfig, ConfigError } from './load-config.js';
export { settings, ROLE_NAMES, type Config } from './settings.js';
export { renderConfigDocs } from './config-docs.js';
