// drizzle-kit's verdict on a generated schema.ts against a database schemac migrated: the
// snapshot `drizzle-kit pull` made of the database is the previous state, schema.ts the next,
// and drizzle-kit's own differ (generateSQLiteMigration) lists the statements it would run.
// None: "No changes detected". docs/typescript.md "Proof" explains the repairs below.
//
// Usage: node drizzle_equal.cjs SCHEMA_JS PULLED_SNAPSHOT_JSON DATABASE_FILE
const fs = require("node:fs");
const { createClient } = require("@libsql/client");
const { generateSQLiteDrizzleJson, generateSQLiteMigration } = require("drizzle-kit/api");

// The text between the parenthesis at `open` and its match (quotes and -- comments respected).
function balanced(sql, open) {
  let depth = 0;
  let quote = null;
  for (let i = open; i < sql.length; i++) {
    const c = sql[i];
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "-" && sql[i + 1] === "-") i = sql.indexOf("\n", i) < 0 ? sql.length : sql.indexOf("\n", i);
    else if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return sql.slice(open + 1, i);
  }
  throw new Error("unbalanced parentheses in: " + sql);
}

// Splits on commas outside parentheses, quotes and -- comments.
function splitTop(text) {
  const parts = [];
  let depth = 0, quote = null, start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) { if (c === quote) quote = null; continue; }
    if (c === "-" && text[i + 1] === "-") i = text.indexOf("\n", i) < 0 ? text.length : text.indexOf("\n", i);
    else if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) { parts.push(text.slice(start, i).trim()); start = i + 1; }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

const unquote = (s) => s.replace(/^"(.*)"$/, "$1").replace(/""/g, '"');

// drizzle-kit 0.31's SQLite introspection gets three things wrong that schemac databases
// always have (drizzle-orm issue #4574 and its regex parsers); they are read again here from
// the same sqlite_schema text, with a parser that respects parentheses:
//  - CHECK constraints: one list shared by every table, cut at the first ')' (table CHECKs
//    written without a name get schemac's default names, as in schema.ts);
//  - generated columns: the expression is cut at the first ')' of the line (DECIMAL(12, 2));
//  - indexes: no WHERE (partial index) and no DESC / expression parts.
async function repair(snapshot, dbFile) {
  const db = createClient({ url: "file:" + dbFile });
  const rows = (await db.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL")).rows;
  for (const [tableName, table] of Object.entries(snapshot.tables)) {
    const create = rows.find((r) => r.type === "table" && r.name === tableName);
    if (!create) continue;
    const body = splitTop(balanced(create.sql, create.sql.indexOf("(")))
      .map((part) => part.replace(/^(--[^\n]*\n\s*)+/, ""));  // schemac's doc comments
    table.checkConstraints = {};
    let unnamed = 0;  // `check unnamed (...)`: schemac's default names, <table>_check, _check1, ...
    for (const part of body) {
      if (/^CHECK\s*\(/i.test(part)) {
        const name = `${tableName}_check${unnamed++ ? unnamed - 1 : ""}`;
        table.checkConstraints[name] = { name, value: balanced(part, part.indexOf("(")) };
      }
      const m = part.match(/^CONSTRAINT\s+"((?:[^"]|"")+)"\s+CHECK\s*\(/i);
      if (m) {
        const name = m[1].replace(/""/g, '"');
        table.checkConstraints[name] = { name, value: balanced(part, part.indexOf("(", m[0].length - 1)) };
      }
      const g = part.match(/^"((?:[^"]|"")+)"[\s\S]*?GENERATED ALWAYS AS\s*\(/i);
      if (g) {
        const column = table.columns[g[1].replace(/""/g, '"')];
        const open = g.index + g[0].length - 1;
        const rest = part.slice(open + balanced(part, open).length + 2);
        column.generated = { as: "(" + balanced(part, open) + ")", type: /\bSTORED\b/i.test(rest) ? "stored" : "virtual" };
      }
    }
    for (const ix of rows.filter((r) => r.type === "index" && r.tbl_name === tableName)) {
      const entry = table.indexes[ix.name];
      if (!entry) continue;
      const on = ix.sql.search(/\sON\s/i);
      const open = ix.sql.indexOf("(", on);
      const cols = balanced(ix.sql, open);
      entry.columns = splitTop(cols).map((c) => (/^"(?:[^"]|"")+"$/.test(c) ? unquote(c) : c));
      const where = ix.sql.slice(open + cols.length + 2).match(/^\s*WHERE\s+([\s\S]*?);?\s*$/i);
      if (where) entry.where = where[1];
    }
  }
  db.close();
}

async function main() {
  const [schemaJs, snapshotFile, dbFile] = process.argv.slice(2);
  const schema = require(require("node:path").resolve(schemaJs));
  const previous = JSON.parse(fs.readFileSync(snapshotFile, "utf8"));
  await repair(previous, dbFile);
  const next = await generateSQLiteDrizzleJson(schema);
  const statements = await generateSQLiteMigration(previous, next);
  if (statements.length === 0) {
    console.log(`drizzle-kit: No changes detected (${Object.keys(next.tables).length} tables)`);
    return;
  }
  console.log("drizzle-kit would run:");
  for (const s of statements) console.log(s);
  process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
