// Canonical JSON for the IR. Layout rules (docs/migrations-format.md relies on them):
//   - keys sorted (nlohmann::json objects are std::map-backed), 2-space indent, trailing '\n';
//   - identity fields (names, kinds, the lists of a table) are always written; every other
//     field is written only when it differs from its default (empty string or list, false,
//     0, absent), and fromJson restores exactly that default, so the round trip is exact for
//     any IR value, not only for the ones sema builds;
//   - unknown keys, wrong JSON types and unknown enum strings are errors naming their path.
#include "schemac/ir_json.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "ir_json_internal.h"
#include "schemac/support/sha256.h"

namespace schemac::ir {
namespace {

using nlohmann::json;

// ---- enum <-> string ----

struct ExprKindName {
  ExprKind kind;
  const char* name;
};
constexpr ExprKindName kExprKinds[] = {
    {ExprKind::Null, "null"},
    {ExprKind::Bool, "bool"},
    {ExprKind::Int, "int"},
    {ExprKind::Decimal, "decimal"},
    {ExprKind::String, "string"},
    {ExprKind::Now, "now"},
    {ExprKind::EnumValue, "enumValue"},
    {ExprKind::Column, "column"},
    {ExprKind::Unary, "unary"},
    {ExprKind::Binary, "binary"},
    {ExprKind::IsNull, "isNull"},
    {ExprKind::In, "in"},
    {ExprKind::Like, "like"},
    {ExprKind::Between, "between"},
    {ExprKind::Call, "call"},
    {ExprKind::Raw, "raw"},
};

constexpr TypeKind kTypeKinds[] = {
    TypeKind::Int,     TypeKind::Int32, TypeKind::Real,      TypeKind::Decimal, TypeKind::Text,
    TypeKind::Varchar, TypeKind::Bool,  TypeKind::Timestamp, TypeKind::Date,    TypeKind::Uuid,
    TypeKind::Json,    TypeKind::Blob,  TypeKind::Enum,
};

constexpr FkAction kFkActions[] = {FkAction::NoAction, FkAction::Restrict, FkAction::Cascade,
                                   FkAction::SetNull, FkAction::SetDefault};

using detail::exprKindName;

// ---- writing ----

json exprToJson(const Expr& e) {
  json j = json::object();
  j["kind"] = exprKindName(e.kind);
  if (!e.text.empty()) j["text"] = e.text;
  if (!e.args.empty()) {
    json args = json::array();
    for (const Expr& a : e.args) args.push_back(exprToJson(a));
    j["args"] = std::move(args);
  }
  if (e.negated) j["negated"] = true;
  return j;
}

json typeToJson(const Type& t) {
  json j = json::object();
  j["kind"] = typeKindName(t.kind);
  if (t.precision != 0) j["precision"] = t.precision;
  if (t.scale != 0) j["scale"] = t.scale;
  if (t.length != 0) j["length"] = t.length;
  if (!t.enumName.empty()) j["enum"] = t.enumName;
  if (t.unit == TimeUnit::Seconds) j["unit"] = "s";
  if (t.unit == TimeUnit::Text) j["unit"] = "text";
  return j;
}

void putHints(json& j, const std::vector<std::string>& renamedFrom) {
  if (!renamedFrom.empty()) j["renamedFrom"] = renamedFrom;
}

void putDoc(json& j, const std::string& doc) {
  if (!doc.empty()) j["doc"] = doc;
}

json columnToJson(const Column& c) {
  json j = json::object();
  j["name"] = c.name;
  j["type"] = typeToJson(c.type);
  j["nullable"] = c.nullable;
  if (c.defaultValue) j["default"] = exprToJson(*c.defaultValue);
  if (c.generated) {
    j["generated"] = json{{"expr", exprToJson(c.generated->expr)}, {"stored", c.generated->stored}};
  }
  if (c.autoincrement) j["autoincrement"] = true;
  if (!c.sqlType.empty()) j["sqlType"] = c.sqlType;
  if (c.unchecked) j["unchecked"] = true;
  if (!c.collation.empty()) j["collation"] = c.collation;
  if (!c.tsType.empty()) j["tsType"] = c.tsType;
  putDoc(j, c.doc);
  putHints(j, c.renamedFrom);
  return j;
}

json indexToJson(const Index& ix) {
  json cols = json::array();
  for (const IndexColumn& c : ix.columns) {
    json jc = json::object();
    if (!c.column.empty() || !c.expr) jc["column"] = c.column;
    if (c.expr) jc["expr"] = exprToJson(*c.expr);
    if (!c.collation.empty()) jc["collation"] = c.collation;
    if (c.desc) jc["desc"] = true;
    cols.push_back(std::move(jc));
  }
  json j = json{{"name", ix.name}, {"unique", ix.unique}, {"columns", std::move(cols)}};
  if (ix.where) j["where"] = exprToJson(*ix.where);
  if (ix.constraint) j["constraint"] = true;
  if (ix.unnamed) j["unnamed"] = true;
  return j;
}

json tableToJson(const Table& t) {
  json j = json::object();
  j["name"] = t.name;
  json cols = json::array();
  for (const Column& c : t.columns) cols.push_back(columnToJson(c));
  j["columns"] = std::move(cols);
  j["primaryKey"] = t.primaryKey;
  if (!t.primaryKeyName.empty()) j["primaryKeyName"] = t.primaryKeyName;
  if (t.withoutRowid) j["withoutRowid"] = true;
  if (t.strict) j["strict"] = true;
  json ixs = json::array();
  for (const Index& ix : t.indexes) ixs.push_back(indexToJson(ix));
  j["indexes"] = std::move(ixs);
  json checks = json::array();
  for (const Check& c : t.checks) {
    json jc = json{{"name", c.name}, {"expr", exprToJson(c.expr)}};
    if (c.unnamed) jc["unnamed"] = true;
    checks.push_back(std::move(jc));
  }
  j["checks"] = std::move(checks);
  json fks = json::array();
  for (const ForeignKey& fk : t.foreignKeys) {
    json jf = json{{"name", fk.name},
                   {"columns", fk.columns},
                   {"refTable", fk.refTable},
                   {"refColumns", fk.refColumns},
                   {"onDelete", fkActionName(fk.onDelete)},
                   {"onUpdate", fkActionName(fk.onUpdate)}};
    if (fk.deferral != Deferral::NotDeferrable) jf["deferrable"] = deferralName(fk.deferral);
    if (fk.unnamed) jf["unnamed"] = true;
    fks.push_back(std::move(jf));
  }
  j["foreignKeys"] = std::move(fks);
  putDoc(j, t.doc);
  putHints(j, t.renamedFrom);
  return j;
}

json enumToJson(const Enum& e) {
  json values = json::array();
  for (const EnumValue& v : e.values) {
    json jv = json{{"name", v.name}};
    putDoc(jv, v.doc);
    putHints(jv, v.renamedFrom);
    values.push_back(std::move(jv));
  }
  json j = json{{"name", e.name}, {"values", std::move(values)}};
  putDoc(j, e.doc);
  putHints(j, e.renamedFrom);
  return j;
}

json viewToJson(const View& v) {
  json j = json{{"name", v.name}, {"sql", v.sql}};
  putDoc(j, v.doc);
  return j;
}

json triggerToJson(const Trigger& t) {
  json j = json{{"name", t.name},
                {"table", t.table},
                {"timing", triggerTimingName(t.timing)},
                {"event", triggerEventName(t.event)},
                {"body", t.body}};
  if (!t.columns.empty()) j["columns"] = t.columns;
  if (t.forEachRow) j["forEachRow"] = true;
  if (!t.when.empty()) j["when"] = t.when;
  putDoc(j, t.doc);
  return j;
}

json virtualTableToJson(const VirtualTable& v) {
  json j = json{{"name", v.name}, {"module", v.module}};
  if (!v.args.empty()) j["args"] = v.args;
  putDoc(j, v.doc);
  return j;
}

// ---- reading ----

// Thrown while reading; carries the JSON path of the offending value.
struct ReadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A JSON object being read: every key must be consumed, so unknown keys are reported.
class ObjectReader {
 public:
  ObjectReader(const json& j, std::string path) : j_(j), path_(std::move(path)) {
    if (!j.is_object()) fail(path_, "expected an object");
  }

