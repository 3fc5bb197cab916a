// Canonical layout. The AST gives the declarations; the comments come from the module's
// comment list and are placed by source position: a comment on the line where an item ends
// stays there (trailing), any other comment goes on its own line before the next item, and
// a comment written inside an item moves just before it. Blank lines between items and
// comments are kept (at most one); between declarations there is always exactly one.
#include "schemac/format.h"

#include <algorithm>
#include <functional>

#include "format/expr_text.h"
#include "schemac/parse.h"

namespace schemac {
namespace {

using format::NameContext;

constexpr std::size_t kMaxEnumLine = 100;  // longer one-line enums are split, one value a line

// Display width: code points, not bytes.
std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

std::string padded(std::string s, std::size_t w) {
  std::size_t n = width(s);
  if (n < w) s.append(w - n, ' ');
  return s;
}

std::string names(const std::vector<ast::Ident>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ", ";
    out += format::identText(ids[i]);
  }
  return out;
}

std::string optionalName(const std::optional<ast::Ident>& id) {
  return id ? format::identText(*id) + " " : "";
}

struct Row {
  enum class Kind { Blank, Comment, Column, Item };
  Row(Kind k) : kind(k) {}  // NOLINT: implicit, so rows.push_back({Row::Kind::Blank}) reads well
  Kind kind;
  std::string text;              // Comment and Item
  std::string name, type, mods;  // Column
  std::string trailing;
};

class Formatter {
 public:
  Formatter(const ast::Module& m, std::string_view src) : m_(m), src_(src) {}

  std::string run();

 private:
  // ---- comments and source positions ----
  const ast::Comment* peek() const {
    return next_ < m_.comments.size() ? &m_.comments[next_] : nullptr;
  }
  bool peekBefore(std::uint32_t offset) const {
    return peek() != nullptr && peek()->range.begin.offset < offset;
  }
  std::size_t newlines(std::uint32_t a, std::uint32_t b) const {
    if (b <= a) return 0;
    return static_cast<std::size_t>(std::count(src_.begin() + a, src_.begin() + b, '\n'));
  }
  bool blankBetween(std::uint32_t a, std::uint32_t b) const { return newlines(a, b) >= 2; }
  static std::string commentText(const ast::Comment& c);
  // Comments that start on the line where `*end` is, before `limit`; advances *end.
  std::string takeTrailing(std::uint32_t* end, std::uint32_t limit);
  // Offset of `c` at or after `from`, skipping comments (which the AST does not locate).
  std::uint32_t findChar(std::uint32_t from, char c) const;
  // Comment rows for every comment before `offset`, with blank lines kept after `*prev`.
  void commentRows(std::vector<Row>& rows, std::uint32_t offset, std::uint32_t* prev,
                   bool keepBlanks);

  // ---- output ----
  void line(const std::string& s) { out_ += s + "\n"; }
  void emitRows(std::vector<Row>& rows);
  // Declarations. `limit` is where the next top-level entry starts.
  void emitNamespace(const ast::NamespaceDecl& ns, std::uint32_t limit);
  void emitEnum(const ast::EnumDecl& e, std::uint32_t limit);
  void emitTable(const ast::TableDecl& t, std::uint32_t limit);
  Row columnRow(const ast::ColumnDecl& c) const;
  Row itemRow(const ast::TableDecl& t, ast::TableItemKind kind, std::size_t i) const;
  static SourceRange itemRange(const ast::TableDecl& t, ast::TableItemKind kind, std::size_t i);

