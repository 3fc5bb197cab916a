#include "schemac/import/drizzle_import.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"

namespace schemac::importer {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

ir::Type kind(ir::TypeKind k) {
  ir::Type t;
  t.kind = k;
  return t;
}

ir::FkAction action(const std::string& s, const std::string& where,
                    std::vector<std::string>& warnings) {
  std::string a = lower(s);
  if (a.empty() || a == "no action") return ir::FkAction::NoAction;
  if (a == "restrict") return ir::FkAction::Restrict;
  if (a == "cascade") return ir::FkAction::Cascade;
  if (a == "set null") return ir::FkAction::SetNull;
  if (a == "set default") return ir::FkAction::SetDefault;
  warnings.push_back(where + ": unknown foreign key action \"" + s + "\", read as no action");
  return ir::FkAction::NoAction;
}

ir::Expr raw(const std::string& sql) {
  ir::Expr e;
  e.kind = ir::ExprKind::Raw;
  e.text = sql;
  return e;
}

// The text SQLite keeps as a column's default (pragma table_info's dflt_value): for
// `DEFAULT (expr)` it drops the outer parentheses (parse.y: DEFAULT LP expr RP), so
// drizzle-kit's "(unixepoch())" is read back as "unixepoch()".
std::string storedDefault(const std::string& sql) {
  if (sql.size() < 2 || sql.front() != '(' || sql.back() != ')') return sql;
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;  // a doubled quote reopens on the next character
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0 && i + 1 != sql.size()) {
      return sql;  // "(a) + (b)": the first group closes before the end
    }
  }
  return depth == 0 && !quote ? sql.substr(1, sql.size() - 2) : sql;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : "_") + n;
  return out;
}

std::string uniqueName(const std::string& base, const std::set<std::string>& taken) {
  if (!taken.count(base)) return base;
  for (int n = 1;; ++n) {
    std::string candidate = base + std::to_string(n);
    if (!taken.count(candidate)) return candidate;
  }
}