  [[noreturn]] static void fail(const std::string& path, const std::string& msg) {
    throw ReadError((path.empty() ? std::string("top level") : path) + ": " + msg);
  }

  const json* get(const char* key, bool required) {
    seen_.push_back(key);
    auto it = j_.find(key);
    if (it == j_.end()) {
      if (required) fail(path_, std::string("missing key \"") + key + "\"");
      return nullptr;
    }
    return &*it;
  }

  std::string sub(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

  std::string str(const char* key, bool required = false) {
    const json* v = get(key, required);
    if (!v) return {};
    if (!v->is_string()) fail(sub(key), "expected a string");
    return v->get<std::string>();
  }

  bool boolean(const char* key, bool required = false) {
    const json* v = get(key, required);
    if (!v) return false;
    if (!v->is_boolean()) fail(sub(key), "expected true or false");
    return v->get<bool>();
  }

  int integer(const char* key) {
    const json* v = get(key, false);
    if (!v) return 0;
    if (!v->is_number_integer()) fail(sub(key), "expected an integer");
    if (v->is_number_unsigned()
            ? v->get<std::uint64_t>() > 2147483647u
            : (v->get<std::int64_t>() < -2147483648LL || v->get<std::int64_t>() > 2147483647LL)) {
      fail(sub(key), "integer out of range");
    }
    return static_cast<int>(v->get<std::int64_t>());
  }

  std::vector<std::string> strings(const char* key, bool required = false) {
    std::vector<std::string> out;
    const json* v = get(key, required);
    if (!v) return out;
    if (!v->is_array()) fail(sub(key), "expected an array of strings");
    for (std::size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string()) fail(sub(key) + "[" + std::to_string(i) + "]", "expected a string");
      out.push_back((*v)[i].get<std::string>());
    }
    return out;
  }

