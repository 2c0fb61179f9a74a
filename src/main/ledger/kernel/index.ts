// The write kernel and what every capability shares: the service context, versioned writes, typed raw reads, the
// working-day calendar, durable files, passwords and users, the column groups tables share and the row-to-view
// naming. Imported through this index only.
export * from './context';
export * from './write';
export * from './query';
export * from './calendar';
export * from './files';
export * from './password';
export * from './users';
export * from './rows';
export * from './views';
export * from './end';
export * from './live';
export * from './count';
export * from './bulk';
