// inspect(): a live SQLite database -> IR. Structure comes from the pragmas (authoritative for
// what SQLite enforces); names, expressions and docs from the stored CREATE statements.
#include "schemac/db/inspect.h"

#include <strings.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <unordered_map>

#include "inspect_internal.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/codegen/sqlite_tokenizer.h"
#include "schemac/support/ascii.h"

namespace schemac::db {
namespace {

namespace sq = codegen::sqlite;
using detail::ParsedCheck;
using detail::ParsedColumn;
using detail::ParsedTable;

std::string upperAscii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string text(const rt::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return {};
}

std::int64_t integer(const rt::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* s = std::get_if<std::string>(&v)) return std::atoll(s->c_str());
  return 0;
}

bool isNull(const rt::Value& v) { return std::holds_alternative<std::monostate>(v); }

// An object the IR cannot describe: thrown while reading it, caught where the object is read
// whole, then listed (Unrepresentable) or turned into an InspectError.
struct Skip {
  std::string kind, name, reason;
};

ir::Expr raw(std::string sql) {
  ir::Expr e;
  e.kind = ir::ExprKind::Raw;
  e.text = detail::trimSql(sql);
  return e;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : "_") + n;
  return out;
}

ir::FkAction actionFrom(const std::string& s, const std::string& table) {
  std::string u = upperAscii(s);
  if (u == "NO ACTION" || u.empty()) return ir::FkAction::NoAction;
  if (u == "RESTRICT") return ir::FkAction::Restrict;
  if (u == "CASCADE") return ir::FkAction::Cascade;
  if (u == "SET NULL") return ir::FkAction::SetNull;
  if (u == "SET DEFAULT") return ir::FkAction::SetDefault;
  throw Skip{"table", table, "unknown foreign key action '" + s + "'"};
}

using support::equalsIgnoreCase;

class Inspector {
 public:
  Inspector(rt::Connection& conn, const ir::Schema* reference, const ir::Schema* normalized,
            const IgnoreList& ignore = {}, std::vector<Unrepresentable>* unrepresentable = nullptr)
      : conn_(conn),
        reference_(reference),
        normalized_(normalized),
        ignore_(ignore),
        unrepresentable_(unrepresentable),
        namer_(reference) {}

  ir::Schema run() {
    rt::ResultSet objects = conn_.query(
        "SELECT type, name, sql FROM sqlite_schema WHERE type IN ('table', 'view', 'trigger') "
        "AND sql IS NOT NULL ORDER BY name");
    prefetch();
    ir::Schema out;
    std::vector<std::pair<std::string, std::string>> tables;
    for (const auto& row : objects.rows) {
      std::string type = text(row[0]), name = text(row[1]), sql = text(row[2]);
      if (type == "table" && isVirtual(sql)) {
        if (isInternalTable(name) || ignore_.matches(name)) continue;
        ir::VirtualTable vt;
        std::string error;
        if (!detail::parseCreateVirtualTable(sql, &vt, &error)) {
          unrepresentable({"virtual table", name, "cannot read its CREATE statement: " + error},
                          sql);
          continue;
        }
        vt.name = name;
        out.virtualTables.push_back(std::move(vt));
      } else if (type == "table") {
        tables.emplace_back(name, sql);
      } else if (type == "view") {
        if (!ignore_.matches(name)) view(out, name, sql);
      } else {
        trigger(out, name, sql);
      }
    }
    std::set<std::string> shadow = shadowTables(out.virtualTables);
    for (const auto& [name, sql] : tables) {
      if (isInternalTable(name) || ignore_.matches(name) || shadow.count(upperAscii(name)))
        continue;
      try {
        out.tables.push_back(table(name, sql));
      } catch (const Skip& skip) {
        unrepresentable(skip, sql);
      }
    }
    // Triggers on tables left out (internal, ignored, a module's) are not the project's.
    std::erase_if(out.triggers, [&](const ir::Trigger& tr) {
      return isInternalTable(tr.table) || ignore_.matches(tr.table) ||
             shadow.count(upperAscii(tr.table));
    });
    spellAsDeclared(out);
    out.enums = namer_.enums();
    ir::canonicalize(out);
    if (reference_) alignSpellings(out);
    return out;
  }

