// The ordered list of migrations, given to kysely's Migrator in code (file globbing breaks inside an asar archive).
// Versions only go up: never edit a migration that has shipped; add the next one.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_assistance';
import * as m0003 from './0003_elderly';
import * as m0004 from './0004_orgs';
import * as m0005 from './0005_periods';
import * as m0006 from './0006_safety';
import * as m0007 from './0007_attachments';
import * as m0008 from './0008_lifeevents';
import * as m0009 from './0009_request_log';
import * as m0010 from './0010_children';
import * as m0011 from './0011_aid';
import * as m0012 from './0012_village';
import * as m0013 from './0013_import_batches';
import * as m0014 from './0014_village_review';
import * as m0015 from './0015_roll_updated';
import * as m0016 from './0016_amounts_in_force';
import * as m0017 from './0017_village_exchange';
import * as m0018 from './0018_figures_stamp';
import * as m0019 from './0019_household_order';
import * as m0020 from './0020_report_case_log';
import * as m0021 from './0021_kept_figures_followed';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_assistance': m0002,
  '0003_elderly': m0003,
  '0004_orgs': m0004,
  '0005_periods': m0005,
  '0006_safety': m0006,
  '0007_attachments': m0007,
  '0008_lifeevents': m0008,
  '0009_request_log': m0009,
  '0010_children': m0010,
  '0011_aid': m0011,
  '0012_village': m0012,
  '0013_import_batches': m0013,
  '0014_village_review': m0014,
  '0015_roll_updated': m0015,
  '0016_amounts_in_force': m0016,
  '0017_village_exchange': m0017,
  '0018_figures_stamp': m0018,
  '0019_household_order': m0019,
  '0020_report_case_log': m0020,
  '0021_kept_figures_followed': m0021,
};

export const SCHEMA_VERSION = Object.keys(migrations).length;
