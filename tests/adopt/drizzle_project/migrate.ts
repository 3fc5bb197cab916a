// Applies the drizzle/ migrations to a tursodb server with drizzle-orm's libSQL migrator, the
// code `drizzle-kit migrate` runs for dialect turso (same SQL, same __drizzle_migrations rows),
// through tursodbFetch because drizzle-kit cannot be given a fetch (see tursodb_fetch.ts).
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { tursodbFetch } from './tursodb_fetch';

const client = createClient({ url: process.env.DATABASE_URL!, fetch: tursodbFetch });
migrate(drizzle(client), { migrationsFolder: './drizzle' })
  .then(() => client.close())
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
