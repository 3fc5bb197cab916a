// The types the expression checker works with: coarser than ir::Type (int and int32 are
// both integers, text and varchar both text) because expressions compute with them alike.
#pragma once

#include <string>

#include "schemac/ast.h"
#include "schemac/ir.h"

namespace schemac::sema {

enum class ValueKind {
  Unknown,
  Null,
  Bool,
  Int,
  Real,
  Text,
  Timestamp,
  Date,
  Uuid,
  Json,
  Blob,
  Enum
};

struct ValueType {
  ValueType() = default;
  ValueType(ValueKind k) : kind(k) {}  // NOLINT: implicit, so `return {ValueKind::Int};` reads well

  ValueKind kind =
      ValueKind::Unknown;  // Unknown: not checkable (an error already reported, or sql"")
  std::string enumName;    // kind == Enum
  // Set when the expression is a plain string literal, which may also stand for an enum
  // value, a date, a uuid or a json document where one is expected.
  const ast::Expr* stringLiteral = nullptr;

  bool isNumeric() const { return kind == ValueKind::Int || kind == ValueKind::Real; }
  // Unknown and null fit anywhere; they never cause a type error themselves.
  bool isWildcard() const { return kind == ValueKind::Unknown || kind == ValueKind::Null; }
};

ValueType valueTypeOf(const ir::Type& t);
std::string describe(const ValueType& t);  // "int", "text", "invoice_status", "null", ...

// Literal formats accepted where a date, uuid or json value is expected.
bool isValidDate(const std::string& s);  // YYYY-MM-DD, a real calendar day
bool isValidUuid(const std::string& s);  // 8-4-4-4-12 hex digits
bool isValidJson(const std::string& s);
// Whether an integer literal (decimal digits) fits the range of a signed integer of `bits`.
bool intLiteralFits(const std::string& digits, bool negative, int bits);

}  // namespace schemac::sema
