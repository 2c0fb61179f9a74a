// The route table: each capability exports its routes and its sidebar entry from pages/<cap>/index.tsx.
import * as home from './pages/home';
import * as cases from './pages/cases';
import * as children from './pages/children';
import * as aid from './pages/aid/AidPages';
import * as lifeevents from './pages/lifeevents';
import * as stations from './pages/stations';
import * as orgs from './pages/orgs';
import * as reports from './pages/reports';
import * as exchange from './pages/exchange';
import * as settings from './pages/settings';
import type { NavEntry, RouteDef } from './lib/route';

const modules = [home, cases, lifeevents, children, stations, orgs, reports, exchange, settings];

export const navEntries: NavEntry[] = modules.map((m) => m.nav);
export const routes: RouteDef[] = modules.flatMap((m) => m.routes);