  const ast::Module& m_;
  std::string_view src_;
  std::size_t next_ = 0;       // first comment not written yet
  std::uint32_t prevEnd_ = 0;  // end of the last thing written at top level
  std::string out_;
};

std::string Formatter::commentText(const ast::Comment& c) {
  std::string text;
  for (std::size_t i = 0; i < c.text.size(); ++i) {
    if (c.text[i] == '\r' && i + 1 < c.text.size() && c.text[i + 1] == '\n') continue;
    text += c.text[i];
  }
  // Trailing blanks, on every line of a block comment too.
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string_view piece(text.data() + start,
                           (nl == std::string::npos ? text.size() : nl) - start);
    while (!piece.empty() &&
           (piece.back() == ' ' || piece.back() == '\t' || piece.back() == '\r')) {
      piece.remove_suffix(1);
    }
    out += piece;
    if (nl == std::string::npos) break;
    out += '\n';
    start = nl + 1;
  }
  return out;
}

std::string Formatter::takeTrailing(std::uint32_t* end, std::uint32_t limit) {
  std::string out;
  while (const ast::Comment* c = peek()) {
    std::uint32_t b = c->range.begin.offset;
    if (b >= limit || b < *end || newlines(*end, b) > 0) break;
    if (!out.empty()) out += ' ';
    out += commentText(*c);
    *end = c->range.end.offset;
    ++next_;
  }
  return out;
}

std::uint32_t Formatter::findChar(std::uint32_t from, char ch) const {
  std::size_t ci = next_;
  for (std::uint32_t i = from; i < src_.size(); ++i) {
    while (ci < m_.comments.size() && m_.comments[ci].range.end.offset <= i) ++ci;
    if (ci < m_.comments.size() && m_.comments[ci].range.begin.offset <= i) {
      i = m_.comments[ci].range.end.offset - 1;
      continue;
    }
    if (src_[i] == ch) return i;
  }
  return static_cast<std::uint32_t>(src_.size());
}

void Formatter::commentRows(std::vector<Row>& rows, std::uint32_t offset, std::uint32_t* prev,
                            bool keepBlanks) {
  while (peekBefore(offset)) {
    const ast::Comment& c = *peek();
    if (keepBlanks && !rows.empty() && rows.back().kind != Row::Kind::Blank &&
        blankBetween(*prev, c.range.begin.offset)) {
      rows.push_back({Row::Kind::Blank});
    }
    Row r{Row::Kind::Comment};
    r.text = commentText(c);
    rows.push_back(std::move(r));
    *prev = std::max(*prev, c.range.end.offset);
    ++next_;
  }
}

void Formatter::emitRows(std::vector<Row>& rows) {
  const std::string indent = "  ";
  std::size_t nameW = 0, typeW = 0;
  for (const Row& r : rows) {
    if (r.kind != Row::Kind::Column) continue;
    nameW = std::max(nameW, width(r.name));
    typeW = std::max(typeW, width(r.type));
  }
  std::vector<std::string> lines;
  for (const Row& r : rows) {
    switch (r.kind) {
      case Row::Kind::Blank:
        lines.emplace_back();
        break;
      case Row::Kind::Comment:
      case Row::Kind::Item:
        lines.push_back(indent + r.text);
        break;
      case Row::Kind::Column:
        lines.push_back(indent + padded(r.name, nameW) + "  " +
                        (r.mods.empty() ? r.type : padded(r.type, typeW) + "  " + r.mods));
        break;
    }
  }
  // Trailing comments line up within each run of consecutive rows that have one.
  for (std::size_t i = 0; i < rows.size();) {
    if (rows[i].trailing.empty()) {
      ++i;
      continue;
    }
    std::size_t j = i;
    std::size_t col = 0;
    while (j < rows.size() && !rows[j].trailing.empty()) col = std::max(col, width(lines[j++]));
    for (std::size_t k = i; k < j; ++k) lines[k] = padded(lines[k], col) + "  " + rows[k].trailing;
    i = j;
  }
  for (const std::string& l : lines) line(l);
}

void Formatter::emitNamespace(const ast::NamespaceDecl& ns, std::uint32_t limit) {
  std::vector<Row> inner;
  std::uint32_t prev = ns.range.begin.offset;
  commentRows(inner, ns.range.end.offset, &prev, false);
  for (const Row& r : inner) line(r.text);
  std::string text = "namespace ";
  for (std::size_t i = 0; i < ns.parts.size(); ++i) {
    if (i > 0) text += '.';
    text += format::identText(ns.parts[i]);
  }
  std::uint32_t end = ns.range.end.offset;
  std::string trailing = takeTrailing(&end, limit);
  line(trailing.empty() ? text : text + "  " + trailing);
  prevEnd_ = end;
}

