// Version 3: labels on invoices (a composite primary key, like LumenR's task_labels), revoked
// sessions and an index on invoice status (migration 0002).
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

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
    index('invoices_status_idx').on(t.status),
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
  revoked: integer('revoked', { mode: 'boolean' }).notNull().default(false),
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

export const labels = sqliteTable('labels', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  color: text('color').notNull().default('#888888'),
});

export const invoiceLabels = sqliteTable(
  'invoice_labels',
  {
    invoiceId: integer('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    labelId: integer('label_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'restrict', onUpdate: 'no action' }),
    addedAt: integer('added_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch() * 1000)`),
  },
  (t) => [
    primaryKey({ columns: [t.invoiceId, t.labelId] }),
    index('invoice_labels_label_idx').on(t.labelId),
  ],
);
