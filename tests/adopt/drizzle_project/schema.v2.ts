// Version 2: invoice lines (a real column, FK to invoices) and the session's user agent
// (migration 0001).
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
  userAgent: text('user_agent'),
});

export const invoiceItems = sqliteTable(
  'invoice_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    invoiceId: integer('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull().default(1),
    unitPriceCents: integer('unit_price_cents').notNull(),
    taxRate: real('tax_rate').notNull().default(0.2),
  },
  (t) => [index('invoice_items_invoice_idx').on(t.invoiceId)],
);
