// 户与成员 (the register of people and households): what other capabilities may use. Import it from here, never from
// a file inside (eslint checks); people imports no other capability.
export {
  addMember,
  createHousehold,
  currentMembership,
  householdView,
  livingMembers,
  loadHousehold,
  loadPerson,
  moveMember,
  removeMember,
  setHead,
  updateHousehold,
} from './households';
export { perCapitaMonthly } from './members';
export {
  assertIdFree,
  checkIdNumber,
  journalPerson,
  maskAccount,
  maskJournalValue,
  nameInitials,
  personFields,
  personView,
  selfCareGrade,
} from './persons';
export { WORKFLOW_STATUSES, listHouseholds, personMatch, searchPeople } from './search';
export type {
  Area,
  HouseholdMembersTable,
  HouseholdsTable,
  PeopleTable,
  PeopleTables,
  SelfCareAssessmentsTable,
} from './tables';
