// 社会救助 cases (the workflow, amounts, settings and the payment roll): what other capabilities may use. Import it
// from here, never from a file inside (eslint checks). Cases stand on people and periods.
export {
  addAmountRow,
  addMonthsToDate,
  addStep,
  amountFor,
  amountInEffect,
  assertMonthWritable,
  loadCase,
  patchCase,
} from './caseops';
export { assertCoveredIdentified } from './identity';
export { generateRoll, rollGaps } from './rolls';
export { INDIVIDUAL } from './rules';
export { getCaseSettings, listStandards, standardFor } from './settings';
export type {
  Area,
  AssistanceTables,
  CaseAmountsTable,
  CaseCategory,
  CaseMembersTable,
  CaseStepsTable,
  CasesTable,
  HouseholdMembersTable,
  HouseholdsTable,
  PeopleTable,
  SelfCareAssessmentsTable,
} from './tables';
export { createCase } from './workflow';
export { countDue, dueTasksOf, worklist, type DueTasks } from './worklist';
export { casesHandlers } from './handlers';
