// Reads the CREATE VIEW / CREATE TRIGGER / CREATE VIRTUAL TABLE text SQLite keeps in
// sqlite_schema. The parts the IR keeps as SQL (a view's query, a trigger's WHEN and body, a
// virtual table's arguments) are cut out of the stored text byte for byte.
#include "inspect_internal.h"
#include "schemac/codegen/sqlite_tokenizer.h"

namespace schemac::db::detail {
namespace {

using codegen::sqlite::Token;
using codegen::sqlite::TokenKind;

bool isName(const Token& t) {
  return t.kind == TokenKind::Word || t.kind == TokenKind::QuotedIdent ||
         t.kind == TokenKind::String;
}

std::vector<Token> tokensOf(std::string_view sql) {
  std::vector<Token> out;
  for (const Token& t : codegen::sqlite::tokenize(sql)) {
    if (!t.isComment()) out.push_back(t);
  }
  return out;
}

std::size_t matchParen(const std::vector<Token>& t, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < t.size(); ++i) {
    if (t[i].isPunct("(")) ++depth;
    if (t[i].isPunct(")") && --depth == 0) return i;
  }
  return std::string::npos;
}

// The text from byte `from` to the end, trimmed, without a trailing ';'.
std::string tail(std::string_view sql, std::size_t from) {
  std::string s = trimSql(sql.substr(from));
  while (!s.empty() && s.back() == ';') s = trimSql(s.substr(0, s.size() - 1));
  return s;
}

// Reads `CREATE [TEMP|TEMPORARY] <kind...> [IF NOT EXISTS] [schema.]name`: the index after the
// name, or npos (with *error set).
std::size_t header(const std::vector<Token>& t, std::initializer_list<std::string_view> kind,
                   std::string* name, std::string* error) {
  std::size_t i = 0;
  if (i < t.size() && t[i].isWord("CREATE")) ++i;
  if (i < t.size() && (t[i].isWord("TEMP") || t[i].isWord("TEMPORARY"))) ++i;
  for (std::string_view w : kind) {
    if (i >= t.size() || !t[i].isWord(w)) {
      *error = "not a CREATE statement of this kind";
      return std::string::npos;
    }
    ++i;
  }
  if (i + 2 < t.size() && t[i].isWord("IF") && t[i + 1].isWord("NOT") &&
      t[i + 2].isWord("EXISTS")) {
    i += 3;
  }
  if (i >= t.size() || !isName(t[i])) {
    *error = "missing name";
    return std::string::npos;
  }
  *name = t[i].identValue();
  ++i;
  if (i + 1 < t.size() && t[i].isPunct(".") && isName(t[i + 1])) {
    *name = t[i + 1].identValue();
    i += 2;
  }
  return i;
}

}  // namespace

bool parseCreateView(std::string_view sql, ParsedView* out, std::string* error) {
  std::vector<Token> t = tokensOf(sql);
  std::size_t i = header(t, {"VIEW"}, &out->name, error);
  if (i == std::string::npos) return false;
  if (i < t.size() && t[i].isPunct("(")) {
    out->hasColumnList = true;
    i = matchParen(t, i);
    if (i == std::string::npos) {
      *error = "unbalanced column list";
      return false;
    }
    ++i;
  }
  if (i >= t.size() || !t[i].isWord("AS")) {
    *error = "expected AS";
    return false;
  }
  out->select = tail(sql, t[i].end);
  if (out->select.empty()) {
    *error = "missing query";
    return false;
  }
  return true;
}

bool parseCreateTrigger(std::string_view sql, ir::Trigger* out, std::string* error) {
  std::vector<Token> t = tokensOf(sql);
  std::size_t i = header(t, {"TRIGGER"}, &out->name, error);
  if (i == std::string::npos) return false;
  auto fail = [&](const char* msg) {
    *error = msg;
    return false;
  };
  out->timing = ir::TriggerTiming::Before;  // SQLite's default when none is written
  if (i < t.size() && t[i].isWord("BEFORE")) {
    ++i;
  } else if (i < t.size() && t[i].isWord("AFTER")) {
    out->timing = ir::TriggerTiming::After;
    ++i;
  } else if (i + 1 < t.size() && t[i].isWord("INSTEAD") && t[i + 1].isWord("OF")) {
    out->timing = ir::TriggerTiming::InsteadOf;
    i += 2;
  }
  if (i >= t.size()) return fail("missing event");
  if (t[i].isWord("INSERT")) {
    out->event = ir::TriggerEvent::Insert;
  } else if (t[i].isWord("DELETE")) {
    out->event = ir::TriggerEvent::Delete;
  } else if (t[i].isWord("UPDATE")) {
    out->event = ir::TriggerEvent::Update;
  } else {
    return fail("expected INSERT, DELETE or UPDATE");
  }
  ++i;
  if (out->event == ir::TriggerEvent::Update && i < t.size() && t[i].isWord("OF")) {
    ++i;
    while (i < t.size() && isName(t[i]) && !t[i].isWord("ON")) {
      out->columns.push_back(t[i].identValue());
      ++i;
      if (i < t.size() && t[i].isPunct(",")) ++i;
    }
    if (out->columns.empty()) return fail("UPDATE OF without columns");
  }
  if (i + 1 >= t.size() || !t[i].isWord("ON") || !isName(t[i + 1])) return fail("expected ON");
  out->table = t[i + 1].identValue();
  i += 2;
  if (i + 1 < t.size() && t[i].isPunct(".") && isName(t[i + 1])) {
    out->table = t[i + 1].identValue();
    i += 2;
  }
  if (i + 2 < t.size() && t[i].isWord("FOR") && t[i + 1].isWord("EACH") && t[i + 2].isWord("ROW")) {
    out->forEachRow = true;
    i += 3;
  }
  // The body starts at the first BEGIN outside parentheses.
  std::size_t begin = i;
  int depth = 0;
  while (begin < t.size() && !(depth == 0 && t[begin].isWord("BEGIN"))) {
    if (t[begin].isPunct("(")) ++depth;
    if (t[begin].isPunct(")")) --depth;
    ++begin;
  }
  if (begin == t.size()) return fail("missing BEGIN");
  if (i < begin && t[i].isWord("WHEN")) {
    if (i + 1 == begin) return fail("WHEN without a condition");
    out->when = trimSql(sql.substr(t[i + 1].begin, t[begin - 1].end - t[i + 1].begin));
  } else if (i != begin) {
    return fail("unexpected text before BEGIN");
  }
  out->body = tail(sql, t[begin].begin);
  return true;
}

bool parseCreateVirtualTable(std::string_view sql, ir::VirtualTable* out, std::string* error) {
  std::vector<Token> t = tokensOf(sql);
  std::size_t i = header(t, {"VIRTUAL", "TABLE"}, &out->name, error);
  if (i == std::string::npos) return false;
  if (i + 1 >= t.size() || !t[i].isWord("USING") || !isName(t[i + 1])) {
    *error = "expected USING module";
    return false;
  }
  out->module = t[i + 1].identValue();
  i += 2;
  if (i < t.size() && t[i].isPunct("(")) {
    std::size_t close = matchParen(t, i);
    if (close == std::string::npos) {
      *error = "unbalanced arguments";
      return false;
    }
    out->args = std::string(sql.substr(t[i].end, t[close].begin - t[i].end));
    i = close + 1;
  }
  if (i < t.size() && !t[i].isPunct(";")) {
    *error = "unexpected text after the arguments";
    return false;
  }
  return true;
}

}  // namespace schemac::db::detail
