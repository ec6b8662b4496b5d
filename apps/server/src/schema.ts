// Every table of Parley, for drizzle-kit and the migrator. Features own their tables.
export * from './accounts/tables.ts';
export * from './mail/tables.ts';
export * from './platform/tables.ts';
export * from './tokens/tables.ts';
export * from './workspaces/tables.ts';
