// Frozen in time: no app imports. The household list's order (issue 17): village (its sort_order), the head's name
// initials, the head's name, the id. Until now every page of 户与成员 joined all 20,000 households to their villages and
// heads and sorted them all, about 50 ms of CPU per page while the other office clients waited behind it. The three
// sort values are now stored on the household and indexed in that order, so a page is a walk of one index.
// Triggers keep them current whatever writes the row: a household inserted or given another village or head, a person
// renamed (or inserted or removed after the household that names them as head, as a village copy does), a village
// re-ordered. The values are exactly those the list read through its joins: NULL when the head or village is absent.
import { sql, type Kysely } from 'kysely';

const OF_HOUSEHOLD = (h: string) => `sort_village = (SELECT v.sort_order FROM villages v WHERE v.id = ${h}.village_id),
      sort_initials = (SELECT p.name_initials FROM people p WHERE p.id = ${h}.head_person_id),
      sort_name = (SELECT p.name FROM people p WHERE p.id = ${h}.head_person_id)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE households ADD COLUMN sort_village integer`.execute(db);
  await sql`ALTER TABLE households ADD COLUMN sort_initials text`.execute(db);
  await sql`ALTER TABLE households ADD COLUMN sort_name text`.execute(db);
  await sql.raw(`UPDATE households SET ${OF_HOUSEHOLD('households')}`).execute(db);
  // In list order, with the status: a page of the active households (or of all) is a walk of this index alone.
  await sql`CREATE INDEX households_list ON households (sort_village, sort_initials, sort_name, id, status)`.execute(
    db,
  );

  // The household's own row (recursive triggers are off: the trigger's UPDATE does not fire it again).
  await sql
    .raw(
      `CREATE TRIGGER households_order_insert AFTER INSERT ON households BEGIN
    UPDATE households SET ${OF_HOUSEHOLD('NEW')} WHERE id = NEW.id;
  END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER households_order_update
    AFTER UPDATE OF village_id, head_person_id, sort_village, sort_initials, sort_name ON households BEGIN
    UPDATE households SET ${OF_HOUSEHOLD('NEW')} WHERE id = NEW.id;
  END`,
    )
    .execute(db);
  // The head's name (households_head index).
  await sql`CREATE TRIGGER households_order_head_insert AFTER INSERT ON people BEGIN
    UPDATE households SET sort_initials = NEW.name_initials, sort_name = NEW.name WHERE head_person_id = NEW.id;
  END`.execute(db);
  await sql`CREATE TRIGGER households_order_head_update AFTER UPDATE OF name, name_initials ON people
    WHEN OLD.name IS NOT NEW.name OR OLD.name_initials IS NOT NEW.name_initials BEGIN
    UPDATE households SET sort_initials = NEW.name_initials, sort_name = NEW.name WHERE head_person_id = NEW.id;
  END`.execute(db);
  await sql`CREATE TRIGGER households_order_head_delete AFTER DELETE ON people BEGIN
    UPDATE households SET sort_initials = NULL, sort_name = NULL WHERE head_person_id = OLD.id;
  END`.execute(db);
  // The village's place (households_village index).
  await sql`CREATE TRIGGER households_order_village_insert AFTER INSERT ON villages BEGIN
    UPDATE households SET sort_village = NEW.sort_order WHERE village_id = NEW.id;
  END`.execute(db);
  await sql`CREATE TRIGGER households_order_village_update AFTER UPDATE OF sort_order ON villages
    WHEN OLD.sort_order IS NOT NEW.sort_order BEGIN
    UPDATE households SET sort_village = NEW.sort_order WHERE village_id = NEW.id;
  END`.execute(db);
  await sql`CREATE TRIGGER households_order_village_delete AFTER DELETE ON villages BEGIN
    UPDATE households SET sort_village = NULL WHERE village_id = OLD.id;
  END`.execute(db);
}