void Formatter::emitEnum(const ast::EnumDecl& e, std::uint32_t limit) {
  std::uint32_t headerEnd = e.name.range.end.offset;
  for (const ast::Ident& w : e.was) headerEnd = std::max(headerEnd, w.range.end.offset);
  std::uint32_t open = findChar(headerEnd, '{');
  std::uint32_t close = e.range.end.offset - 1;
  std::vector<Row> before;
  std::uint32_t prev = e.range.begin.offset;
  commentRows(before, open, &prev, false);
  for (const Row& r : before) line(r.text);

  std::string header = "enum " + format::identText(e.name);
  for (const ast::Ident& w : e.was) header += " was " + format::identText(w);
  auto valueText = [](const ast::EnumValueDecl& v) {
    std::string s = format::identText(v.name, NameContext::EnumValue);
    for (const ast::Ident& w : v.was) s += " was " + format::identText(w);
    return s;
  };

  std::uint32_t end = e.range.end.offset;
  if (!peekBefore(close)) {
    std::string oneLine = header + " {";
    for (const ast::EnumValueDecl& v : e.values) oneLine += " " + valueText(v);
    oneLine += e.values.empty() ? "}" : " }";
    if (width(oneLine) <= kMaxEnumLine) {
      std::string trailing = takeTrailing(&end, limit);
      line(trailing.empty() ? oneLine : oneLine + "  " + trailing);
      prevEnd_ = end;
      return;
    }
  }
  std::vector<Row> rows;
  prev = open + 1;
  std::uint32_t firstLimit = e.values.empty() ? close : e.values[0].range.begin.offset;
  std::string headerTrailing = takeTrailing(&prev, firstLimit);
  for (std::size_t i = 0; i < e.values.size(); ++i) {
    const ast::EnumValueDecl& v = e.values[i];
    commentRows(rows, v.range.begin.offset, &prev, true);
    if (!rows.empty() && rows.back().kind != Row::Kind::Blank &&
        blankBetween(prev, v.range.begin.offset)) {
      rows.push_back({Row::Kind::Blank});
    }
    commentRows(rows, v.range.end.offset, &prev, false);
    Row r{Row::Kind::Item};
    r.text = valueText(v);
    std::uint32_t vEnd = v.range.end.offset;
    r.trailing =
        takeTrailing(&vEnd, i + 1 < e.values.size() ? e.values[i + 1].range.begin.offset : close);
    rows.push_back(std::move(r));
    prev = std::max(prev, vEnd);
  }
  commentRows(rows, close, &prev, true);
  line(headerTrailing.empty() ? header + " {" : header + " {  " + headerTrailing);
  emitRows(rows);
  std::string trailing = takeTrailing(&end, limit);
  line(trailing.empty() ? "}" : "}  " + trailing);
  prevEnd_ = end;
}

SourceRange Formatter::itemRange(const ast::TableDecl& t, ast::TableItemKind kind, std::size_t i) {
  switch (kind) {
    case ast::TableItemKind::Column:
      return t.columns[i].range;
    case ast::TableItemKind::Primary:
      return t.primaryKeys[i].range;
    case ast::TableItemKind::Unique:
      return t.uniques[i].range;
    case ast::TableItemKind::Index:
      return t.indexes[i].range;
    case ast::TableItemKind::Check:
      return t.checks[i].range;
    case ast::TableItemKind::Foreign:
      return t.foreignKeys[i].range;
  }
  return {};
}

