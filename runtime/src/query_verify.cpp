// rt::checkSchema / verifySchema (schemac/rt/verify.h).
#include <string>

#include "schemac/rt/verify.h"

namespace schemac::rt {

namespace {
std::string shortFp(std::string_view fp) { return std::string(fp.substr(0, 12)); }
}  // namespace

SchemaCheck checkSchema(Connection& db, std::string_view fingerprint,
                        const std::vector<Migration>& migrations) {
  SchemaCheck out;
  std::string where = " (" + db.displayUrl() + ")";
  std::string expected = "schema " + shortFp(fingerprint);
  if (migrations.empty()) {
    out.message = "cannot verify the database schema" + where +
                  ": the program embeds no migrations (generate the header with --migrations)";
    return out;
  }
  ResultSet exists = db.query(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__schemac_migrations'");
  ResultSet last;
  if (!exists.rows.empty()) {
    last =
        db.query("SELECT id, tag, checksum FROM \"__schemac_migrations\" ORDER BY id DESC LIMIT 1");
  }
  if (last.rows.empty()) {
    out.message = "the database" + where + " has no migrations applied, but this program needs " +
                  expected + " (migration " + migrations.back().tag + "); migrate it first";
    return out;
  }
  const auto& row = last.rows.front();
  std::int64_t id = std::get<std::int64_t>(row[0]);
  out.appliedTag = std::holds_alternative<std::string>(row[1]) ? std::get<std::string>(row[1]) : "";
  std::string checksum =
      std::holds_alternative<std::string>(row[2]) ? std::get<std::string>(row[2]) : "";
  const Migration* known = nullptr;
  for (const auto& m : migrations) {
    if (m.idx == id && m.tag == out.appliedTag) known = &m;
  }
  if (!known) {
    out.message = "the database" + where + " is at migration " + out.appliedTag +
                  ", which this program does not know (it was built for " + expected +
                  ", migration " + migrations.back().tag +
                  "); rebuild it against the current schema";
    return out;
  }
  if (!known->checksum.empty() && !checksum.empty() && known->checksum != checksum) {
    out.message = "migration " + out.appliedTag + " applied to the database" + where +
                  " differs from the one built into this program (checksum mismatch)";
    return out;
  }
  out.dbFingerprint = known->fingerprint;
  if (known->fingerprint == fingerprint) {
    out.ok = true;
    return out;
  }
  if (known != &migrations.back()) {
    out.message = "the database" + where + " is at migration " + out.appliedTag +
                  " but this program needs " + expected + " (migration " + migrations.back().tag +
                  "); run the pending migrations";
  } else {
    out.message = "this program was built for " + expected +
                  ", which no migration produces (the newest, " + out.appliedTag + ", gives " +
                  shortFp(known->fingerprint) + "); run `schemac generate` and rebuild";
  }
  return out;
}

void verifySchema(Connection& db, std::string_view fingerprint,
                  const std::vector<Migration>& migrations) {
  SchemaCheck c = checkSchema(db, fingerprint, migrations);
  if (!c.ok) throw SchemaMismatch(c.message);
}

}  // namespace schemac::rt
