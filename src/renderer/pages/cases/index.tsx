// Entry of the 社会救助 pages: the sidebar entry with its sub-pages, and the routes.
import type { RouteDef } from '../../lib/route';
import { CasePage } from './CasePanel';
import { HouseholdForm } from './HouseholdForm';
import { HouseholdList } from './HouseholdList';
import { HouseholdPageView } from './HouseholdPage';
import { ApprovalForm, PrintRoll, PublicityList } from './Print';
import { RollIndex, RollPage } from './Rolls';
import { RulesPage } from './RulesPage';
import { StandardsPage } from './Standards';
import { Worklist } from './Worklist';

export { nav } from './nav';

export const routes: RouteDef[] = [
  { path: '/cases', component: HouseholdList },
  { path: '/cases/households', component: HouseholdList },
  { path: '/cases/households/new', component: HouseholdForm },
  { path: '/cases/households/:id', component: HouseholdPageView },
  { path: '/cases/case/:id', component: CasePage },
  { path: '/cases/case/:id/form', component: ApprovalForm },
  { path: '/cases/worklist', component: Worklist },
  { path: '/cases/rolls', component: RollIndex },
  { path: '/cases/rolls/:month', component: RollPage },
  { path: '/cases/rolls/:month/print', component: PrintRoll },
  { path: '/cases/publicity', component: PublicityList },
  { path: '/cases/standards', component: StandardsPage },
  { path: '/cases/rules', component: RulesPage },
];