Row Formatter::columnRow(const ast::ColumnDecl& c) const {
  Row r{Row::Kind::Column};
  r.name = format::identText(c.name, NameContext::Column);
  r.type = format::typeText(c.type);
  // Modifiers keep the order they were written in.
  std::vector<std::pair<std::uint32_t, std::string>> mods;
  for (const SourceRange& p : c.primary) mods.emplace_back(p.begin.offset, "primary");
  for (const SourceRange& p : c.autoincrement) mods.emplace_back(p.begin.offset, "autoincrement");
  for (const SourceRange& p : c.unique) mods.emplace_back(p.begin.offset, "unique");
  for (const ast::Expr& d : c.defaults) {
    mods.emplace_back(d.range.begin.offset, "default " + format::exprText(d));
  }
  for (const ast::References& ref : c.references) {
    mods.emplace_back(ref.range.begin.offset, format::referencesText(ref));
  }
  for (const ast::Expr& ck : c.checks) {
    mods.emplace_back(ck.range.begin.offset, "check (" + format::exprText(ck) + ")");
  }
  for (const ast::Generated& g : c.generated) {
    std::string s = "generated (" + format::exprText(g.expr) + ")";
    if (g.stored) s += *g.stored ? " stored" : " virtual";
    mods.emplace_back(g.range.begin.offset, std::move(s));
  }
  for (const ast::Ident& w : c.was) {
    mods.emplace_back(w.range.begin.offset, "was " + format::identText(w));
  }
  std::stable_sort(mods.begin(), mods.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [offset, text] : mods) {
    if (!r.mods.empty()) r.mods += ' ';
    r.mods += text;
  }
  return r;
}

Row Formatter::itemRow(const ast::TableDecl& t, ast::TableItemKind kind, std::size_t i) const {
  Row r{Row::Kind::Item};
  switch (kind) {
    case ast::TableItemKind::Column:
      return columnRow(t.columns[i]);
    case ast::TableItemKind::Primary:
      r.text = "primary (" + names(t.primaryKeys[i].columns) + ")";
      break;
    case ast::TableItemKind::Unique:
      r.text =
          "unique " + optionalName(t.uniques[i].name) + "(" + names(t.uniques[i].columns) + ")";
      break;
    case ast::TableItemKind::Index: {
      const ast::IndexItem& ix = t.indexes[i];
      r.text = std::string(ix.unique ? "unique " : "") + "index " + optionalName(ix.name) + "(";
      for (std::size_t k = 0; k < ix.parts.size(); ++k) {
        if (k > 0) r.text += ", ";
        r.text += format::identText(ix.parts[k].column) + (ix.parts[k].desc ? " desc" : "");
      }
      r.text += ")";
      if (ix.where) r.text += " where " + format::exprText(*ix.where);
      break;
    }
    case ast::TableItemKind::Check:
      r.text = "check " + optionalName(t.checks[i].name) + "(" +
               format::exprText(t.checks[i].expr) + ")";
      break;
    case ast::TableItemKind::Foreign: {
      const ast::ForeignItem& fk = t.foreignKeys[i];
      r.text = "foreign " + optionalName(fk.name) + "(" + names(fk.columns) + ") " +
               format::referencesText(fk.references);
      break;
    }
  }
  return r;
}

