export { loadConfig, ConfigError } from './load-config.js';
export { settings, ROLE_NAMES, PROCESS_ROLES, type Config, type ProcessRole } from './settings.js';
export { renderConfigDocs } from './config-docs.js';
