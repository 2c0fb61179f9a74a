// The one Database interface kysely uses: each capability declares its own tables beside its code.
import type { FoundationTables } from './tables';
import type { AssistanceTables } from '../cases';
import type { ElderlyTables } from '../stations/tables';
import type { OrgsTables } from '../orgs/tables';
import type { PeriodsTables } from '../periods';
import type { SafetyTables } from '../backup/tables';
import type { AttachmentsTables } from '../attachments/tables';
import type { LifeEventsTables } from '../lifeevents';
import type { ChildrenTables } from '../children/tables';
import type { AidTables } from '../aid/tables';
import type { VillageTables } from '../village/tables';
import type { ExchangeTables } from '../exchange/tables';

export interface DB
  extends
    FoundationTables,
    AssistanceTables,
    ElderlyTables,
    OrgsTables,
    PeriodsTables,
    SafetyTables,
    AttachmentsTables,
    LifeEventsTables,
    ChildrenTables,
    AidTables,
    VillageTables,
    ExchangeTables {}
