// Creates an embedded database folder (PostgreSQL's initdb) in a short-lived process, so the memory
// initdb needs is returned to the system instead of staying with the long-running server.
import { PGlite } from '@electric-sql/pglite';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: init-pglite.mjs <data dir>');
  process.exit(2);
}
const db = new PGlite(dir);
await db.waitReady;
await db.close();
