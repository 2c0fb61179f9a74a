// The one Database interface kysely uses: each capability declares its own tables beside its code.
import type { FoundationTables } from './tables';
import type { AssistanceTables } from '../cases';
import type { ElderlyTables } from '../stations';
import type { OrgsTables } from '../orgs';
import type { PeriodsTables } from '../periods';
import type { SafetyTables } from '../backup';
import type { AttachmentsTables } from '../attachments';
import type { LifeEventsTables } from '../lifeevents';
import type { ChildrenTables } from '../children';
import type { AidTables } from '../aid';
import type { VillageTables } from '../village';
import type { ExchangeTables } from '../exchange';

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