void Formatter::emitTable(const ast::TableDecl& t, std::uint32_t limit) {
  std::uint32_t headerEnd = t.name.range.end.offset;
  for (const ast::Ident& w : t.was) headerEnd = std::max(headerEnd, w.range.end.offset);
  std::uint32_t open = findChar(headerEnd, '{');
  std::uint32_t close = t.range.end.offset - 1;
  std::vector<Row> before;
  std::uint32_t prev = t.range.begin.offset;
  commentRows(before, open, &prev, false);
  for (const Row& r : before) line(r.text);

  std::string header = "table " + format::identText(t.name);
  for (const ast::Ident& w : t.was) header += " was " + format::identText(w);

  std::vector<Row> rows;
  prev = open + 1;
  std::uint32_t firstLimit =
      t.items.empty() ? close : itemRange(t, t.items[0].first, t.items[0].second).begin.offset;
  std::string headerTrailing = takeTrailing(&prev, firstLimit);
  for (std::size_t i = 0; i < t.items.size(); ++i) {
    auto [kind, index] = t.items[i];
    SourceRange r = itemRange(t, kind, index);
    commentRows(rows, r.begin.offset, &prev, true);
    if (!rows.empty() && rows.back().kind != Row::Kind::Blank &&
        blankBetween(prev, r.begin.offset)) {
      rows.push_back({Row::Kind::Blank});
    }
    commentRows(rows, r.end.offset, &prev, false);
    Row row = itemRow(t, kind, index);
    std::uint32_t end = r.end.offset;
    std::uint32_t nextBegin =
        i + 1 < t.items.size()
            ? itemRange(t, t.items[i + 1].first, t.items[i + 1].second).begin.offset
            : close;
    row.trailing = takeTrailing(&end, nextBegin);
    rows.push_back(std::move(row));
    prev = std::max(prev, end);
  }
  commentRows(rows, close, &prev, true);

  std::uint32_t end = t.range.end.offset;
  if (rows.empty() && headerTrailing.empty()) {
    std::string trailing = takeTrailing(&end, limit);
    line(header + (trailing.empty() ? " {}" : " {}  " + trailing));
    prevEnd_ = end;
    return;
  }
  line(headerTrailing.empty() ? header + " {" : header + " {  " + headerTrailing);
  emitRows(rows);
  std::string trailing = takeTrailing(&end, limit);
  line(trailing.empty() ? "}" : "}  " + trailing);
  prevEnd_ = end;
}

std::string Formatter::run() {
  struct Entry {
    std::uint32_t begin;
    std::function<void(std::uint32_t limit)> emit;
  };
  std::vector<Entry> entries;
  if (m_.ns) {
    entries.push_back(
        {m_.ns->range.begin.offset, [&](std::uint32_t l) { emitNamespace(*m_.ns, l); }});
  }
  for (auto [kind, i] : m_.order) {
    if (kind == ast::Module::DeclKind::Enum) {
      const ast::EnumDecl& e = m_.enums[i];
      entries.push_back({e.range.begin.offset, [this, &e](std::uint32_t l) { emitEnum(e, l); }});
    } else {
      const ast::TableDecl& t = m_.tables[i];
      entries.push_back({t.range.begin.offset, [this, &t](std::uint32_t l) { emitTable(t, l); }});
    }
  }
  bool wrote = false;      // anything written yet
  bool afterDecl = false;  // the last thing written was a declaration
  auto leadingComments = [&](std::uint32_t offset) {
    while (peekBefore(offset)) {
      const ast::Comment& c = *peek();
      if (wrote && (afterDecl || blankBetween(prevEnd_, c.range.begin.offset))) line("");
      line(commentText(c));
      prevEnd_ = c.range.end.offset;
      ++next_;
      wrote = true;
      afterDecl = false;
    }
  };
  for (std::size_t i = 0; i < entries.size(); ++i) {
    leadingComments(entries[i].begin);
    if (wrote && (afterDecl || blankBetween(prevEnd_, entries[i].begin))) line("");
    std::uint32_t limit =
        i + 1 < entries.size() ? entries[i + 1].begin : static_cast<std::uint32_t>(src_.size());
    entries[i].emit(limit);
    wrote = true;
    afterDecl = true;
  }
  leadingComments(static_cast<std::uint32_t>(src_.size()) + 1);
  return out_;
}

}  // namespace

std::string formatModule(const ast::Module& module, std::string_view source) {
  return Formatter(module, source).run();
}

std::optional<std::string> formatFile(const SourceManager& sm, FileId file, DiagEngine& diags) {
  std::size_t errorsBefore = diags.errorCount();
  ast::Module module = parse(sm, file, diags);
  if (diags.errorCount() != errorsBefore) return std::nullopt;
  return formatModule(module, sm.contents(file));
}

}  // namespace schemac