  // Calls fn(element, path) for each element of the array `key`.
  template <typename Fn>
  void array(const char* key, bool required, Fn fn) {
    const json* v = get(key, required);
    if (!v) return;
    if (!v->is_array()) fail(sub(key), "expected an array");
    for (std::size_t i = 0; i < v->size(); ++i)
      fn((*v)[i], sub(key) + "[" + std::to_string(i) + "]");
  }

  // Reports the first key that no reader asked for.
  void finish() const {
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      bool known = false;
      for (const char* k : seen_) known = known || it.key() == k;
      if (!known) fail(path_, "unknown key \"" + it.key() + "\"");
    }
  }

  const std::string& path() const { return path_; }

 private:
  const json& j_;
  std::string path_;
  std::vector<const char*> seen_;
};

// Deeper expressions than this are refused rather than risking the stack.
constexpr int kMaxExprDepth = 500;

Expr exprFromJson(const json& j, const std::string& path, int depth = 0) {
  if (depth > kMaxExprDepth) ObjectReader::fail(path, "expression nested too deeply");
  ObjectReader r(j, path);
  Expr e;
  std::string kind = r.str("kind", true);
  bool found = false;
  for (const auto& k : kExprKinds) {
    if (kind == k.name) {
      e.kind = k.kind;
      found = true;
    }
  }
  if (!found) ObjectReader::fail(r.sub("kind"), "unknown expression kind \"" + kind + "\"");
  e.text = r.str("text");
  r.array("args", false, [&](const json& a, const std::string& p) {
    e.args.push_back(exprFromJson(a, p, depth + 1));
  });
  e.negated = r.boolean("negated");
  r.finish();
  return e;
}

Type typeFromJson(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Type t;
  std::string kind = r.str("kind", true);
  bool found = false;
  for (TypeKind k : kTypeKinds) {
    if (kind == typeKindName(k)) {
      t.kind = k;
      found = true;
    }
  }
  if (!found) ObjectReader::fail(r.sub("kind"), "unknown type \"" + kind + "\"");
  t.precision = r.integer("precision");
  t.scale = r.integer("scale");
  t.length = r.integer("length");
  t.enumName = r.str("enum");
  std::string unit = r.str("unit");
  if (unit == "s") {
    t.unit = TimeUnit::Seconds;
  } else if (unit == "text") {
    t.unit = TimeUnit::Text;
  } else if (!unit.empty()) {
    ObjectReader::fail(r.sub("unit"), "unknown time unit \"" + unit + "\"");
  }
  r.finish();
  return t;
}

FkAction fkActionFromJson(ObjectReader& r, const char* key) {
  std::string name = r.str(key);
  if (name.empty() && !r.get(key, false)) return FkAction::NoAction;
  for (FkAction a : kFkActions) {
    if (name == fkActionName(a)) return a;
  }
  ObjectReader::fail(r.sub(key), "unknown foreign key action \"" + name + "\"");
}

Column columnFromJson(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Column c;
  c.name = r.str("name", true);
  c.type = typeFromJson(*r.get("type", true), r.sub("type"));
  c.nullable = r.boolean("nullable");
  if (const json* d = r.get("default", false)) c.defaultValue = exprFromJson(*d, r.sub("default"));
  if (const json* g = r.get("generated", false)) {
    ObjectReader gr(*g, r.sub("generated"));
    Generated gen;
    gen.expr = exprFromJson(*gr.get("expr", true), gr.sub("expr"));
    gen.stored = gr.boolean("stored");
    gr.finish();
    c.generated = std::move(gen);
  }
  c.autoincrement = r.boolean("autoincrement");
  c.sqlType = r.str("sqlType");
  c.unchecked = r.boolean("unchecked");
  c.collation = r.str("collation");
  c.tsType = r.str("tsType");
  c.doc = r.str("doc");
  c.renamedFrom = r.strings("renamedFrom");
  r.finish();
  return c;
}

Index indexFromJson(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Index ix;
  ix.name = r.str("name", true);
  ix.unique = r.boolean("unique");
  r.array("columns", true, [&](const json& cj, const std::string& p) {
    ObjectReader cr(cj, p);
    IndexColumn c;
    c.column = cr.str("column");
    if (const json* e = cr.get("expr", false)) c.expr = exprFromJson(*e, cr.sub("expr"));
    if (c.column.empty() && !c.expr) ObjectReader::fail(p, "missing key \"column\"");
    c.collation = cr.str("collation");
    c.desc = cr.boolean("desc");
    cr.finish();
    ix.columns.push_back(std::move(c));
  });
  if (const json* w = r.get("where", false)) ix.where = exprFromJson(*w, r.sub("where"));
  ix.constraint = r.boolean("constraint");
  ix.unnamed = r.boolean("unnamed");
  r.finish();
  return ix;
}

Table tableFromJson(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Table t;
  t.name = r.str("name", true);
  r.array("columns", true,
          [&](const json& c, const std::string& p) { t.columns.push_back(columnFromJson(c, p)); });
  t.primaryKey = r.strings("primaryKey");
  t.primaryKeyName = r.str("primaryKeyName");
  t.withoutRowid = r.boolean("withoutRowid");
  t.strict = r.boolean("strict");
  r.array("indexes", false,
          [&](const json& c, const std::string& p) { t.indexes.push_back(indexFromJson(c, p)); });
  r.array("checks", false, [&](const json& cj, const std::string& p) {
    ObjectReader cr(cj, p);
    Check c;
    c.name = cr.str("name", true);
    c.expr = exprFromJson(*cr.get("expr", true), cr.sub("expr"));
    c.unnamed = cr.boolean("unnamed");
    cr.finish();
    t.checks.push_back(std::move(c));
  });
  r.array("foreignKeys", false, [&](const json& fj, const std::string& p) {
    ObjectReader fr(fj, p);
    ForeignKey fk;
    fk.name = fr.str("name", true);
    fk.columns = fr.strings("columns", true);
    fk.refTable = fr.str("refTable", true);
    fk.refColumns = fr.strings("refColumns", true);
    fk.onDelete = fkActionFromJson(fr, "onDelete");
    fk.onUpdate = fkActionFromJson(fr, "onUpdate");
    std::string deferrable = fr.str("deferrable");
    if (deferrable == "immediate") {
      fk.deferral = Deferral::Immediate;
    } else if (deferrable == "deferred") {
      fk.deferral = Deferral::Deferred;
    } else if (fr.get("deferrable", false)) {
      ObjectReader::fail(fr.sub("deferrable"), "expected \"immediate\" or \"deferred\"");
    }
    fk.unnamed = fr.boolean("unnamed");
    fr.finish();
    t.foreignKeys.push_back(std::move(fk));
  });
  t.doc = r.str("doc");
  t.renamedFrom = r.strings("renamedFrom");
  r.finish();
  return t;
}

Enum enumFromJson(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Enum e;
  e.name = r.str("name", true);
  r.array("values", true, [&](const json& vj, const std::string& p) {
    ObjectReader vr(vj, p);
    EnumValue v;
    v.name = vr.str("name", true);
    v.doc = vr.str("doc");
    v.renamedFrom = vr.strings("renamedFrom");
    vr.finish();
    e.values.push_back(std::move(v));
  });
  e.doc = r.str("doc");
  e.renamedFrom = r.strings("renamedFrom");
  r.finish();
  return e;
}

View viewFromJson(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  View v;
  v.name = r.str("name", true);
  v.sql = r.str("sql", true);
  v.doc = r.str("doc");
  r.finish();
  return v;
}

Trigger triggerFromJson(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Trigger t;
  t.name = r.str("name", true);
  t.table = r.str("table", true);
  std::string timing = r.str("timing", true);
  if (timing == "before") {
    t.timing = TriggerTiming::Before;
  } else if (timing == "after") {
    t.timing = TriggerTiming::After;
  } else if (timing == "instead of") {
    t.timing = TriggerTiming::InsteadOf;
  } else {
    ObjectReader::fail(r.sub("timing"), "unknown trigger timing \"" + timing + "\"");
  }
  std::string event = r.str("event", true);
  if (event == "insert") {
    t.event = TriggerEvent::Insert;
  } else if (event == "delete") {
    t.event = TriggerEvent::Delete;
  } else if (event == "update") {
    t.event = TriggerEvent::Update;
  } else {
    ObjectReader::fail(r.sub("event"), "unknown trigger event \"" + event + "\"");
  }
  t.columns = r.strings("columns");
  t.forEachRow = r.boolean("forEachRow");
  t.when = r.str("when");
  t.body = r.str("body", true);
  t.doc = r.str("doc");
  r.finish();
  return t;
}

VirtualTable virtualTableFromJson(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  VirtualTable v;
  v.name = r.str("name", true);
  v.module = r.str("module", true);
  v.args = r.str("args");
  v.doc = r.str("doc");
  r.finish();
  return v;
}

// nlohmann's messages start with "[json.exception.parse_error.101] "; users need the rest.
std::string stripExceptionPrefix(const std::string& what) {
  if (!what.empty() && what.front() == '[') {
    std::size_t close = what.find("] ");
    if (close != std::string::npos) return what.substr(close + 2);
  }
  return what;
}

}  // namespace

