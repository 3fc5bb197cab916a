#include "schemac/import/drizzle_snapshot.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "schemac/support/input_file.h"

namespace schemac::importer {

namespace {

// ordered_json keeps the file's key order: drizzle-kit writes columns and foreign keys into
// CREATE TABLE in that order, and column order is part of the schema.
using Json = nlohmann::ordered_json;

bool isSqliteDialect(const std::string& d) { return d == "sqlite" || d == "turso"; }

class Reader {
 public:
  explicit Reader(std::filesystem::path file) : file_(std::move(file)) {}

  DrizzleSnapshot read() {
    std::string text, error;
    if (!support::readInputFile(file_.string(), &text, &error)) {
      throw ImportError(name() + ": cannot read the snapshot (" + error + ")");
    }
    Json j;
    try {
      j = Json::parse(text);
    } catch (const Json::parse_error& e) {
      throw ImportError(name() + ": malformed JSON (" + e.what() + ")");
    }
    if (!j.is_object()) fail("expected an object");
    DrizzleSnapshot s;
    s.file = file_;
    s.version = versionOf(j);
    std::string dialect = str(j, "dialect", "the snapshot");
    if (!isSqliteDialect(dialect)) {
      throw ImportError(name() + ": dialect \"" + dialect +
                        "\" is not supported (schemac imports SQLite Drizzle projects only)");
    }
    const auto& known = supportedDrizzleSnapshotVersions();
    if (std::find(known.begin(), known.end(), s.version) == known.end()) {
      std::string list;
      for (const auto& v : known) list += (list.empty() ? "" : ", ") + v;
      throw ImportError(name() + ": unknown snapshot version \"" + s.version +
                        "\" (schemac reads SQLite snapshot versions " + list +
                        ", written by drizzle-kit 0.20 and later)");
    }
    for (const auto& [key, t] : object(j, "tables", "the snapshot").items()) {
      s.tables.push_back(table(key, t));
    }
    if (j.contains("views") && j["views"].is_object()) {
      for (const auto& [key, v] : j["views"].items()) s.views.push_back(key);
    }
    return s;
  }

 private:
  std::string name() const { return file_.string(); }
  [[noreturn]] void fail(const std::string& what) const {
    throw ImportError(name() + ": not a Drizzle snapshot: " + what);
  }

  static std::string versionOf(const Json& j) {
    if (!j.contains("version")) return "";
    const Json& v = j["version"];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    return "";
  }

  const Json& object(const Json& j, const char* key, const std::string& where) const {
    if (!j.contains(key) || !j[key].is_object()) fail(where + " has no \"" + key + "\" object");
    return j[key];
  }
  // An optional object member: absent in older versions (checkConstraints before 0.27).
  static const Json& optionalObject(const Json& j, const char* key) {
    static const Json empty = Json::object();
    return j.contains(key) && j[key].is_object() ? j[key] : empty;
  }
  std::string str(const Json& j, const char* key, const std::string& where) const {
    if (!j.contains(key) || !j[key].is_string()) fail(where + " has no \"" + key + "\" string");
    return j[key].get<std::string>();
  }
  static std::string optionalStr(const Json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
  }
  static bool flag(const Json& j, const char* key) {
    return j.contains(key) && j[key].is_boolean() && j[key].get<bool>();
  }
  std::vector<std::string> names(const Json& j, const char* key, const std::string& where) const {
    if (!j.contains(key) || !j[key].is_array()) fail(where + " has no \"" + key + "\" array");
    std::vector<std::string> out;
    for (const Json& n : j[key]) {
      if (!n.is_string()) fail(where + ": \"" + key + "\" holds a non-string");
      out.push_back(n.get<std::string>());
    }
    return out;
  }

  // drizzle-kit stores a default as the SQL it writes after DEFAULT: a string of SQL
  // ("'draft'", "(unixepoch())"), or a JSON number or boolean it prints as is.
  std::optional<std::string> defaultSql(const Json& c, const std::string& where) const {
    if (!c.contains("default")) return std::nullopt;
    const Json& d = c["default"];
    if (d.is_string()) return d.get<std::string>();
    if (d.is_boolean()) return d.get<bool>() ? "true" : "false";
    if (d.is_number_integer()) return std::to_string(d.get<long long>());
    if (d.is_number()) return d.dump();
    if (d.is_null()) return std::nullopt;
    fail(where + ": a default that is neither SQL text, a number nor a boolean");
  }

