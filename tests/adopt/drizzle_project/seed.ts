// Inserts the test rows through drizzle-orm + @libsql/client, as the app would: a seconds
// timestamp of a known instant, a milliseconds one, booleans, JSON, an enum, and rows in every
// table. Run with tsx (CommonJS: no top-level await) after the three migrations; DATABASE_URL
// as for drizzle-kit.
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { invoiceItems, invoiceLabels, invoices, labels, sessions, users } from './schema';
import { tursodbFetch } from './tursodb_fetch';

const client = createClient({
  url: process.env.DATABASE_URL ?? 'file:app.db',
  authToken: process.env.DATABASE_AUTH_TOKEN,
  // TURSODB=1: the local test server, which needs tursodbFetch (see tursodb_fetch.ts).
  fetch: process.env.TURSODB ? tursodbFetch : undefined,
});
const db = drizzle(client);

// The instants the adoption test reads back (seconds 1709296496, milliseconds 1709366400123).
const created = new Date('2024-03-01T12:34:56Z');
const issued = new Date('2024-03-02T08:00:00.123Z');

async function main() {
  await db.insert(users).values([
    {
      email: 'ada@example.com',
      name: 'Ada',
      locale: 'en',
      emailVerified: true,
      settings: { theme: 'dark', digest: true },
      createdAt: created,
    },
    {
      email: 'bob@example.com',
      name: null,
      locale: 'de',
      emailVerified: false,
      createdAt: created,
    },
    { email: 'cy@example.com', name: 'Cy' }, // the defaults: unixepoch(), false, 'en'
  ]);
  await db.insert(invoices).values([
    { userId: 1, number: 'INV-1', status: 'paid', totalCents: 12000, issuedAt: issued },
    { userId: 1, number: 'INV-2', status: 'sent', totalCents: 500, issuedAt: issued },
    { userId: 2, number: 'INV-1', totalCents: 0 }, // status default 'draft'
  ]);
  await db.insert(sessions).values([
    {
      id: 'sess-a',
      userId: 1,
      expiresAt: created,
      createdAt: issued,
      userAgent: 'curl/8',
      revoked: true,
    },
    { id: 'sess-b', userId: 2, expiresAt: created }, // created_at, revoked: the defaults
  ]);
  await db.insert(invoiceItems).values([
    { invoiceId: 1, description: 'Consulting', quantity: 2, unitPriceCents: 5000, taxRate: 0.2 },
    { invoiceId: 1, description: 'Travel', unitPriceCents: 2000 },
    { invoiceId: 2, description: 'Hosting', quantity: 1, unitPriceCents: 500, taxRate: 0 },
  ]);
  await db.insert(labels).values([{ name: 'urgent', color: '#ff0000' }, { name: 'q1' }]);
  await db.insert(invoiceLabels).values([
    { invoiceId: 1, labelId: 1, addedAt: issued },
    { invoiceId: 1, labelId: 2 },
    { invoiceId: 2, labelId: 2 },
  ]);
}

main()
  .then(() => client.close())
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
