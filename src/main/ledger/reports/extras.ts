// Figures of the other ledgers (elderly services, social organizations) for the package. Those ledgers are built
// separately; until their figure functions exist this returns no sections and the package says so.
import type { Kysely } from 'kysely';
import type { ExtraFigureSection } from '../../../shared/api/reports';
import type { DB } from '../db/schema';

export async function extraFigures(_db: Kysely<DB>, _month: string): Promise<ExtraFigureSection[]> {
  return [];
}
