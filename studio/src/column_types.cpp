#include "column_types.h"

#include <cctype>
#include <cstdlib>

#include "caches.h"
#include "http_util.h"
#include "schemac/db/inspect.h"

namespace schemac::studio {
namespace {

const char* kindName(ir::TypeKind k) {
  switch (k) {
    case ir::TypeKind::Int:
      return "int";
    case ir::TypeKind::Int32:
      return "int32";
    case ir::TypeKind::Real:
      return "real";
    case ir::TypeKind::Decimal:
      return "decimal";
    case ir::TypeKind::Text:
      return "text";
    case ir::TypeKind::Varchar:
      return "varchar";
    case ir::TypeKind::Bool:
      return "bool";
    case ir::TypeKind::Timestamp:
      return "timestamp";
    case ir::TypeKind::Date:
      return "date";
    case ir::TypeKind::Uuid:
      return "uuid";
    case ir::TypeKind::Json:
      return "json";
    case ir::TypeKind::Blob:
      return "blob";
    case ir::TypeKind::Enum:
      return "enum";
  }
  return "text";
}

LogicalColumn fromIr(const ir::Schema& schema, const ir::Column& c, bool project) {
  LogicalColumn out;
  out.type = c.type;
  out.fromSchema = project;
  if (c.type.kind == ir::TypeKind::Enum) {
    if (const ir::Enum* e = schema.findEnum(c.type.enumName)) {
      for (const ir::EnumValue& v : e->values) out.enumValues.push_back(v.name);
    }
  }
  return out;
}

bool isIntegerText(const std::string& s) {
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// [+-]digits[.digits]; `intDigits` / `fracDigits` receive the counts.
bool isDecimalText(const std::string& s, std::size_t& intDigits, std::size_t& fracDigits) {
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  std::size_t dot = s.find('.', i);
  std::string whole = s.substr(i, dot == std::string::npos ? std::string::npos : dot - i);
  std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (whole.empty() || (dot != std::string::npos && frac.empty())) return false;
  for (char ch : whole + frac) {
    if (!std::isdigit(static_cast<unsigned char>(ch))) return false;
  }
  std::size_t lead = whole.find_first_not_of('0');
  intDigits = lead == std::string::npos ? 0 : whole.size() - lead;
  fracDigits = frac.size();
  return true;
}

bool isUuidText(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

bool isDateText(const std::string& s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' &&
         isIntegerText(s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2));
}

std::size_t utf8Length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

std::string shown(const rt::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return "'" + s->substr(0, 60) + "'";
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return "a blob";
}

}  // namespace

std::vector<LogicalColumn> logicalColumns(Context& ctx, const TableInfo& t) {
  Caches& c = caches(ctx);
  const ir::Schema* project = c.projectSchema(ctx);
  const ir::Table* described = project ? project->findTable(t.name) : nullptr;
  const ir::Schema* live = c.liveSchema(ctx);
  const ir::Table* liveTable = live ? live->findTable(t.name) : nullptr;
  std::vector<LogicalColumn> out;
  for (const ColumnInfo& col : t.columns) {
    if (const ir::Column* ic = described ? described->findColumn(col.name) : nullptr) {
      out.push_back(fromIr(*project, *ic, true));
    } else if (const ir::Column* lc = liveTable ? liveTable->findColumn(col.name) : nullptr) {
      out.push_back(fromIr(*live, *lc, false));
    } else {
      LogicalColumn l;
      l.type = db::typeOfDeclared(col.type);
      out.push_back(std::move(l));
    }
  }
  return out;
}

bool isDecimal(const LogicalColumn& c) { return c.type.kind == ir::TypeKind::Decimal; }

nlohmann::json logicalJson(const LogicalColumn& c) {
  nlohmann::json j = {{"kind", kindName(c.type.kind)}};
  switch (c.type.kind) {
    case ir::TypeKind::Timestamp:
      j["unit"] = c.type.unit == ir::TimeUnit::Seconds ? "s"
                  : c.type.unit == ir::TimeUnit::Text  ? "text"
                                                       : "ms";
      break;
    case ir::TypeKind::Decimal:
      j["precision"] = c.type.precision;
      j["scale"] = c.type.scale;
      break;
    case ir::TypeKind::Varchar:
      j["length"] = c.type.length;
      break;
    case ir::TypeKind::Enum:
      j["name"] = c.type.enumName;
      j["values"] = c.enumValues;
      break;
    default:
      break;
  }
  return j;
}

rt::Value checkValue(const TableInfo& t, const ColumnInfo& c, const LogicalColumn& logical,
                     rt::Value v) {
  nlohmann::json where = {{"column", c.name}};
  auto bad = [&](const std::string& why) {
    return ApiError(400, "column '" + c.name + "': " + why, where);
  };
  if (c.hidden >= 2) throw bad("a generated column cannot be written");
  if (std::holds_alternative<std::monostate>(v)) {
    // The message SQLite would give, so a staged edit and an applied one read the same.
    if (c.notNull)
      throw ApiError(409, "NOT NULL constraint failed: " + t.name + "." + c.name, where);
    return v;
  }
  const auto* text = std::get_if<std::string>(&v);
  const auto* integer = std::get_if<std::int64_t>(&v);
  const ir::Type& type = logical.type;
  switch (type.kind) {
    case ir::TypeKind::Int:
    case ir::TypeKind::Int32: {
      if (!integer && !(text && isIntegerText(*text))) {
        throw bad(shown(v) + " is not an integer (datatype mismatch)");
      }
      if (type.kind == ir::TypeKind::Int32) {
        long long n = integer ? *integer : std::strtoll(text->c_str(), nullptr, 10);
        if (n < INT32_MIN || n > INT32_MAX) throw bad(shown(v) + " is out of the int32 range");
      }
      return v;
    }
    case ir::TypeKind::Real:
      if (text) {
        char* end = nullptr;
        std::strtod(text->c_str(), &end);
        if (text->empty() || *end) throw bad(shown(v) + " is not a number");
      } else if (std::holds_alternative<rt::Blob>(v)) {
        throw bad("a blob is not a number");
      }
      return v;
    case ir::TypeKind::Decimal: {
      if (std::holds_alternative<double>(v) || integer) return v;
      std::size_t whole = 0, frac = 0;
      if (!text || !isDecimalText(*text, whole, frac)) {
        throw bad(shown(v) + " is not a decimal number");
      }
      if (type.precision > 0 && (whole > static_cast<std::size_t>(type.precision - type.scale) ||
                                 frac > static_cast<std::size_t>(type.scale))) {
        throw bad(shown(v) + " does not fit " + ir::typeToString(type));
      }
      return v;
    }
    case ir::TypeKind::Bool:
      if (integer && (*integer == 0 || *integer == 1)) return v;
      if (text && (*text == "true" || *text == "1")) return std::int64_t{1};
      if (text && (*text == "false" || *text == "0")) return std::int64_t{0};
      throw bad(shown(v) + " is not a boolean (true, false, 1, 0)");
    case ir::TypeKind::Timestamp:
      if (type.unit == ir::TimeUnit::Text) {
        if (!text || text->size() < 10 || !isDateText(text->substr(0, 10))) {
          throw bad(shown(v) + " is not an ISO-8601 date-time (YYYY-MM-DD...)");
        }
      } else if (!integer && !(text && isIntegerText(*text))) {
        throw bad(shown(v) + std::string(" is not an integer timestamp (unix ") +
                  (type.unit == ir::TimeUnit::Seconds ? "seconds)" : "milliseconds)"));
      }
      return v;
    case ir::TypeKind::Date:
      if (!text || !isDateText(*text)) throw bad(shown(v) + " is not a date (YYYY-MM-DD)");
      return v;
    case ir::TypeKind::Uuid:
      if (const auto* b = std::get_if<rt::Blob>(&v); b && b->bytes.size() == 16) return v;
      if (!text || !isUuidText(*text)) throw bad(shown(v) + " is not a UUID");
      return v;
    case ir::TypeKind::Json:
      if (!text || nlohmann::json::parse(*text, nullptr, false).is_discarded()) {
        throw bad(shown(v) + " is not valid JSON");
      }
      return v;
    case ir::TypeKind::Enum: {
      if (logical.enumValues.empty()) return v;  // values unknown: the CHECK decides
      for (const std::string& name : logical.enumValues) {
        if (text && *text == name) return v;
      }
      std::string list;
      for (const std::string& name : logical.enumValues) list += (list.empty() ? "" : ", ") + name;
      throw bad(shown(v) + " is not one of " + list);
    }
    case ir::TypeKind::Varchar:
      if (text && type.length > 0 && utf8Length(*text) > static_cast<std::size_t>(type.length)) {
        throw bad("longer than " + std::to_string(type.length) + " characters");
      }
      return v;
    default:
      return v;
  }
}

}  // namespace schemac::studio
