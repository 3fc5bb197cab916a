// Version 1 of a LumenR-like Drizzle app: users, invoices and sign-in sessions. The driver copies
// it to schema.ts and runs `drizzle-kit generate` (migration 0000). Later versions add columns
// only to `sessions` (no AUTOINCREMENT, no length): tursodb 0.6 re-prints a table on ALTER TABLE
// ADD COLUMN without AUTOINCREMENT and `text(n)` (docs/remote.md), which would make the test
// server's database differ from what Drizzle made on a file and on Turso.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email', { length: 256 }).notNull().unique(),
  name: text('name'),
  locale: text('locale', { length: 16 }).notNull().default('en'),
  emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
  settings: text('settings', { mode: 'json' }).$type<{ theme: string; digest: boolean }>(),
  // Seconds since the epoch (Drizzle's `mode: 'timestamp'`).
  createdAt: integer('created_at', { mode: 'timestamp' }).notNull().default(sql`(unixepoch())`),
});

export const invoices = sqliteTable(
  'invoices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade', onUpdate: 'cascade' }),
    number: text('number').notNull(),
    status: text('status', { enum: ['draft', 'sent', 'paid', 'void'] }).notNull().default('draft'),
    totalCents: integer('total_cents').notNull().default(0),
    // Milliseconds since the epoch (`mode: 'timestamp_ms'`).
    issuedAt: integer('issued_at', { mode: 'timestamp_ms' }),
    updatedAt: text('updated_at').notNull().default(sql`CURRENT_TIMESTAMP`),
  },
  (t) => [
    uniqueIndex('invoices_user_number_unique').on(t.userId, t.number),
    index('invoices_user_idx').on(t.userId),
  ],
);

export const sessions = sqliteTable('sessions', {
  id: text('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: integer('expires_at', { mode: 'timestamp' }).notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch() * 1000)`),
});
