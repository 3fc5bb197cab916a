// Schema names -> TypeScript names, and TypeScript literals (docs/typescript.md "Names").
#pragma once

#include <string>
#include <string_view>

namespace schemac::codegen::ts {

// `invoice_items` -> `invoiceItems` (drizzle-orm's convention for properties and tables).
std::string camelCase(std::string_view name);
// `invoice_items` -> `InvoiceItems` (types).
std::string pascalCase(std::string_view name);
// True for a TypeScript reserved word (cannot name a `const`).
bool isReservedWord(std::string_view name);
// True when `name` can be written as an object key without quotes.
bool isIdentifier(std::string_view name);
// A double-quoted TypeScript string literal.
std::string stringLiteral(std::string_view text);
// An object key: the name itself when it is an identifier, else a string literal.
std::string propertyKey(std::string_view name);
// The body of a tagged template (sql`...`): backslashes, backticks and `${` escaped.
std::string templateBody(std::string_view text);
// A TSDoc comment (`/** ... */`, one ` * ` line per doc line) at the printer's indentation;
// empty when the doc is.
std::string tsDoc(std::string_view doc);

}  // namespace schemac::codegen::ts
