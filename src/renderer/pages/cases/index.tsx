// Entry of the 社会救助 pages: the sidebar entry with its sub-pages, and the routes.
import { lazyPage, type RouteDef } from '../../lib/route';

export { nav } from './nav';

const CasePage = lazyPage(() => import('./CasePanel').then((m) => m.CasePage));
const HouseholdForm = lazyPage(() => import('./HouseholdForm').then((m) => m.HouseholdForm));
const HouseholdList = lazyPage(() => import('./HouseholdList').then((m) => m.HouseholdList));
const HouseholdPageView = lazyPage(() => import('./HouseholdPage').then((m) => m.HouseholdPageView));
const ApprovalForm = lazyPage(() => import('./Print').then((m) => m.ApprovalForm));
const PrintRoll = lazyPage(() => import('./Print').then((m) => m.PrintRoll));
const PublicityList = lazyPage(() => import('./Print').then((m) => m.PublicityList));
const RollIndex = lazyPage(() => import('./Rolls').then((m) => m.RollIndex));
const RollPage = lazyPage(() => import('./Rolls').then((m) => m.RollPage));
const RulesPage = lazyPage(() => import('./RulesPage').then((m) => m.RulesPage));
const StandardsPage = lazyPage(() => import('./Standards').then((m) => m.StandardsPage));
const Worklist = lazyPage(() => import('./Worklist').then((m) => m.Worklist));

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
