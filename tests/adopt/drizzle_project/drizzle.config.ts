// drizzle-kit configuration of the test project. DATABASE_URL picks the database drizzle-kit
// migrate applies to: a `file:` URL (dialect sqlite) or a libSQL server's `http(s):`/`libsql:`
// URL (dialect turso, with DATABASE_AUTH_TOKEN when the server wants one).
import { defineConfig } from 'drizzle-kit';

const url = process.env.DATABASE_URL ?? 'file:app.db';
const remote = !url.startsWith('file:');

export default remote
  ? defineConfig({
      dialect: 'turso',
      schema: './schema.ts',
      out: './drizzle',
      dbCredentials: { url, authToken: process.env.DATABASE_AUTH_TOKEN },
    })
  : defineConfig({
      dialect: 'sqlite',
      schema: './schema.ts',
      out: './drizzle',
      dbCredentials: { url },
    });
