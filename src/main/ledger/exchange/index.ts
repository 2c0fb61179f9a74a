// Spreadsheet import and export: what other capabilities may use. Import it from here, never from a file inside (eslint
// checks).
export { isCellProblem } from './cells';
export type { CellValue, SheetRows } from './cells';
export { readSpreadsheet } from './read';
export type { ExchangeTables } from './tables';
export { batchHandlers, exchangeHandlers } from './handlers';
export { splitMapArg } from './header';