 private:
  // Names in keys and indexes as the tables declare them: tursodb's pragmas report the columns
  // of foreign keys and indexes lower-cased, and SQLite matches names without regard to case.
  static void spellAsDeclared(ir::Schema& out) {
    auto spell = [](const ir::Table* t, std::string& name) {
      if (!t) return;
      for (const ir::Column& c : t->columns) {
        if (equalsIgnoreCase(c.name, name)) name = c.name;
      }
    };
    auto findTable = [&](const std::string& name) -> const ir::Table* {
      for (const ir::Table& t : out.tables) {
        if (equalsIgnoreCase(t.name, name)) return &t;
      }
      return nullptr;
    };
    for (ir::Table& t : out.tables) {
      for (std::string& k : t.primaryKey) spell(&t, k);
      for (ir::Index& ix : t.indexes) {
        for (ir::IndexColumn& c : ix.columns) {
          if (!c.column.empty()) spell(&t, c.column);
        }
      }
      for (ir::ForeignKey& fk : t.foreignKeys) {
        for (std::string& c : fk.columns) spell(&t, c);
        const ir::Table* ref = findTable(fk.refTable);
        if (ref) fk.refTable = ref->name;
        for (std::string& c : fk.refColumns) spell(ref, c);
      }
    }
  }

  static bool isVirtual(const std::string& sql) {
    std::vector<sq::Token> head = sq::tokenize(std::string_view(sql).substr(0, 64));
    return head.size() > 1 && head[1].isWord("VIRTUAL");
  }

  void view(ir::Schema& out, const std::string& name, const std::string& sql) {
    detail::ParsedView parsed;
    std::string error;
    if (!detail::parseCreateView(sql, &parsed, &error)) {
      unrepresentable({"view", name, "cannot read its CREATE statement: " + error}, sql);
    } else if (parsed.hasColumnList) {
      unrepresentable({"view", name, "names its columns (CREATE VIEW v(a, b) AS ...)"}, sql);
    } else {
      out.views.push_back(ir::View{name, parsed.select, ""});
    }
  }

  void trigger(ir::Schema& out, const std::string& name, const std::string& sql) {
    ir::Trigger tr;
    std::string error;
    if (!detail::parseCreateTrigger(sql, &tr, &error)) {
      unrepresentable({"trigger", name, "cannot read its CREATE statement: " + error}, sql);
      return;
    }
    tr.name = name;
    out.triggers.push_back(std::move(tr));
  }

  // The upper-cased names of the tables virtual tables keep their data in: SQLite's `pragma
  // table_list` says `shadow` (3.37+); servers without it (tursodb) by the names fts3/4/5 and
  // rtree give them.
  std::set<std::string> shadowTables(const std::vector<ir::VirtualTable>& vts) {
    std::set<std::string> out;
    if (vts.empty()) return out;
    try {
      for (const auto& row :
           conn_.query("SELECT name FROM pragma_table_list WHERE type = 'shadow'").rows) {
        out.insert(upperAscii(text(row[0])));
      }
    } catch (const rt::DbError&) {
      // No pragma table_list: the suffixes below only.
    }
    static const std::map<std::string, std::vector<const char*>> kSuffixes = {
        {"FTS3", {"content", "segments", "segdir", "docsize", "stat"}},
        {"FTS4", {"content", "segments", "segdir", "docsize", "stat"}},
        {"FTS5", {"data", "idx", "content", "docsize", "config"}},
        {"RTREE", {"node", "parent", "rowid"}},
        {"GEOPOLY", {"node", "parent", "rowid"}},
    };
    for (const ir::VirtualTable& vt : vts) {
      auto it = kSuffixes.find(upperAscii(vt.module));
      if (it == kSuffixes.end()) continue;
      for (const char* suffix : it->second) out.insert(upperAscii(vt.name + "_" + suffix));
    }
    return out;
  }

  // Without a list to fill, an object the IR cannot describe fails the whole inspection.
  void unrepresentable(const Skip& skip, const std::string& sql) {
    if (!unrepresentable_) {
      throw InspectError(skip.kind + " \"" + skip.name + "\": " + skip.reason);
    }
    unrepresentable_->push_back({skip.kind, skip.name, skip.reason, sql});
  }

  rt::ResultSet pragma(const char* fn, const std::string& arg) {
    std::vector<rt::Value> params{arg};
    return conn_.query(std::string("SELECT * FROM ") + fn + "(?1)", params);
  }

