// The append-only, hash-chained journal and its anchors outside the ledger. Imported through this index only.
export * from './journal';
export * from './anchors';
