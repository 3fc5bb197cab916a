// LumenR in TypeScript: opens the database the C++ example migrates (file:../lumenr.db, or the
// URL given), refuses it unless it is at the migration this build was generated for, records
// a payment through drizzle-orm and prints the invoice report: the same data, the same types.
import { createClient } from "@libsql/client";
import { and, eq, ne } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "./db/schema";
import type { InvoiceStatus } from "./db/types";

async function main() {
  const url = process.argv[2] ?? "file:../lumenr.db";
  const client = createClient({ url });
  // The start-up check (docs/typescript.md): the database's newest migration is this build's.
  const head = await client
    .execute("SELECT tag FROM __schemac_migrations ORDER BY id DESC LIMIT 1")
    .catch(() => ({ rows: [] as { tag?: unknown }[] }));  // no such table: not migrated
  const tag = head.rows[0]?.tag ?? null;
  if (tag !== schema.SCHEMA_MIGRATION) {
    throw new Error(`${url} is at ${tag ?? "no migration"}, this build needs ${schema.SCHEMA_MIGRATION}: run npm run db:migrate`);
  }
  const db = drizzle(client, { schema });

  // Record the payment of the oldest sent invoice, if there is one (the C++ example seeds them).
  const due = await db.query.invoices.findFirst({
    where: and(eq(schema.invoices.status, "sent"), ne(schema.invoices.total, "0")),
    orderBy: schema.invoices.issuedOn,
  });
  if (due) {
    await db.transaction(async (tx) => {
      await tx.insert(schema.payments).values({ invoiceId: due.id, amount: due.total, status: "succeeded", receivedAt: new Date() });
      await tx.update(schema.invoices).set({ status: "paid", paidAt: new Date() }).where(eq(schema.invoices.id, due.id));
    });
    console.log(`recorded a payment of ${due.total} for ${due.number}`);
  }

  const invoices = await db.query.invoices.findMany({
    with: { customer: true, payments: true },
    orderBy: schema.invoices.number,
  });
  const byStatus = new Map<InvoiceStatus, number>();
  for (const inv of invoices) {
    const paid = inv.payments.reduce((sum, p) => sum + Number(p.amount), 0);
    byStatus.set(inv.status, (byStatus.get(inv.status) ?? 0) + 1);
    console.log(`${inv.number}  ${inv.customer.name.padEnd(24)} ${inv.status.padEnd(6)} total ${inv.total.padStart(8)}  paid ${paid.toFixed(2).padStart(8)}  issued ${inv.issuedOn ?? "-"}`);
  }
  console.log([...byStatus].map(([s, n]) => `${n} ${s}`).join(", ") || "no invoices yet: run the C++ example first");
  client.close();
}

main().catch((e) => {
  console.error(`lumenr-ts: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
