// The ledger file and its schema: opening, the header check, the table types. Capabilities import this folder
// through this index only (docs/ARCHITECTURE.md, "Boundaries").
export * from './open';
export type * from './schema';
export type * from './tables';