std::string snakeCase(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      if (!out.empty()) out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

class Importer {
 public:
  Importer(const DrizzleSnapshot& snapshot, const TsSchema* modes)
      : snapshot_(snapshot), modes_(modes) {}

  DrizzleImport run() {
    if (modes_) indexModes();
    for (const DrizzleTable& t : snapshot_.tables) out_.schema.tables.push_back(table(t));
    for (const std::string& v : snapshot_.views) {
      warn("view \"" + v + "\": views are not imported; it is not in the .schema file");
    }
    if (modes_) reportUnusedModes();
    for (auto& [name, e] : enums_) out_.schema.enums.push_back(e);
    ir::canonicalize(out_.schema);
    return std::move(out_);
  }

 private:
  void warn(std::string line) { out_.warnings.push_back(std::move(line)); }

  std::string tsWhere(const TsColumn& c) const {
    return modes_->file + ":" + std::to_string(c.line) + ": table \"" + c.table + "\" column \"" +
           c.name + "\"";
  }

  // Pairs each schema.ts column with its snapshot column: by name, else (a column named after
  // its key under drizzle's `casing: 'snake_case'`) by the key in snake case.
  void indexModes() {
    std::map<std::string, std::set<std::string>> snapshotColumns;
    for (const DrizzleTable& t : snapshot_.tables) {
      for (const DrizzleColumn& c : t.columns) snapshotColumns[t.name].insert(c.name);
    }
    for (const TsColumn& c : modes_->columns) {
      auto t = snapshotColumns.find(c.table);
      if (t == snapshotColumns.end()) {
        if (!reportedTables_.insert(c.table).second) continue;
        warn(modes_->file + ":" + std::to_string(c.line) + ": table \"" + c.table +
             "\" is in schema.ts but not in the newest snapshot (run drizzle-kit generate?); "
             "its columns are not imported");
        continue;
      }
      std::string name = c.name;
      if (!t->second.count(name) && c.nameFromKey && t->second.count(snakeCase(c.key))) {
        name = snakeCase(c.key);
      }
      if (!t->second.count(name)) {
        warn(tsWhere(c) + ": not in the newest snapshot (run drizzle-kit generate?); ignored");
        continue;
      }
      modeOf_[{c.table, name}] = &c;
    }
  }

  void reportUnusedModes() {
    std::set<std::string> tsTables(modes_->tables.begin(), modes_->tables.end());
    for (const DrizzleTable& t : snapshot_.tables) {
      if (!tsTables.count(t.name)) {
        warn("table \"" + t.name + "\": not found in " + modes_->file +
             "; its columns have the plain types of their SQL types");
        continue;
      }
      for (const DrizzleColumn& c : t.columns) {
        if (!modeOf_.count({t.name, c.name})) {
          warn("table \"" + t.name + "\" column \"" + c.name + "\": not found in " + modes_->file +
               "; it has the plain type of its SQL type");
        }
      }
    }
  }

  // The enum for a text({ enum }) column: one per shared const array when the values agree,
  // else `<table>_<column>`.
  std::string enumFor(const std::string& table, const std::string& column, const TsColumn& m) {
    std::string name = m.enumConst.empty() ? table + "_" + column : snakeCase(m.enumConst);
    auto same = [&](const ir::Enum& e) {
      if (e.values.size() != m.enumValues.size()) return false;
      for (std::size_t i = 0; i < e.values.size(); ++i) {
        if (e.values[i].name != m.enumValues[i]) return false;
      }
      return true;
    };
    for (int n = 0;; ++n) {
      std::string candidate = n == 0 ? name : name + std::to_string(n);
      auto it = enums_.find(candidate);
      if (it == enums_.end()) {
        ir::Enum e;
        e.name = candidate;
        for (const std::string& v : m.enumValues) e.values.push_back({v, "", {}});
        enums_.emplace(candidate, std::move(e));
        return candidate;
      }
      if (same(it->second)) return candidate;
    }
  }

  // The logical type of a column, from its declared SQL type and, when known, its Drizzle mode.
  void type(const DrizzleTable& t, const DrizzleColumn& dc, ir::Column& c) {
    c.type = db::typeOfDeclared(dc.type);  // what inspect() reads from the database
    auto it = modeOf_.find({t.name, dc.name});
    if (it != modeOf_.end()) applyMode(t, dc, *it->second, c);
    if (!codegen::sqlite::sameDeclaredType(dc.type, codegen::sqlite::typeName(c.type))) {
      c.sqlType = dc.type;
    }
  }

  void applyMode(const DrizzleTable& t, const DrizzleColumn& dc, const TsColumn& m, ir::Column& c) {
    using K = ir::TypeKind;
    const std::string where = tsWhere(m);
    const K sqlKind = c.type.kind;
    auto unknownMode = [&] {
      warn(where + ": mode '" + m.mode + "' of " + m.builder +
           "() is not one schemac knows; the column has the plain type " +
           ir::typeToString(c.type));
    };
    if (m.builder == "integer" || m.builder == "int") {
      if (sqlKind != K::Int && sqlKind != K::Int32) return mismatch(where, m, dc);
      if (m.mode.empty() || m.mode == "number") return;
      if (m.mode == "timestamp" || m.mode == "timestamp_ms") {
        c.type = kind(K::Timestamp);
        c.type.unit = m.mode == "timestamp" ? ir::TimeUnit::Seconds : ir::TimeUnit::Millis;
      } else if (m.mode == "boolean") {
        c.type = kind(K::Bool);
        c.unchecked = true;
      } else {
        unknownMode();
      }
      return;
    }
    if (m.builder == "text") {
      if (sqlKind != K::Text) return mismatch(where, m, dc);
      if (!m.enumValues.empty()) {
        if (m.mode == "json") warn(where + ": both enum and mode 'json'; read as an enum");
        c.type = kind(K::Enum);
        c.type.enumName = enumFor(t.name, dc.name, m);
        c.unchecked = true;
        return;
      }
      if (!m.enumConst.empty()) {
        warn(where + ": enum '" + m.enumConst +
             "' is not a const array of string literals in this file; the column stays text");
        return;
      }
      if (m.mode.empty() || m.mode == "text") return;
      if (m.mode == "json") {
        c.type = kind(K::Json);
        c.unchecked = true;
      } else {
        unknownMode();
      }
      return;
    }
    if (m.builder == "blob") {
      // Buffers, bigints and JSON kept in a BLOB: the bytes are the value; schemac reads a blob.
      if (!m.mode.empty() && m.mode != "buffer" && m.mode != "bigint" && m.mode != "json") {
        unknownMode();
      }
      return;
    }
    if (m.builder == "real" || m.builder == "numeric") return;
    warn(where + ": column builder " + m.builder +
         "() is not a Drizzle SQLite builder schemac knows; the column has the plain type " +
         ir::typeToString(c.type));
  }

  void mismatch(const std::string& where, const TsColumn& m, const DrizzleColumn& dc) {
    warn(where + ": " + m.builder + "() but the snapshot declares it " + dc.type +
         "; the mode is not applied");
  }

  ir::Table table(const DrizzleTable& dt) {
    ir::Table t;
    t.name = dt.name;
    std::set<std::string> columnNames;
    for (const DrizzleColumn& dc : dt.columns) {
      ir::Column c;
      c.name = dc.name;
      columnNames.insert(dc.name);
      type(dt, dc, c);
      c.nullable = !dc.notNull;
      c.autoincrement = dc.autoincrement;
      if (dc.defaultSql) c.defaultValue = raw(storedDefault(*dc.defaultSql));
      if (dc.primaryKey) t.primaryKey.push_back(dc.name);
      t.columns.push_back(std::move(c));
    }
    const std::string where = "table \"" + dt.name + "\"";
    for (const DrizzleNamedColumns& pk : dt.compositePrimaryKeys) {
      if (!t.primaryKey.empty()) {
        warn(where + ": more than one primary key in the snapshot; \"" + pk.name + "\" is ignored");
        continue;
      }
      t.primaryKey = pk.columns;
    }
    // SQLite: the INTEGER PRIMARY KEY (rowid alias) is never NULL whatever drizzle declared.
    if (t.primaryKey.size() == 1) {
      for (ir::Column& c : t.columns) {
        if (c.name == t.primaryKey[0] &&
            codegen::sqlite::sameDeclaredType(codegen::sqlite::declaredType(c), "INTEGER")) {
          c.nullable = false;
        }
      }
    }
    std::set<std::string> indexNames;
    for (const DrizzleIndex& di : dt.indexes) {
      bool plainColumns = std::all_of(di.columns.begin(), di.columns.end(),
                                      [&](const std::string& n) { return columnNames.count(n); });
      if (!plainColumns) {
        warn(where + " index \"" + di.name +
             "\": indexes an expression, which schemac cannot describe; it is not imported");
        continue;
      }
      ir::Index ix;
      ix.name = di.name;
      ix.unique = di.unique;
      for (const std::string& n : di.columns) ix.columns.push_back({n, false});
      if (di.where) ix.where = raw(*di.where);
      indexNames.insert(ix.name);
      t.indexes.push_back(std::move(ix));
    }
    // Written inline (CONSTRAINT name UNIQUE(...)): SQLite keeps an autoindex, which
    // introspection names like schemac's unique items.
    for (const DrizzleNamedColumns& u : dt.uniqueConstraints) {
      ir::Index ix;
      ix.name = uniqueName(dt.name + "_" + joined(u.columns) + "_key", indexNames);
      ix.unique = true;
      for (const std::string& n : u.columns) ix.columns.push_back({n, false});
      indexNames.insert(ix.name);
      t.indexes.push_back(std::move(ix));
    }
    for (const DrizzleCheck& ch : dt.checks) t.checks.push_back({ch.name, raw(ch.sql)});
    // drizzle-kit writes FOREIGN KEY clauses without a CONSTRAINT name (so they are `unnamed`,
    // and a rebuild keeps them so), in the snapshot's order; introspection names them
    // `<table>_<cols>_fkey` in that order.
    std::set<std::string> fkNames;
    for (const DrizzleForeignKey& dfk : dt.foreignKeys) {
      ir::ForeignKey fk;
      fk.name = uniqueName(dt.name + "_" + joined(dfk.columnsFrom) + "_fkey", fkNames);
      fkNames.insert(fk.name);
      fk.columns = dfk.columnsFrom;
      fk.refTable = dfk.tableTo;
      fk.refColumns = dfk.columnsTo;
      const std::string fkWhere = where + " foreign key \"" + dfk.name + "\"";
      fk.onDelete = action(dfk.onDelete, fkWhere, out_.warnings);
      fk.onUpdate = action(dfk.onUpdate, fkWhere, out_.warnings);
      fk.unnamed = true;
      t.foreignKeys.push_back(std::move(fk));
    }
    return t;
  }

  const DrizzleSnapshot& snapshot_;
  const TsSchema* modes_;
  DrizzleImport out_;
  std::map<std::pair<std::string, std::string>, const TsColumn*> modeOf_;
  std::map<std::string, ir::Enum> enums_;
  std::set<std::string> reportedTables_;
};

}  // namespace

DrizzleImport importDrizzleSnapshot(const DrizzleSnapshot& snapshot, const TsSchema* modes) {
  return Importer(snapshot, modes).run();
}

}  // namespace schemac::importer
