// Queries that must not compile against the all_types corpus module: tests/ts/ts_check.py
// asserts that tsc rejects each, with these messages.
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "./gen/schema";

const db = drizzle("file:unused.db", { schema });

// An unknown column.
export const unknownColumn = db.select({ x: schema.things.nosuchColumn }).from(schema.things);
// A value that is not one of the enum's.
export const wrongEnum = db.insert(schema.things).values({ title: "t", code: "c", publicId: "p", feeling: "furious" });
// A string where the json column's tstype says an object.
export const wrongJson = db.insert(schema.things).values({ title: "t", code: "c", publicId: "p", prefs: { theme: "blue" } });
