// Every table of Parley, for drizzle-kit and the migrator. Features own their tables.
export * from './accounts/tables.ts';
export * from './canned-responses/tables.ts';
export * from './contacts/tables.ts';
export * from './conversations/tables.ts';
export * from './events/tables.ts';
export * from './inboxes/tables.ts';
export * from './labels/tables.ts';
export * from './mail/tables.ts';
export * from './notifications/tables.ts';
export * from './platform/tables.ts';
export * from './teams/tables.ts';
export * from './tokens/tables.ts';
export * from './workspaces/tables.ts';