namespace detail {

const char* exprKindName(ExprKind k) {
  for (const auto& e : kExprKinds) {
    if (e.kind == k) return e.name;
  }
  return "null";
}

bool exprKindFromName(std::string_view name, ExprKind* out) {
  for (const auto& e : kExprKinds) {
    if (name == e.name) {
      *out = e.kind;
      return true;
    }
  }
  return false;
}

bool typeKindFromName(std::string_view name, TypeKind* out) {
  for (TypeKind k : kTypeKinds) {
    if (name == typeKindName(k)) {
      *out = k;
      return true;
    }
  }
  return false;
}

bool fkActionFromName(std::string_view name, FkAction* out) {
  for (FkAction a : kFkActions) {
    if (name == fkActionName(a)) {
      *out = a;
      return true;
    }
  }
  return false;
}

std::string toCanonicalJsonNlohmann(const Schema& s) {
  json j = json::object();
  if (!s.ns.empty()) j["namespace"] = s.ns;
  putDoc(j, s.doc);
  json tables = json::array();
  for (const Table& t : s.tables) tables.push_back(tableToJson(t));
  j["tables"] = std::move(tables);
  json enums = json::array();
  for (const Enum& e : s.enums) enums.push_back(enumToJson(e));
  j["enums"] = std::move(enums);
  // Written only when present, so snapshots of schemas without them keep their bytes.
  if (!s.views.empty()) {
    json views = json::array();
    for (const View& v : s.views) views.push_back(viewToJson(v));
    j["views"] = std::move(views);
  }
  if (!s.triggers.empty()) {
    json triggers = json::array();
    for (const Trigger& t : s.triggers) triggers.push_back(triggerToJson(t));
    j["triggers"] = std::move(triggers);
  }
  if (!s.virtualTables.empty()) {
    json vts = json::array();
    for (const VirtualTable& v : s.virtualTables) vts.push_back(virtualTableToJson(v));
    j["virtualTables"] = std::move(vts);
  }
  // Invalid UTF-8 cannot be represented in JSON; it is replaced by U+FFFD rather than
  // aborting (the front end only produces valid UTF-8 from valid source files).
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

bool fromJsonNlohmann(std::string_view text, Schema* out, std::string* error) {
  try {
    json j = json::parse(text.begin(), text.end());
    ObjectReader r(j, "");
    Schema s;
    s.ns = r.str("namespace");
    s.doc = r.str("doc");
    r.array("tables", true,
            [&](const json& t, const std::string& p) { s.tables.push_back(tableFromJson(t, p)); });
    r.array("enums", false,
            [&](const json& e, const std::string& p) { s.enums.push_back(enumFromJson(e, p)); });
    r.array("views", false,
            [&](const json& v, const std::string& p) { s.views.push_back(viewFromJson(v, p)); });
    r.array("triggers", false, [&](const json& t, const std::string& p) {
      s.triggers.push_back(triggerFromJson(t, p));
    });
    r.array("virtualTables", false, [&](const json& v, const std::string& p) {
      s.virtualTables.push_back(virtualTableFromJson(v, p));
    });
    r.finish();
    *out = std::move(s);
    return true;
  } catch (const ReadError& e) {
    *error = std::string("invalid schema JSON: ") + e.what();
  } catch (const json::exception& e) {
    *error = "invalid JSON: " + stripExceptionPrefix(e.what());
  }
  return false;
}

}  // namespace detail

std::string toCanonicalJson(const Schema& s) {
  if (usesSqliteExtras(s)) return detail::toCanonicalJsonNlohmann(s);
  if (auto fast = detail::fastCanonicalJson(s)) return std::move(*fast);
  return detail::toCanonicalJsonNlohmann(s);
}

bool fromJson(std::string_view text, Schema* out, std::string* error) {
  return detail::fastFromJson(text, out) || detail::fromJsonNlohmann(text, out, error);
}

std::string fingerprint(const Schema& s) {
  if (!usesSqliteExtras(s)) {
    std::string buffer;
    if (auto fp = detail::fastNestedCanonicalJson(s, 0, &buffer, /*keep=*/false)) return *fp;
  }
  return support::sha256Hex(toCanonicalJson(withoutHints(s)));
}

std::string appendNestedCanonicalJson(const Schema& s, int indent, std::string* out) {
  if (!usesSqliteExtras(s)) {
    if (auto fp = detail::fastNestedCanonicalJson(s, indent, out, /*keep=*/true)) return *fp;
  }
  // The other schemas (views, triggers, invalid UTF-8): written whole, then indented.
  const std::string plain = toCanonicalJson(withoutHints(s));
  std::string_view text(plain);
  text.remove_suffix(1);  // the trailing newline
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  for (std::size_t i = 0;;) {
    std::size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos) {
      out->append(text.substr(i));
      break;
    }
    out->append(text.substr(i, nl + 1 - i)).append(pad);
    i = nl + 1;
  }
  return support::sha256Hex(plain);
}

}  // namespace schemac::ir
