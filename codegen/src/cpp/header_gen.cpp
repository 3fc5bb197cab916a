// The generated header (docs/cpp.md shows one whole). Everything is written through the
// Printer; names come from names.cpp; nothing depends on hash-map order.
#include <map>
#include <set>
#include <string>

#include "schemac/codegen/cpp.h"
#include "schemac/codegen/printer.h"
#include "schemac/support/quote.h"

namespace schemac::codegen::cpp {

namespace {

constexpr const char* kRt = "::schemac::rt::";

// Names a table's descriptor members use: a column with one of these names gets a `_`.
const std::vector<std::string_view> kMemberNames = {
    "Row",        "Insert",     "Key",         "kName",          "kQuotedName",
    "kSelectSql", "kKeyWhere",  "kKeyColumns", "kInsertColumns", "kInsertOptional",
    "readRow",    "insertMask", "bindInsert",  "bindKey",        "readKey"};
// Names of the namespace-level functions and constants of every header.
const std::vector<std::string_view> kNamespaceNames = {
    "migrations", "verify", "migrate", "kFingerprint", "to_string", "from_string", "rt"};

using support::quoteIdent;

// The SQLite declared type of a column (docs/sqlite-lowering.md): informative in descriptors.
std::string sqlTypeName(const ir::Type& t) {
  switch (t.kind) {
    case ir::TypeKind::Int:
      return "INTEGER";
    case ir::TypeKind::Int32:
      return "INT";
    case ir::TypeKind::Real:
      return "REAL";
    case ir::TypeKind::Decimal:
      return "DECIMAL(" + std::to_string(t.precision) + ", " + std::to_string(t.scale) + ")";
    case ir::TypeKind::Text:
    case ir::TypeKind::Json:
    case ir::TypeKind::Enum:
      return "TEXT";
    case ir::TypeKind::Varchar:
      return "VARCHAR(" + std::to_string(t.length) + ")";
    case ir::TypeKind::Bool:
      return "BOOLEAN";
    case ir::TypeKind::Timestamp:
      return "TIMESTAMP";
    case ir::TypeKind::Date:
      return "DATE";
    case ir::TypeKind::Uuid:
      return "UUID";
    case ir::TypeKind::Blob:
      return "BLOB";
  }
  return "BLOB";
}

struct Names {
  std::map<std::string, std::string> enumType;  // schema enum name -> C++ type
};

std::string valueType(const ir::Type& t, const Names& names) {
  switch (t.kind) {
    case ir::TypeKind::Int:
      return "std::int64_t";
    case ir::TypeKind::Int32:
      return "std::int32_t";
    case ir::TypeKind::Real:
      return "double";
    case ir::TypeKind::Decimal:
      return std::string(kRt) + "Decimal";
    case ir::TypeKind::Text:
    case ir::TypeKind::Varchar:
    case ir::TypeKind::Json:
      return "std::string";
    case ir::TypeKind::Bool:
      return "bool";
    case ir::TypeKind::Timestamp:
      return std::string(kRt) + "Timestamp";
    case ir::TypeKind::Date:
      return std::string(kRt) + "Date";
    case ir::TypeKind::Uuid:
      return std::string(kRt) + "Uuid";
    case ir::TypeKind::Blob:
      return std::string(kRt) + "Bytes";
    case ir::TypeKind::Enum: {
      auto it = names.enumType.find(t.enumName);
      if (it == names.enumType.end())
        throw CppGenError("unknown enum '" + t.enumName + "' in column type");
      return it->second;
    }
  }
  return "void";
}

std::string optionalOf(const std::string& t) { return "std::optional<" + t + ">"; }

void emitDoc(Printer& p, std::string_view doc) {
  if (doc.empty()) return;
  std::size_t start = 0;
  while (start <= doc.size()) {
    std::size_t nl = doc.find('\n', start);
    std::string line(
        doc.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    // A trailing backslash would splice the next source line into the comment.
    if (!line.empty() && line.back() == '\\') line += '.';
    p.emit({{"line", line}}, line.empty() ? "///\n" : "/// $line$\n");
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
}

// How the generated code reads column `c` at result index `i`.
std::string readExpr(const ir::Column& c, const std::string& fieldType, int i) {
  if (c.type.kind == ir::TypeKind::Decimal) {
    return std::string(kRt) + "readDecimal<" + fieldType + ">(st, " + std::to_string(i) + ", " +
           std::to_string(c.type.scale) + ")";
  }
  return std::string(kRt) + "readColumn<" + fieldType + ">(st, " + std::to_string(i) + ")";
}

// A column an INSERT may leave out, taking the default: it has a default, or is autoincrement,
// or is the table's single `int` key (SQLite assigns the rowid).
bool insertOptional(const ir::Table& t, const ir::Column& c) {
  if (c.defaultValue || c.autoincrement) return true;
  return t.primaryKey.size() == 1 && t.primaryKey[0] == c.name && c.type.kind == ir::TypeKind::Int;
}

class HeaderWriter {
 public:
  HeaderWriter(const ir::Schema& s, const HeaderOptions& o) : s_(s), o_(o) {}

  std::string run() {
    std::string ns = cppNamespace(o_.ns.empty() ? (s_.ns.empty() ? "db" : s_.ns) : o_.ns);
    if (ns.empty()) throw CppGenError("empty C++ namespace");
    assignNames();
    p_.emit({{"schema", s_.ns.empty() ? "(no namespace)" : s_.ns}, {"fp", o_.fingerprint}},
            R"(
              // Generated by `schemac codegen` from the schema $schema$. Do not edit.
              // Schema fingerprint: $fp$
              #pragma once

              #include <array>
              #include <cstdint>
              #include <optional>
              #include <string>
              #include <string_view>
              #include <type_traits>
              #include <vector>

              #include "schemac/rt/column.h"
              #include "schemac/rt/connection.h"
              #include "schemac/rt/migration.h"
              #include "schemac/rt/migrator.h"
              #include "schemac/rt/query.h"
              #include "schemac/rt/table.h"
              #include "schemac/rt/types.h"
              #include "schemac/rt/verify.h"

            )");
    emitDoc(p_, s_.doc);
    p_.emit({{"ns", ns}}, "namespace $ns$ {\n");
    p_.emitRaw("\n");
    for (const auto& e : s_.enums) {
      emitEnum(e);
      p_.emitRaw("\n");
    }
    for (const auto& t : s_.tables) {
      emitTable(t);
      p_.emitRaw("\n");
    }
    emitSchema();
    p_.emitRaw("\n");
    p_.emit({{"ns", ns}}, "}  // namespace $ns$\n");
    return p_.take();
  }

 private:
  void claim(const std::string& cppName, const std::string& what) {
    auto [it, fresh] = taken_.emplace(cppName, what);
    if (!fresh) {
      throw CppGenError(what + " and " + it->second + " both map to the C++ name '" + cppName +
                        "'");
    }
  }

  void assignNames() {
    for (auto n : kNamespaceNames) taken_.emplace(std::string(n), "a generated function");
    for (const auto& e : s_.enums) {
      std::string t = identifier(pascalCase(e.name), kNamespaceNames);
      claim(t, "enum " + e.name);
      names_.enumType[e.name] = t;
    }
    for (const auto& t : s_.tables) {
      std::string base = identifier(pascalCase(t.name), kNamespaceNames);
      claim(base, "table " + t.name);
      claim(base + "Insert", "table " + t.name + " (insertable row)");
      claim(base + "Key", "table " + t.name + " (key)");
      claim(base + "Table", "table " + t.name + " (descriptor)");
      std::string inst = identifier(t.name, kNamespaceNames);
      claim(inst, "table " + t.name + " (descriptor object)");
      instance_[t.name] = inst;
    }
  }

  void emitEnum(const ir::Enum& e) {
    const std::string& type = names_.enumType.at(e.name);
    emitDoc(p_, e.doc);
    p_.emit({{"type", type}}, "enum class $type$ {\n");
    std::vector<std::string> values;
    {
      auto in = p_.withIndent();
      std::set<std::string> seen;
      for (const auto& v : e.values) {
        std::string id = identifier(v.name);
        if (!seen.insert(id).second)
          throw CppGenError("two values of enum " + e.name + " map to the C++ name '" + id + "'");
        values.push_back(id);
        emitDoc(p_, v.doc);
        p_.emit({{"v", id}}, "$v$,\n");
      }
    }
    p_.emit("};\n\n");
    p_.emit({{"type", type}}, R"(
      constexpr std::string_view to_string($type$ v) noexcept {
        switch (v) {
    )");
    {
      auto in = p_.withIndent();
      auto in2 = p_.withIndent();
      for (std::size_t i = 0; i < values.size(); ++i) {
        p_.emit({{"type", type}, {"v", values[i]}, {"s", stringLiteral(e.values[i].name)}},
                "case $type$::$v$:\n  return $s$;\n");
      }
    }
    p_.emit({{"type", type}}, R"(
        }
        return {};
      }

      constexpr std::optional<$type$> from_string(std::string_view s, std::type_identity<$type$>) noexcept {
    )");
    {
      auto in = p_.withIndent();
      for (std::size_t i = 0; i < values.size(); ++i) {
        p_.emit({{"type", type}, {"v", values[i]}, {"s", stringLiteral(e.values[i].name)}},
                "if (s == $s$) return $type$::$v$;\n");
      }
      p_.emit("return std::nullopt;\n");
    }
    p_.emit("}\n");
  }

  struct Col {
    const ir::Column* c;
    std::string member;   // C++ member name
    std::string value;    // value type
    std::string field;    // row field type (optional when nullable)
    bool insertable;      // not generated
    bool optionalInsert;  // may be left out of an INSERT
  };

  void emitTable(const ir::Table& t) {
    std::string base = identifier(pascalCase(t.name), kNamespaceNames);
    std::string desc = base + "Table", ins = base + "Insert", key = base + "Key";
    std::vector<Col> cols;
    std::set<std::string> members;
    for (const auto& c : t.columns) {
      Col col{&c, identifier(c.name, kMemberNames), valueType(c.type, names_),
              "", !c.generated.has_value(),         false};
      if (!members.insert(col.member).second)
        throw CppGenError("two columns of table " + t.name + " map to the C++ name '" + col.member +
                          "'");
      col.field = c.nullable ? optionalOf(col.value) : col.value;
      col.optionalInsert = col.insertable && insertOptional(t, c);
      cols.push_back(std::move(col));
    }
    auto findCol = [&](const std::string& name) -> const Col& {
      for (const auto& c : cols)
        if (c.c->name == name) return c;
      throw CppGenError("table " + t.name + ": key column '" + name + "' does not exist");
    };
    int optionalCount = 0;
    for (const auto& c : cols) optionalCount += c.optionalInsert;
    if (optionalCount > 64)
      throw CppGenError("table " + t.name +
                        " has more than 64 columns with defaults (the C++ insert supports 64)");

    // ---- row struct ----
    p_.emit({{"t", t.name}}, "// ---- table $t$ ----\n\n");
    emitDoc(p_, t.doc);
    p_.emit({{"row", base}}, "struct $row$ {\n");
    {
      auto in = p_.withIndent();
      for (const auto& c : cols) {
        emitDoc(p_, c.c->doc);
        p_.emit({{"type", c.field}, {"m", c.member}}, "$type$ $m${};\n");
      }
      p_.emitRaw("\n");
      p_.emit({{"row", base}}, "bool operator==(const $row$&) const = default;\n");
    }
    p_.emit("};\n\n");

    // ---- insertable struct ----
    p_.emit({{"t", t.name}, {"ins", ins}}, R"(
      // A row to insert into $t$: optional fields left empty take the column's default.
      struct $ins$ {
    )");
    {
      auto in = p_.withIndent();
      for (const auto& c : cols) {
        if (!c.insertable) continue;
        std::string type = c.optionalInsert || c.c->nullable ? optionalOf(c.value) : c.value;
        p_.emit({{"type", type}, {"m", c.member}}, "$type$ $m${};\n");
      }
    }
    p_.emit("};\n\n");

    // ---- key ----
    bool hasKey = !t.primaryKey.empty();
    std::string keyType = std::string(kRt) + "NoKey";
    if (t.primaryKey.size() == 1) {
      keyType = key;
      p_.emit({{"key", key}, {"type", findCol(t.primaryKey[0]).value}},
              "using $key$ = $type$;\n\n");
    } else if (hasKey) {
      keyType = key;
      p_.emit({{"key", key}}, "struct $key$ {\n");
      {
        auto in = p_.withIndent();
        for (const auto& k : t.primaryKey) {
          const Col& c = findCol(k);
          p_.emit({{"type", c.value}, {"m", c.member}}, "$type$ $m${};\n");
        }
        p_.emitRaw("\n");
        p_.emit({{"key", key}}, "bool operator==(const $key$&) const = default;\n");
      }
      p_.emit("};\n\n");
    }

    // ---- descriptor ----
    std::string selectSql = "SELECT ";
    for (std::size_t i = 0; i < cols.size(); ++i) {
      selectSql += (i ? ", " : "") + quoteIdent(cols[i].c->name);
    }
    selectSql += " FROM " + quoteIdent(t.name);
    std::string keyWhere, keyColumns;
    for (std::size_t i = 0; i < t.primaryKey.size(); ++i) {
      keyWhere += (i ? " AND " : "") + quoteIdent(t.primaryKey[i]) + " = ?";
      keyColumns += (i ? ", " : "") + quoteIdent(t.primaryKey[i]);
    }
    std::string insertCols, insertOpt;
    int insertCount = 0;
    for (const auto& c : cols) {
      if (!c.insertable) continue;
      insertCols += (insertCount ? ", " : "") + stringLiteral(quoteIdent(c.c->name));
      insertOpt += std::string(insertCount ? ", " : "") + (c.optionalInsert ? "true" : "false");
      ++insertCount;
    }

    p_.emit({{"t", t.name}, {"desc", desc}}, "// The columns of $t$, for typed queries.\n");
    p_.emit({{"desc", desc}}, "struct $desc$ {\n");
    {
      auto in = p_.withIndent();
      p_.emit({{"row", base},
               {"ins", ins},
               {"key", keyType},
               {"name", stringLiteral(t.name)},
               {"quoted", stringLiteral(quoteIdent(t.name))},
               {"select", stringLiteral(selectSql)},
               {"keyWhere", stringLiteral(keyWhere)},
               {"keyColumns", stringLiteral(keyColumns)},
               {"n", std::to_string(insertCount)},
               {"cols", insertCols},
               {"opt", insertOpt}},
              R"(
                using Row = $row$;
                using Insert = $ins$;
                using Key = $key$;
                static constexpr std::string_view kName = $name$;
                static constexpr std::string_view kQuotedName = $quoted$;
                static constexpr std::string_view kSelectSql = $select$;
                static constexpr std::string_view kKeyWhere = $keyWhere$;
                static constexpr std::string_view kKeyColumns = $keyColumns$;
                static constexpr std::array<std::string_view, $n$> kInsertColumns{$cols$};
                static constexpr std::array<bool, $n$> kInsertOptional{$opt$};

              )");
      for (const auto& c : cols) {
        emitDoc(p_, c.c->doc);
        p_.emit(
            {{"desc", desc},
             {"type", c.value},
             {"null", c.c->nullable ? "true" : "false"},
             {"m", c.member},
             {"name", stringLiteral(c.c->name)},
             {"quoted", stringLiteral(quoteIdent(c.c->name))},
             {"sql", stringLiteral(sqlTypeName(c.c->type))},
             {"cpp", stringLiteral(c.field)}},
            "::schemac::rt::Column<$desc$, $type$, $null$> $m${$name$, $quoted$, $sql$, $cpp$};\n");
      }

      p_.emitRaw("\n");
      p_.emit({{"row", base}}, "static $row$ readRow(const ::schemac::rt::Statement& st) {\n");
      {
        auto in2 = p_.withIndent();
        p_.emit({{"row", base}}, "$row$ r;\n");
        for (std::size_t i = 0; i < cols.size(); ++i) {
          p_.emit({{"m", cols[i].member},
                   {"read", readExpr(*cols[i].c, cols[i].field, static_cast<int>(i))}},
                  "r.$m$ = $read$;\n");
        }
        p_.emit("return r;\n");
      }
      p_.emit("}\n\n");

      p_.emit({{"ins", ins}},
              "static std::uint64_t insertMask([[maybe_unused]] const $ins$& v) {\n");
      {
        auto in2 = p_.withIndent();
        p_.emit("std::uint64_t m = 0;\n");
        int bit = 0;
        for (const auto& c : cols) {
          if (!c.optionalInsert) continue;
          p_.emit({{"m", c.member}, {"bit", std::to_string(bit++)}},
                  "if (v.$m$) m |= std::uint64_t{1} << $bit$;\n");
        }
        p_.emit("return m;\n");
      }
      p_.emit("}\n\n");

      p_.emit({{"ins", ins}}, R"(
        static void bindInsert([[maybe_unused]] ::schemac::rt::Statement& st,
                               [[maybe_unused]] const $ins$& v,
                               [[maybe_unused]] std::uint64_t mask) {
      )");
      {
        auto in2 = p_.withIndent();
        if (insertCount) p_.emit("int i = 1;\n");
        int bit = 0;
        for (const auto& c : cols) {
          if (!c.insertable) continue;
          if (c.optionalInsert) {
            p_.emit({{"m", c.member}, {"bit", std::to_string(bit++)}},
                    "if (mask & (std::uint64_t{1} << $bit$)) ::schemac::rt::bindColumn(st, i++, "
                    "*v.$m$);\n");
          } else {
            p_.emit({{"m", c.member}}, "::schemac::rt::bindColumn(st, i++, v.$m$);\n");
          }
        }
      }
      p_.emit("}\n");

      if (hasKey) {
        p_.emitRaw("\n");
        p_.emit({{"key", key}},
                "static void bindKey(::schemac::rt::Statement& st, int first, const $key$& k) {\n");
        {
          auto in2 = p_.withIndent();
          if (t.primaryKey.size() == 1) {
            p_.emit("::schemac::rt::bindColumn(st, first, k);\n");
          } else {
            for (std::size_t i = 0; i < t.primaryKey.size(); ++i) {
              p_.emit({{"m", findCol(t.primaryKey[i]).member}, {"i", std::to_string(i)}},
                      "::schemac::rt::bindColumn(st, first + $i$, k.$m$);\n");
            }
          }
        }
        p_.emit("}\n\n");
        p_.emit({{"key", key}},
                "static $key$ readKey(const ::schemac::rt::Statement& st, int first) {\n");
        {
          auto in2 = p_.withIndent();
          if (t.primaryKey.size() == 1) {
            const Col& c = findCol(t.primaryKey[0]);
            p_.emit({{"read", readKeyExpr(c, "first")}}, "return $read$;\n");
          } else {
            p_.emit({{"key", key}}, "$key$ k;\n");
            for (std::size_t i = 0; i < t.primaryKey.size(); ++i) {
              const Col& c = findCol(t.primaryKey[i]);
              p_.emit({{"m", c.member}, {"read", readKeyExpr(c, "first + " + std::to_string(i))}},
                      "k.$m$ = $read$;\n");
            }
            p_.emit("return k;\n");
          }
        }
        p_.emit("}\n");
      }
    }
    p_.emit("};\n");
    p_.emit({{"desc", desc}, {"inst", instance_.at(t.name)}},
            "inline constexpr $desc$ $inst${};\n");
  }

  static std::string readKeyExpr(const Col& c, const std::string& index) {
    if (c.c->type.kind == ir::TypeKind::Decimal) {
      return std::string(kRt) + "readDecimal<" + c.value + ">(st, " + index + ", " +
             std::to_string(c.c->type.scale) + ")";
    }
    return std::string(kRt) + "readColumn<" + c.value + ">(st, " + index + ")";
  }

  void emitSchema() {
    p_.emit({{"fp", stringLiteral(o_.fingerprint)}}, R"(
      // ---- the schema ----

      // ir::fingerprint of the schema this header was generated from.
      inline constexpr std::string_view kFingerprint = $fp$;

      // The migrations of the schema's migrations directory, oldest first, for rt::migrate.
      inline const std::vector<::schemac::rt::Migration>& migrations() {
        static const std::vector<::schemac::rt::Migration> kMigrations = [] {
          std::vector<::schemac::rt::Migration> v;
    )");
    {
      auto in = p_.withIndent();
      auto in2 = p_.withIndent();
      for (const auto& m : o_.migrations) {
        p_.emit("{\n");
        {
          auto in3 = p_.withIndent();
          p_.emit({{"idx", std::to_string(m.idx)}, {"tag", stringLiteral(m.tag)}},
                  "::schemac::rt::Migration m;\nm.idx = $idx$;\nm.tag = $tag$;\n");
          emitSqlAssign("m.upSql =", m.upSql);
          if (m.downSql) emitSqlAssign("m.downSql =", *m.downSql);
          p_.emit({{"sum", stringLiteral(m.checksum)},
                   {"bp", m.breakpoints ? "true" : "false"},
                   {"rb", m.rebuildsTables ? "true" : "false"},
                   {"dl", m.dataLoss ? "true" : "false"},
                   {"fp", stringLiteral(m.fingerprint)},
                   {"snap", stringLiteral(m.snapshot)}},
                  R"(
                    m.checksum = $sum$;
                    m.breakpoints = $bp$;
                    m.rebuildsTables = $rb$;
                    m.dataLoss = $dl$;
                    m.fingerprint = $fp$;
                    m.snapshot = $snap$;
                    v.push_back(std::move(m));
                  )");
        }
        p_.emit("}\n");
      }
      p_.emit("return v;\n");
    }
    p_.emit(R"(
        }();
        return kMigrations;
      }

      // Fails (rt::SchemaMismatch, one line) unless the database's last applied migration gives
      // the schema this program was built for.
      inline void verify(::schemac::rt::Connection& db) {
        ::schemac::rt::verifySchema(db, kFingerprint, migrations());
      }

      // Applies the pending embedded migrations, then verify(db).
      inline ::schemac::rt::MigrateResult migrate(::schemac::rt::Connection& db,
                                                 const ::schemac::rt::MigrateOptions& options = {}) {
        ::schemac::rt::MigrateResult result = ::schemac::rt::migrate(db, migrations(), options);
        if (!options.dryRun) verify(db);
        return result;
      }
    )");
  }

  // `prefix "line 1\n"` followed by one literal per line, concatenated by the compiler.
  void emitSqlAssign(const std::string& prefix, const std::string& sql) {
    if (sql.empty()) {
      p_.emit({{"p", prefix}}, "$p$ \"\";\n");
      return;
    }
    p_.emit({{"p", prefix}}, "$p$\n");
    auto in = p_.withIndent();
    auto in2 = p_.withIndent();
    std::size_t start = 0;
    while (start < sql.size()) {
      std::size_t nl = sql.find('\n', start);
      std::size_t end = nl == std::string::npos ? sql.size() : nl + 1;
      bool last = end >= sql.size();
      p_.emit({{"lit", stringLiteral(std::string_view(sql).substr(start, end - start))},
               {"end", last ? ";" : ""}},
              "$lit$$end$\n");
      start = end;
    }
  }

  const ir::Schema& s_;
  const HeaderOptions& o_;
  Printer p_;
  Names names_;
  std::map<std::string, std::string> taken_;
  std::map<std::string, std::string> instance_;
};

}  // namespace

std::string generateHeader(const ir::Schema& schema, const HeaderOptions& options) {
  return HeaderWriter(schema, options).run();
}

}  // namespace schemac::codegen::cpp