  static std::size_t col(const std::vector<std::string>& columns, const char* name) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == name) return i;
    }
    throw InspectError(std::string("unexpected pragma output: no column ") + name);
  }
  static std::size_t col(const rt::ResultSet& rs, const char* name) {
    return col(rs.columns, name);
  }

  // Rows of one pragma for one table: a slice of a prefetched result, or a query of its own.
  struct Rows {
    std::shared_ptr<const rt::ResultSet> result;
    std::span<const std::vector<rt::Value>> rows;
    std::size_t col(const char* name) const { return Inspector::col(result->columns, name); }
  };

  // One query per pragma for every table at once (pragma table-valued functions joined with
  // sqlite_schema) instead of several per table: `status` on 1,000 tables ran ~5,000 queries.
  // A database where a bulk query fails (say, a virtual table whose module is not loaded makes
  // the join fail) is read table by table, as before.
  struct Bulk {
    std::shared_ptr<const rt::ResultSet> result;
    std::map<std::string, std::pair<std::size_t, std::size_t>, std::less<>> byTable;
  };
  Bulk bulk(const std::string& sql) {
    Bulk b;
    auto rs = std::make_shared<rt::ResultSet>(conn_.query(sql));
    for (std::size_t i = 0; i < rs->rows.size(); ++i) {
      std::string table = text(rs->rows[i][0]);
      auto [it, fresh] = b.byTable.try_emplace(std::move(table), i, i + 1);
      if (!fresh) {
        if (it->second.second != i) throw InspectError("bulk pragma rows are not grouped");
        it->second.second = i + 1;
      }
    }
    b.result = std::move(rs);
    return b;
  }
  void prefetch() {
    try {
      xinfo_ = bulk(
          "SELECT m.name AS inspected_table, p.* FROM sqlite_schema m "
          "JOIN pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND m.sql NOT LIKE "
          "'CREATE VIRTUAL %' ORDER BY m.name, p.cid");
      indexes_ = bulk(
          "SELECT m.name AS inspected_table, l.seq AS list_seq, l.name AS index_name, "
          "l.\"unique\", l.origin, l.partial, x.seqno, x.cid, x.name, x.\"desc\", x.\"key\" "
          "FROM sqlite_schema m JOIN pragma_index_list(m.name) l "
          "LEFT JOIN pragma_index_xinfo(l.name) x WHERE m.type = 'table' "
          "AND m.sql NOT LIKE 'CREATE VIRTUAL %' "
          "ORDER BY m.name, l.seq, x.seqno");
      fks_ = bulk(
          "SELECT m.name AS inspected_table, f.* FROM sqlite_schema m "
          "JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' "
          "AND m.sql NOT LIKE 'CREATE VIRTUAL %' "
          "ORDER BY m.name, f.id, f.seq");
      rt::ResultSet ix = conn_.query("SELECT name, sql FROM sqlite_schema WHERE type = 'index'");
      for (auto& row : ix.rows) {
        if (!isNull(row[1])) indexSql_.emplace(text(row[0]), text(row[1]));
      }
      bulk_ = true;
    } catch (const rt::DbError&) {
      bulk_ = false;
    } catch (const InspectError&) {
      bulk_ = false;
    }
  }
  Rows rowsOf(const Bulk& b, const std::string& table) const {
    Rows r;
    r.result = b.result;
    if (auto it = b.byTable.find(table); it != b.byTable.end()) {
      r.rows = std::span<const std::vector<rt::Value>>(b.result->rows)
                   .subspan(it->second.first, it->second.second - it->second.first);
    }
    return r;
  }
  Rows query(const char* fn, const std::string& arg) {
    Rows r;
    r.result = std::make_shared<rt::ResultSet>(pragma(fn, arg));
    r.rows = r.result->rows;
    return r;
  }

  ir::Table table(const std::string& name, const std::string& sql) {
    ParsedTable parsed;
    std::string error;
    if (!detail::parseCreateTable(sql, &parsed, &error)) {
      throw Skip{"table", name, "cannot read its CREATE statement: " + error};
    }
    if (!parsed.unsupported.empty()) {
      throw Skip{"table", name, parsed.unsupported + ", which schemac cannot represent"};
    }
    ir::Table t;
    t.name = name;
    t.withoutRowid = parsed.withoutRowid;
    t.strict = parsed.strict;
    t.primaryKeyName = parsed.primaryKeyName;
    columns(t, parsed);
    checks(t, parsed);
    indexes(t, parsed);
    foreignKeys(t, parsed);
    return t;
  }

  void columns(ir::Table& t, ParsedTable& parsed) {
    Rows rs = bulk_ ? rowsOf(xinfo_, t.name) : query("pragma_table_xinfo", t.name);
    std::size_t cName = rs.col("name"), cType = rs.col("type"), cNotNull = rs.col("notnull"),
                cDefault = rs.col("dflt_value"), cPk = rs.col("pk"), cHidden = rs.col("hidden");
    std::vector<std::pair<std::int64_t, std::string>> pk;
    for (const auto& row : rs.rows) {
      std::int64_t hidden = integer(row[cHidden]);
      if (hidden == 1) continue;  // hidden columns of virtual tables
      ir::Column c;
      c.name = text(row[cName]);
      ParsedColumn* pc = nullptr;
      for (ParsedColumn& p : parsed.columns) {
        if (equalsIgnoreCase(p.name, c.name)) pc = &p;
      }
      if (!pc) {
        throw Skip{"table", t.name,
                   "column \"" + c.name + "\" is missing from its CREATE statement"};
      }
      std::string declared = text(row[cType]);
      // tursodb reports `DECIMAL (12, 2)` as DECIMAL; the CREATE text keeps the arguments.
      if (declared.find('(') == std::string::npos &&
          pc->declaredType.find('(') != std::string::npos) {
        declared = pc->declaredType;
      }
      // The declared text as the CREATE statement spells it when that is the same type (pragma
      // upper-cases some names: `integer` reads back as INTEGER).
      std::string exact =
          sq::sameDeclaredType(pc->declaredType, declared) ? pc->declaredType : declared;
      detail::InferredType inferred = detail::inferColumnType(exact, c.name, pc->checks);
      c.type = inferred.type;
      c.sqlType = inferred.sqlType;
      c.unchecked = inferred.unchecked;
      c.nullable = integer(row[cNotNull]) == 0;
      if (!isNull(row[cDefault])) c.defaultValue = raw(text(row[cDefault]));
      if (integer(row[cPk]) > 0) pk.emplace_back(integer(row[cPk]), c.name);
      c.doc = pc->doc;
      c.collation = pc->collation;
      c.autoincrement = pc->autoincrement;
      if (hidden == 2 || hidden == 3) {
        if (!pc->generatedSql) {
          throw Skip{"table", t.name,
                     "generated column \"" + c.name + "\" has no readable expression"};
        }
        c.generated = ir::Generated{raw(*pc->generatedSql), hidden == 3};
      }
      if (inferred.enumValues) c.type.enumName = namer_.name(t.name, c.name, *inferred.enumValues);
      // The rowid alias can never be NULL, whatever notnull says.
      if (equalsIgnoreCase(declared, "INTEGER") && integer(row[cPk]) == 1 && !parsed.withoutRowid) {
        rowidCandidate_ = c.name;
      }
      t.columns.push_back(std::move(c));
    }
    std::sort(pk.begin(), pk.end());
    for (const auto& [pos, n] : pk) t.primaryKey.push_back(n);
    keyOrderFromText(t, parsed);
    if (t.primaryKey.size() == 1 && t.primaryKey[0] == rowidCandidate_) {
      for (ir::Column& c : t.columns) {
        if (c.name == rowidCandidate_) c.nullable = false;
      }
    }
    rowidCandidate_.clear();
  }

  // The key's column order as the CREATE statement writes it: tursodb's pragma table_info
  // reports pk = 1 for every key column, so its order says nothing there. Used when the text
  // names the same columns as the pragma.
  static void keyOrderFromText(ir::Table& t, const ParsedTable& parsed) {
    if (parsed.primaryKey.size() != t.primaryKey.size()) return;
    std::vector<std::string> ordered;
    for (const std::string& p : parsed.primaryKey) {
      for (const std::string& k : t.primaryKey) {
        if (equalsIgnoreCase(p, k)) ordered.push_back(k);
      }
    }
    std::vector<std::string> a = ordered, b = t.primaryKey;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a == b) t.primaryKey = std::move(ordered);
  }

  void checks(ir::Table& t, ParsedTable& parsed) {
    std::set<std::string> taken;
    for (const ParsedCheck& c : parsed.checks) {
      if (!c.name.empty()) taken.insert(c.name);
    }
    for (const ParsedColumn& pc : parsed.columns) {
      for (const ParsedCheck& c : pc.checks) {
        if (!c.name.empty()) taken.insert(c.name);
      }
    }
    auto add = [&](const std::string& name, const std::string& sql) {
      taken.insert(name);
      t.checks.push_back({name, raw(sql), synthesized_.count(t.name + '\0' + name) > 0});
    };
    auto unnamed = [&](const std::string& name) {
      synthesized_.insert(t.name + '\0' + name);
      return name;
    };
    // Checks left on columns after type refinement are user checks; unnamed ones get the names
    // sema gives column checks (`<table>_<column>_check`) and table checks (`<table>_check`, ...).
    for (const ParsedColumn& pc : parsed.columns) {
      for (const ParsedCheck& c : pc.checks) {
        add(c.name.empty() ? unnamed(detail::uniqueName(t.name + "_" + pc.name + "_check", taken))
                           : c.name,
            c.sql);
      }
    }
    for (const ParsedCheck& c : parsed.checks) {
      add(c.name.empty() ? unnamed(detail::uniqueName(t.name + "_check", taken)) : c.name, c.sql);
    }
  }

  // One index of a table: its pragma_index_list row and its pragma_index_xinfo rows.
  struct IndexRows {
    const std::vector<rt::Value>* list;
    std::size_t cName, cUnique, cOrigin, cPartial;
    Rows info;
  };

  std::vector<IndexRows> indexRows(const std::string& table) {
    std::vector<IndexRows> out;
    if (bulk_) {
      Rows all = rowsOf(indexes_, table);
      std::size_t cSeq = all.col("list_seq"), cName = all.col("index_name"),
                  cUnique = all.col("unique"), cOrigin = all.col("origin"),
                  cPartial = all.col("partial");
      std::size_t i = 0;
      while (i < all.rows.size()) {
        std::size_t j = i + 1;
        while (j < all.rows.size() && integer(all.rows[j][cSeq]) == integer(all.rows[i][cSeq])) ++j;
        Rows info{all.result, all.rows.subspan(i, j - i)};
        out.push_back({&all.rows[i], cName, cUnique, cOrigin, cPartial, std::move(info)});
        i = j;
      }
      return out;
    }
    Rows list = query("pragma_index_list", table);
    std::size_t cName = list.col("name"), cUnique = list.col("unique"),
                cOrigin = list.col("origin"), cPartial = list.col("partial");
    for (const auto& row : list.rows) {
      if (text(row[cOrigin]) == "pk") {
        out.push_back({&row, cName, cUnique, cOrigin, cPartial, Rows{list.result, {}}});
        continue;
      }
      out.push_back(
          {&row, cName, cUnique, cOrigin, cPartial, query("pragma_index_xinfo", text(row[cName]))});
    }
    // The list rows live in list.result, which every element's info does not hold: keep it.
    listKeepAlive_.push_back(list.result);
    return out;
  }

  // The CREATE INDEX statement of an index; empty for automatic ones.
  // An index's name as sqlite_schema spells it and its CREATE text ("" when there is none),
  // looked up without regard to case: SQLite names are case-insensitive, and tursodb's pragmas
  // report them lower-cased (`ifk_albumartistid` for IFK_AlbumArtistId).
  struct IndexText {
    std::string name, sql;
  };
  IndexText indexText(const std::string& name) {
    if (!bulk_) {
      rt::ResultSet rs =
          conn_.query("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                      std::vector<rt::Value>{name});
      if (rs.rows.empty())
        rs = conn_.query("SELECT name, sql FROM sqlite_schema WHERE type = 'index'");
      for (const auto& row : rs.rows) {
        if (!isNull(row[1]) && equalsIgnoreCase(text(row[0]), name)) {
          indexSql_.emplace(text(row[0]), text(row[1]));
        }
      }
    }
    if (auto it = indexSql_.find(name); it != indexSql_.end()) return {it->first, it->second};
    for (const auto& [n, sql] : indexSql_) {
      if (equalsIgnoreCase(n, name)) return {n, sql};
    }
    return {name, ""};
  }
  std::string indexSql(const std::string& name) { return indexText(name).sql; }

  void indexes(ir::Table& t, const ParsedTable& parsed) {
    listKeepAlive_.clear();
    std::vector<bool> usedUniques(parsed.uniques.size(), false);
    for (const IndexRows& ir : indexRows(t.name)) {
      const std::vector<rt::Value>& row = *ir.list;
      if (text(row[ir.cOrigin]) == "pk") continue;  // the key itself, already in primaryKey
      try {
        t.indexes.push_back(index(t, ir, parsed, usedUniques));
      } catch (const Skip& skip) {
        unrepresentable(skip, indexSql(skip.name));
      }
    }
    // A UNIQUE constraint on the key's columns, or repeating an earlier one, gets no index of
    // its own (SQLite reuses the existing one), so pragma index_list does not show it; the
    // CREATE text still has it, and a rebuild must write it again.
    for (std::size_t u = 0; u < parsed.uniques.size(); ++u) {
      if (usedUniques[u]) continue;
      ir::Index ix;
      ix.unique = true;
      ix.constraint = true;
      std::vector<std::string> names;
      bool columnsOnly = true;
      for (const detail::ParsedIndexPart& part : parsed.uniques[u].parts) {
        columnsOnly = columnsOnly && !part.column.empty();
        ir::IndexColumn c(part.column, part.desc);
        c.collation = part.collation;
        names.push_back(part.column);
        ix.columns.push_back(std::move(c));
      }
      if (!columnsOnly || names.empty()) continue;  // SQLite refuses such a constraint
      ix.unnamed = parsed.uniques[u].name.empty();
      ix.name = ix.unnamed ? t.name + "_" + joined(names) + "_key" : parsed.uniques[u].name;
      t.indexes.push_back(std::move(ix));
    }
  }

  ir::Index index(const ir::Table& t, const IndexRows& ir, const ParsedTable& parsed,
                  std::vector<bool>& usedUniques) {
    const std::vector<rt::Value>& row = *ir.list;
    std::string sqliteName = text(row[ir.cName]);
    bool constraint = text(row[ir.cOrigin]) == "u";
    ir::Index ix;
    ix.unique = integer(row[ir.cUnique]) != 0;
    const Rows& info = ir.info;
    std::size_t cSeq = info.col("seqno"), cCid = info.col("cid"), cColName = info.col("name"),
                cDesc = info.col("desc"), cKey = info.col("key");
    // The key rows in key order: (cid, column name, desc).
    std::vector<std::pair<std::int64_t, const std::vector<rt::Value>*>> keys;
    for (const auto& r : info.rows) {
      if (integer(r[cKey]) != 0) keys.emplace_back(integer(r[cSeq]), &r);
    }
    std::sort(keys.begin(), keys.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    // What the pragma does not say (expressions, COLLATE as written) comes from the text: the
    // UNIQUE constraint of the CREATE TABLE statement, or the CREATE INDEX statement.
    std::optional<std::vector<detail::ParsedIndexPart>> parts;
    std::string constraintName;
    if (constraint) {
      for (std::size_t u = 0; u < parsed.uniques.size() && !parts; ++u) {
        const auto& pu = parsed.uniques[u];
        if (usedUniques[u] || pu.parts.size() != keys.size()) continue;
        bool same = true;
        for (std::size_t k = 0; k < keys.size(); ++k) {
          same = same && equalsIgnoreCase(pu.parts[k].column, text((*keys[k].second)[cColName]));
        }
        if (!same) continue;
        usedUniques[u] = true;
        parts = pu.parts;
        constraintName = pu.name;
      }
    } else {
      IndexText created = indexText(sqliteName);
      sqliteName = created.name;
      parts = detail::parseIndexParts(created.sql);
      if (!parts) throw Skip{"index", sqliteName, "cannot read its CREATE statement"};
    }
    if (parts && parts->size() != keys.size()) {
      throw Skip{"index", sqliteName, "cannot read its column list"};
    }
    std::vector<std::string> names;
    for (std::size_t k = 0; k < keys.size(); ++k) {
      const std::vector<rt::Value>& r = *keys[k].second;
      ir::IndexColumn c;
      c.desc = integer(r[cDesc]) != 0;
      if (parts) c.collation = (*parts)[k].collation;
      std::int64_t cid = integer(r[cCid]);
      if (cid >= 0) {
        // As the table spells it (tursodb's pragma lower-cases it): the default name uses it.
        c.column = text(r[cColName]);
        for (const ir::Column& col : t.columns) {
          if (equalsIgnoreCase(col.name, c.column)) c.column = col.name;
        }
        names.push_back(c.column);
      } else if (cid < 0 && parts && !(*parts)[k].expr.empty()) {
        // SQLite reports an expression as cid -2, tursodb as -1 (with its text as the name).
        c.expr = raw((*parts)[k].expr);
        names.push_back("expr");
      } else {
        throw Skip{"index", sqliteName,
                   cid == -1 ? "indexes the rowid, which schemac cannot represent"
                             : "cannot read its expression"};
      }
      ix.columns.push_back(std::move(c));
    }
    if (constraint) {
      // A UNIQUE constraint (SQLite's sqlite_autoindex_*): its CONSTRAINT name, else the name
      // sema gives an unnamed one.
      ix.constraint = true;
      ix.unnamed = constraintName.empty();
      ix.name = ix.unnamed ? t.name + "_" + joined(names) + "_key" : constraintName;
    } else {
      ix.name = sqliteName;
    }
    if (integer(row[ir.cPartial]) != 0) {
      std::optional<std::string> where = detail::parseIndexWhere(indexSql(sqliteName));
      if (!where) throw Skip{"index", sqliteName, "cannot read its WHERE clause"};
      ix.where = raw(*where);
    }
    return ix;
  }

  void foreignKeys(ir::Table& t, const ParsedTable& parsed) {
    Rows rs = bulk_ ? rowsOf(fks_, t.name) : query("pragma_foreign_key_list", t.name);
    std::size_t cId = rs.col("id"), cSeq = rs.col("seq"), cTable = rs.col("table"),
                cFrom = rs.col("from"), cTo = rs.col("to"), cUpd = rs.col("on_update"),
                cDel = rs.col("on_delete");
    struct Raw {
      std::vector<std::pair<std::int64_t, std::pair<std::string, rt::Value>>> cols;
      std::string table, onUpdate, onDelete;
    };
    std::map<std::int64_t, Raw> byId;
    for (const auto& row : rs.rows) {
      Raw& r = byId[integer(row[cId])];
      r.table = text(row[cTable]);
      r.onUpdate = text(row[cUpd]);
      r.onDelete = text(row[cDel]);
      r.cols.push_back({integer(row[cSeq]), {text(row[cFrom]), row[cTo]}});
    }
    std::vector<bool> used(parsed.foreignKeys.size(), false);
    std::set<std::string> taken;
    // SQLite lists foreign keys last-declared first; walk them in declaration order so that
    // identical keys pair with their declarations in order.
    for (auto it = byId.rbegin(); it != byId.rend(); ++it) {
      Raw& r = it->second;
      std::sort(r.cols.begin(), r.cols.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      ir::ForeignKey fk;
      fk.refTable = r.table;
      bool implicitTarget = false;
      for (const auto& [seq, ft] : r.cols) {
        fk.columns.push_back(ft.first);
        // SQLite reports a missing target column as NULL, tursodb as an empty name.
        if (isNull(ft.second) || text(ft.second).empty()) implicitTarget = true;
        fk.refColumns.push_back(text(ft.second));
      }
      if (implicitTarget) fk.refColumns = primaryKeyOf(r.table);
      fk.onDelete = actionFrom(r.onDelete, t.name);
      fk.onUpdate = actionFrom(r.onUpdate, t.name);
      for (std::size_t i = 0; i < parsed.foreignKeys.size(); ++i) {
        const auto& p = parsed.foreignKeys[i];
        if (used[i] || !equalsIgnoreCase(p.refTable, fk.refTable) ||
            p.columns.size() != fk.columns.size()) {
          continue;
        }
        bool same = true;
        for (std::size_t k = 0; k < p.columns.size(); ++k)
          same = same && equalsIgnoreCase(p.columns[k], fk.columns[k]);
        if (!same) continue;
        used[i] = true;
        fk.name = p.name;
        fk.deferral = p.deferral;
        break;
      }
      if (fk.name.empty()) {
        fk.name = detail::uniqueName(t.name + "_" + joined(fk.columns) + "_fkey", taken);
        fk.unnamed = true;
        synthesized_.insert(t.name + '\0' + fk.name);
      }
      taken.insert(fk.name);
      t.foreignKeys.push_back(std::move(fk));
    }
  }

  std::vector<std::string> primaryKeyOf(const std::string& table) {
    std::vector<std::pair<std::int64_t, std::string>> pk;
    rt::ResultSet rs = pragma("pragma_table_info", table);
    std::size_t cName = col(rs, "name"), cPk = col(rs, "pk");
    for (const auto& row : rs.rows) {
      if (integer(row[cPk]) > 0) pk.emplace_back(integer(row[cPk]), text(row[cName]));
    }
    std::sort(pk.begin(), pk.end());
    ir::Table t;
    for (auto& [pos, n] : pk) t.primaryKey.push_back(n);
    // The order as written, as for the table's own key (tursodb numbers every key column 1).
    rt::ResultSet sql =
        conn_.query("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                    std::vector<rt::Value>{table});
    ParsedTable parsed;
    std::string error;
    if (!sql.rows.empty() && detail::parseCreateTable(text(sql.rows[0][0]), &parsed, &error)) {
      keyOrderFromText(t, parsed);
    }
    return t.primaryKey;
  }

  // Expressions the database holds in another spelling of the reference's lowering (spacing,
  // quoting, case: see detail::canonicalSql) take the lowering's text, so that comparing with
  // normalizeForSqlite(reference) shows only real changes. SQLite keeps the text as written;
  // tursodb re-prints it.
  void alignSpellings(ir::Schema& out) const {
    std::unordered_map<std::string_view, const ir::Table*> refTables;
    for (const ir::Table& t : (normalized_ ? normalized_ : reference_)->tables) {
      refTables.try_emplace(t.name, &t);
    }
    auto align = [&](ir::Expr& live, const ir::Table& ref, const ir::Expr& expected) {
      if (live.kind != ir::ExprKind::Raw) return;
      std::string text = lowered(ref, expected);
      if (text != live.text && detail::sameSql(text, live.text)) live.text = std::move(text);
    };
    for (ir::Table& t : out.tables) {
      auto it = refTables.find(t.name);
      if (it == refTables.end()) continue;
      const ir::Table& ref = *it->second;
      for (ir::Column& c : t.columns) {
        const ir::Column* rc = ref.findColumn(c.name);
        if (!rc) continue;
        // A declared type the server re-prints (`text (256)`) or upper-cases is the same type.
        if (!c.sqlType.empty() && c.sqlType != rc->sqlType &&
            sq::sameDeclaredType(c.sqlType, rc->sqlType)) {
          c.sqlType = rc->sqlType;
        }
        if (c.defaultValue && rc->defaultValue) align(*c.defaultValue, ref, *rc->defaultValue);
        if (c.generated && rc->generated) align(c.generated->expr, ref, rc->generated->expr);
      }
      alignNames(t, ref);
      for (ir::Check& c : t.checks) {
        for (const ir::Check& rc : ref.checks) {
          if (rc.name == c.name) align(c.expr, ref, rc.expr);
        }
      }
      for (ir::Index& ix : t.indexes) {
        for (const ir::Index& rix : ref.indexes) {
          if (rix.name != ix.name) continue;
          if (ix.where && rix.where) align(*ix.where, ref, *rix.where);
          for (std::size_t k = 0; k < ix.columns.size() && k < rix.columns.size(); ++k) {
            // The part as lowered (an operator expression keeps its parentheses).
            ir::IndexColumn part =
                normalized_ ? rix.columns[k]
                            : detail::normalizedIndexPart(*reference_, ref, rix.columns[k]);
            ir::IndexColumn& live = ix.columns[k];
            if (live.expr && part.expr && live.expr->text != part.expr->text &&
                detail::sameSql(live.expr->text, part.expr->text)) {
              live.expr->text = part.expr->text;
            }
          }
        }
      }
    }
    // Views, triggers and virtual tables keep their SQL as written: the reference's text when
    // the tokens are the same.
    const ir::Schema& refSchema = normalized_ ? *normalized_ : *reference_;
    auto alignText = [](std::string& live, const std::string& expected) {
      if (live != expected && detail::sameSql(live, expected)) live = expected;
    };
    for (ir::View& v : out.views) {
      if (const ir::View* rv = refSchema.findView(v.name)) alignText(v.sql, rv->sql);
    }
    for (ir::Trigger& tr : out.triggers) {
      if (const ir::Trigger* rt = refSchema.findTrigger(tr.name)) {
        alignText(tr.when, rt->when);
        alignText(tr.body, rt->body);
      }
    }
    for (ir::VirtualTable& vt : out.virtualTables) {
      if (const ir::VirtualTable* rv = refSchema.findVirtualTable(vt.name)) {
        alignText(vt.args, rv->args);
      }
    }
  }

  // An expression of the reference (a table of normalized_ when given, else of reference_) as
  // lowering writes it.
  std::string lowered(const ir::Table& ref, const ir::Expr& e) const {
    if (normalized_) return e.text;  // normalizeForSqlite made it Raw, trimmed
    return detail::trimSql(sq::renderExpr(*reference_, ref, e));
  }

  // A check or foreign key the database keeps without its name (tursodb drops CONSTRAINT names
  // when ALTER TABLE re-prints a table) got a made-up name; when the reference has the same
  // constraint under a name the database does not use, that name is the one it lost.
  void alignNames(ir::Table& t, const ir::Table& ref) const {
    auto madeUp = [&](const std::string& name) {
      return synthesized_.count(t.name + '\0' + name) > 0;
    };
    auto used = [](const auto& list, const std::string& name) {
      return std::any_of(list.begin(), list.end(), [&](const auto& x) { return x.name == name; });
    };
    // A made-up name that is the reference's own (the default `<table>_<cols>_fkey`) for the
    // same constraint: only `unnamed` differs, and that is the server's doing.
    for (ir::Check& c : t.checks) {
      if (!madeUp(c.name)) continue;
      for (const ir::Check& rc : ref.checks) {
        bool sameName = rc.name == c.name;
        if (!sameName && (used(ref.checks, c.name) || used(t.checks, rc.name))) continue;
        if (detail::sameSql(lowered(ref, rc.expr), c.expr.text)) {
          c.name = rc.name;
          c.unnamed = rc.unnamed;
          break;
        }
      }
    }
    for (ir::ForeignKey& fk : t.foreignKeys) {
      if (!madeUp(fk.name)) continue;
      for (const ir::ForeignKey& rfk : ref.foreignKeys) {
        bool sameName = rfk.name == fk.name;
        if (!sameName && (used(ref.foreignKeys, fk.name) || used(t.foreignKeys, rfk.name))) {
          continue;
        }
        ir::ForeignKey renamed = fk;
        renamed.name = rfk.name;
        renamed.unnamed = rfk.unnamed;
        if (renamed == rfk) {
          fk = renamed;
          break;
        }
      }
    }
    std::sort(t.checks.begin(), t.checks.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    std::sort(t.foreignKeys.begin(), t.foreignKeys.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
  }

  rt::Connection& conn_;
  const ir::Schema* reference_;
  const ir::Schema* normalized_;  // normalizeForSqlite(*reference_), when the caller has it
  IgnoreList ignore_;             // tables left out (schemac.toml `ignore`)
  std::vector<Unrepresentable>* unrepresentable_;  // null: such an object is an InspectError
  std::set<std::string> synthesized_;              // "<table>\0<name>" of made-up constraint names
  detail::EnumNamer namer_;
  std::string rowidCandidate_;
  bool bulk_ = false;
  Bulk xinfo_, indexes_, fks_;
  std::map<std::string, std::string, std::less<>> indexSql_;
  std::vector<std::shared_ptr<const rt::ResultSet>> listKeepAlive_;
};

}  // namespace

ir::Schema inspect(rt::Connection& conn, const ir::Schema* reference) {
  return Inspector(conn, reference, nullptr).run();
}

ir::Schema inspect(rt::Connection& conn, const ir::Schema* reference,
                   const ir::Schema* normalizedReference, const IgnoreList& ignore,
                   std::vector<Unrepresentable>* unrepresentable) {
  return Inspector(conn, reference, normalizedReference, ignore, unrepresentable).run();
}

}  // namespace schemac::db
