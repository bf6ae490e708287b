import type { Migration } from '../migration-kit.js';
import { migration as m0001 } from './20261126_0001_platform.js';
import { migration as m0002 } from './20261126_0002_sites_content.js';
import { migration as m0003 } from './20261126_0003_placement_decisions.js';
import { migration as m0004 } from './20261126_0004_document_list_indexes.js';
import { migration as m0005 } from './20261126_0005_search.js';
import { migration as m0006 } from './20261126_0006_page_alerts.js';
import { migration as m0007 } from './20261126_0007_publishing.js';
import { migration as m0008 } from './20261126_0008_withdraw_redirect.js';
import { migration as m0009 } from './20261126_0009_search_recency_keys.js';
import { migration as m0010 } from './20261127_0010_interaction_letters.js';
import { migration as m0012 } from './20261127_0012_letter_workflow.js';
import { migration as m0013 } from './20261127_0013_letter_reply_templates.js';
import { migration as m0014 } from './20261127_0014_error_reports.js';
import { migration as m0015 } from './20261127_0015_surveys.js';
import { migration as m0016 } from './20261127_0016_interviews.js';
import { migration as m0017 } from './20261127_0017_comments_consultations.js';
import { migration as m0018 } from './20261127_0018_letter_statistics.js';
import { migration as m0019 } from './20261127_0019_analytics.js';
import { migration as m0020 } from './20261128_0020_letter_attachment_names.js';
import { migration as m0021 } from './20261128_0021_check_starter_imports.js';
import { migration as m0022 } from './20261128_0022_search_entries_by_site.js';

/** Every migration, oldest first. Append only; never edit a released one. */
export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0012, m0013, m0014, m0015, m0016, m0017, m0018, m0019, m0020, m0021, m0022];
