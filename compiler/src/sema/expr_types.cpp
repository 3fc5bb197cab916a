#include "sema/expr_types.h"

#include <nlohmann/json.hpp>
#include <string_view>

namespace schemac::sema {

ValueType valueTypeOf(const ir::Type& t) {
  ValueType v;
  switch (t.kind) {
    case ir::TypeKind::Int:
    case ir::TypeKind::Int32:
      v.kind = ValueKind::Int;
      break;
    case ir::TypeKind::Real:
    case ir::TypeKind::Decimal:
      v.kind = ValueKind::Real;
      break;
    case ir::TypeKind::Text:
    case ir::TypeKind::Varchar:
      v.kind = ValueKind::Text;
      break;
    case ir::TypeKind::Bool:
      v.kind = ValueKind::Bool;
      break;
    case ir::TypeKind::Timestamp:
      v.kind = ValueKind::Timestamp;
      break;
    case ir::TypeKind::Date:
      v.kind = ValueKind::Date;
      break;
    case ir::TypeKind::Uuid:
      v.kind = ValueKind::Uuid;
      break;
    case ir::TypeKind::Json:
      v.kind = ValueKind::Json;
      break;
    case ir::TypeKind::Blob:
      v.kind = ValueKind::Blob;
      break;
    case ir::TypeKind::Enum:
      v.kind = ValueKind::Enum;
      v.enumName = t.enumName;
      break;
  }
  return v;
}

std::string describe(const ValueType& t) {
  switch (t.kind) {
    case ValueKind::Unknown:
      return "unknown";
    case ValueKind::Null:
      return "null";
    case ValueKind::Bool:
      return "bool";
    case ValueKind::Int:
      return "int";
    case ValueKind::Real:
      return "real";
    case ValueKind::Text:
      return "text";
    case ValueKind::Timestamp:
      return "timestamp";
    case ValueKind::Date:
      return "date";
    case ValueKind::Uuid:
      return "uuid";
    case ValueKind::Json:
      return "json";
    case ValueKind::Blob:
      return "blob";
    case ValueKind::Enum:
      return t.enumName;
  }
  return "unknown";
}

namespace {
bool allDigits(const std::string& s, std::size_t from, std::size_t n) {
  if (from + n > s.size()) return false;
  for (std::size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}
}  // namespace

bool isValidDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!allDigits(s, 0, 4) || !allDigits(s, 5, 2) || !allDigits(s, 8, 2)) return false;
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int days = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= days;
}

bool isValidUuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (s[i] == '-')) return false;
    if (!dash && !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

bool isValidJson(const std::string& s) { return nlohmann::json::accept(s); }

bool intLiteralFits(const std::string& digits, bool negative, int bits) {
  std::size_t start = 0;
  while (start + 1 < digits.size() && digits[start] == '0') ++start;
  std::string_view d = std::string_view(digits).substr(start);
  std::string_view limit = bits == 32 ? (negative ? "2147483648" : "2147483647")
                                      : (negative ? "9223372036854775808" : "9223372036854775807");
  if (d.size() != limit.size()) return d.size() < limit.size();
  return d <= limit;
}

}  // namespace schemac::sema