  DrizzleTable table(const std::string& key, const Json& t) {
    const std::string where = "table \"" + key + "\"";
    if (!t.is_object()) fail(where + " is not an object");
    DrizzleTable out;
    out.name = t.contains("name") && t["name"].is_string() ? t["name"].get<std::string>() : key;
    for (const auto& [ckey, c] : object(t, "columns", where).items()) {
      std::string cwhere = where + " column \"" + ckey + "\"";
      if (!c.is_object()) fail(cwhere + " is not an object");
      DrizzleColumn col;
      col.name = str(c, "name", cwhere);
      col.type = str(c, "type", cwhere);
      col.primaryKey = flag(c, "primaryKey");
      col.notNull = flag(c, "notNull");
      col.autoincrement = flag(c, "autoincrement");
      col.defaultSql = defaultSql(c, cwhere);
      out.columns.push_back(std::move(col));
    }
    for (const auto& [ikey, i] : optionalObject(t, "indexes").items()) {
      std::string iwhere = where + " index \"" + ikey + "\"";
      if (!i.is_object()) fail(iwhere + " is not an object");
      DrizzleIndex ix;
      ix.name = str(i, "name", iwhere);
      ix.columns = names(i, "columns", iwhere);
      ix.unique = flag(i, "isUnique");
      if (i.contains("where") && i["where"].is_string()) ix.where = i["where"].get<std::string>();
      out.indexes.push_back(std::move(ix));
    }
    for (const auto& [fkey, f] : optionalObject(t, "foreignKeys").items()) {
      std::string fwhere = where + " foreign key \"" + fkey + "\"";
      if (!f.is_object()) fail(fwhere + " is not an object");
      DrizzleForeignKey fk;
      fk.name = optionalStr(f, "name");
      if (fk.name.empty()) fk.name = fkey;
      fk.columnsFrom = names(f, "columnsFrom", fwhere);
      fk.tableTo = str(f, "tableTo", fwhere);
      fk.columnsTo = names(f, "columnsTo", fwhere);
      fk.onDelete = optionalStr(f, "onDelete");
      fk.onUpdate = optionalStr(f, "onUpdate");
      out.foreignKeys.push_back(std::move(fk));
    }
    out.compositePrimaryKeys = namedColumns(optionalObject(t, "compositePrimaryKeys"), where);
    out.uniqueConstraints = namedColumns(optionalObject(t, "uniqueConstraints"), where);
    for (const auto& [ckey, c] : optionalObject(t, "checkConstraints").items()) {
      std::string cwhere = where + " check \"" + ckey + "\"";
      if (!c.is_object()) fail(cwhere + " is not an object");
      out.checks.push_back({str(c, "name", cwhere), str(c, "value", cwhere)});
    }
    return out;
  }

  // {"name": {"name": ..., "columns": [...]}}; drizzle-kit before 0.20 wrote "a,b" strings.
  std::vector<DrizzleNamedColumns> namedColumns(const Json& j, const std::string& where) const {
    std::vector<DrizzleNamedColumns> out;
    for (const auto& [key, v] : j.items()) {
      DrizzleNamedColumns n;
      n.name = key;
      if (v.is_object()) {
        if (v.contains("name") && v["name"].is_string()) n.name = v["name"].get<std::string>();
        n.columns = names(v, "columns", where + " constraint \"" + key + "\"");
      } else if (v.is_string()) {
        std::string s = v.get<std::string>();
        s = s.substr(0, s.find(';'));
        std::stringstream parts(s);
        for (std::string part; std::getline(parts, part, ',');) n.columns.push_back(part);
      } else {
        fail(where + " constraint \"" + key + "\" is neither an object nor a string");
      }
      out.push_back(std::move(n));
    }
    return out;
  }

  std::filesystem::path file_;
};

}  // namespace

const std::vector<std::string>& supportedDrizzleSnapshotVersions() {
  static const std::vector<std::string> versions = {"5", "6"};
  return versions;
}

DrizzleSnapshot readDrizzleSnapshot(const std::filesystem::path& file) {
  return Reader(file).read();
}

DrizzleSnapshot readNewestDrizzleSnapshot(const std::filesystem::path& dir,
                                          const DrizzleJournal& journal) {
  const std::string journalFile = (dir / "meta" / "_journal.json").string();
  if (!isSqliteDialect(journal.dialect)) {
    throw ImportError(journalFile + ": dialect \"" + journal.dialect +
                      "\" is not supported (schemac imports SQLite Drizzle projects only)");
  }
  if (journal.entries.empty()) {
    throw ImportError(journalFile + ": no migrations yet (run `drizzle-kit generate` first)");
  }
  const DrizzleMigration* newest = &journal.entries.front();
  for (const DrizzleMigration& m : journal.entries) {
    if (m.idx > newest->idx) newest = &m;
  }
  char number[16];
  std::snprintf(number, sizeof number, "%04d", newest->idx);
  std::filesystem::path file = dir / "meta" / (std::string(number) + "_snapshot.json");
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    throw ImportError(journalFile + ": migration " + std::to_string(newest->idx) + " (\"" +
                      newest->tag + "\") has no snapshot " + file.string());
  }
  return readDrizzleSnapshot(file);
}

}  // namespace schemac::importer
