// A typed query through drizzle-orm and @libsql/client against the all_types corpus database
// schemac migrated: inserts a row with every column type and reads it back. Prints the row;
// exits 1 on the first value that does not come back as it went in.
import { createClient } from "@libsql/client";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "./gen/schema";
import type { ThingsSelect } from "./gen/types";

function expectEqual(what: string, got: unknown, want: unknown) {
  const g = got instanceof Date ? got.toISOString() : JSON.stringify(got);
  const w = want instanceof Date ? want.toISOString() : JSON.stringify(want);
  if (g !== w) {
    console.error(`FAIL: ${what}: got ${g}, want ${w}`);
    process.exit(1);
  }
}

async function main() {
  const client = createClient({ url: "file:" + process.argv[2] });
  const db = drizzle(client, { schema });
  const seen = new Date("2026-12-07T01:02:03.000Z");  // whole seconds: timestamp(s)
  const legacyMs = new Date("2026-12-07T01:02:03.456Z");
  const [inserted] = await db
    .insert(schema.things)
    .values({
      small: 3,
      ratio: 0.25,
      price: "12.50",
      title: "Lamp",
      code: "LMP-1",
      active: false,
      seenAt: seen,
      bornOn: "2001-02-03",
      publicId: "0b7e4f8e-8d2c-4a55-9d5e-1f2a3b4c5d6e",
      prefs: { theme: "light", size: 3 },
      extra: [1, "two", { three: 3 }],
      data: Buffer.from([0, 1, 2, 255]),
      feeling: "so_so",
      legacyTs: seen,
      legacyFlag: true,
      legacyMs,
      big: 9007199254740991,
      name255: "n",
      amount: 1.5,
    })
    .returning();
  const row: ThingsSelect | undefined = await db.query.things.findFirst({
    where: eq(schema.things.id, inserted.id),
  });
  if (!row) throw new Error("the row is not there");
  console.log(JSON.stringify(row, (k, v) => (k === "data" ? Buffer.from(v.data ?? v).toString("hex") : v), 2));
  expectEqual("small", row.small, 3);
  expectEqual("ratio", row.ratio, 0.25);
  expectEqual("price", row.price, "12.5");  // NUMERIC affinity keeps the number 12.5
  expectEqual("title", row.title, "Lamp");
  expectEqual("active", row.active, false);
  expectEqual("seen_at (timestamp(s))", row.seenAt, seen);
  expectEqual("born_on", row.bornOn, "2001-02-03");
  expectEqual("public_id", row.publicId, "0b7e4f8e-8d2c-4a55-9d5e-1f2a3b4c5d6e");
  expectEqual("prefs (json, tstype)", row.prefs, { theme: "light", size: 3 });
  expectEqual("extra (json)", row.extra, [1, "two", { three: 3 }]);
  expectEqual("data (blob)", Buffer.from(row.data!).toString("hex"), "000102ff");
  expectEqual("feeling (enum)", row.feeling, "so_so");
  expectEqual("note (default)", row.note, "it's `${x}` \\ fine");
  expectEqual("label (generated)", row.label, "LAMP");
  expectEqual("legacy_ts (integer timestamp)", row.legacyTs, seen);
  expectEqual("legacy_flag (integer boolean)", row.legacyFlag, true);
  expectEqual("legacy_ms (integer timestamp_ms)", row.legacyMs, legacyMs);
  expectEqual("big", row.big, 9007199254740991);
  // Defaults the database filled in.
  expectEqual("created_at is a Date near now", Math.abs(row.createdAt.getTime() - Date.now()) < 60000, true);
  // The raw row: what the database holds (seconds for timestamp(s), 0/1 for bool).
  const raw = await client.execute({ sql: "SELECT seen_at, active, legacy_ms, feeling FROM things WHERE id = ?", args: [inserted.id] });
  console.log("stored:", JSON.stringify(raw.rows[0]));
  expectEqual("seen_at stored in seconds", Number(raw.rows[0].seen_at), seen.getTime() / 1000);
  expectEqual("active stored as 0", Number(raw.rows[0].active), 0);
  // A second row relying on every default, and a relation query.
  await db.insert(schema.things).values({ title: "b", code: "B", publicId: "p2" });
  await db.insert(schema.parts).values({ thingId: inserted.id, partNo: 1 });
  const withParts = await db.query.things.findFirst({ where: eq(schema.things.id, inserted.id), with: { parts: true } });
  expectEqual("relation things.parts", withParts?.parts.map((p) => p.partNo), [1]);
  const second = await db.query.things.findFirst({ where: eq(schema.things.code, "B") });
  expectEqual("defaults: small, active, feeling, prefs, legacy_flag",
              [second?.small, second?.active, second?.feeling, second?.prefs, second?.legacyFlag],
              [7, true, "happy", { theme: "dark" }, false]);
  console.log("ROUNDTRIP OK");
  client.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
