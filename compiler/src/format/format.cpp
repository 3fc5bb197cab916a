// Canonical layout. The AST gives the declarations; the comments come from the module's
// comment list and are placed by source position: a comment on the line where an item ends
// stays there (trailing), any other comment goes on its own line before the next item, and
// a comment written inside an item moves just before it. Blank lines between items and
// comments are kept (at most one); between declarations there is always exactly one.
//
// Doc comments that document nothing (the parser warns about them) keep documenting nothing;
// two exceptions to the rules above keep them where they were:
// - Comments inside a declaration's header, a column or an enum value, when one of them is a
//   doc comment, stay inside: moved before it, the doc comment would document it. The item
//   breaks where they were, between two of its parts (keyword, name, type, modifier, `was`),
//   the comments go on their own lines and the rest of the item continues after them, indented
//   4 more. A column's `check` never starts a line (it would begin a table item) nor does a
//   last `unique` before an `index` item (a unique index): the break moves to an earlier part.
// - The `;` or `,` written after a doc comment is kept, on its own line, when what follows it
//   can be documented. Every other separator is dropped.
#include "schemac/format.h"

#include <algorithm>
#include <functional>
#include <optional>

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

// `email`, `lower(email) desc`, `name collate nocase`.
std::string indexPartText(const ast::IndexPart& part) {
  std::string out = part.expr ? format::exprText(*part.expr) : format::identText(part.column);
  if (part.collation) out += " collate " + format::identText(*part.collation);
  if (part.desc) out += " desc";
  return out;
}

constexpr const char* kContinuation = "    ";  // extra indent of an item's continuation lines

struct Row {
  enum class Kind { Blank, Comment, Column, Item };
  Row(Kind k) : kind(k) {}  // NOLINT: implicit, so rows.push_back({Row::Kind::Blank}) reads well
  Kind kind;
  std::string text;               // Comment and Item
  std::string name, type, mods;   // Column (no type when the column breaks right after its name)
  std::vector<std::string> more;  // continuation lines (an item broken by comments, Broken)
  std::string trailing;
};

// A piece of an item that may begin a continuation line.
struct Part {
  std::uint32_t anchor;  // source offset of a token of the part: a comment before it breaks the
                         // item before this part, one after it before the next part
  std::string text;
  bool glue = false;         // written right after the previous part, with no space (".b")
  bool mayStartLine = true;  // false where a line break would change what the parser reads
};

// An item's parts broken by the comments written inside it.
struct Broken {
  std::size_t first = 0;          // parts [0, first) go on the first line
  std::vector<std::string> more;  // the lines after it: the comments and the other parts
};

// A separator (`;` or `,`) to write after a doc comment.
struct Separator {
  char ch = 0;
  std::uint32_t end = 0;  // source offset just past it
};

class Formatter {
 public:
  Formatter(const ast::Module& m, std::string_view src)
      : m_(m), src_(src), used_(m.comments.size(), false) {
    findSeparators();
  }

  std::string run();

 private:
  // ---- comments and source positions ----
  // The first comment not written yet (the comments innerComments reserves are written with
  // their item).
  const ast::Comment* peek() const {
    std::size_t i = next_;
    while (i < m_.comments.size() && used_[i]) ++i;
    return i < m_.comments.size() ? &m_.comments[i] : nullptr;
  }
  // Marks the comment peek() returned as written; its separator, if any, becomes pending.
  void take();
  // The separator that must follow the comment just taken, if any; clears it.
  std::optional<Separator> takeSeparator() {
    std::optional<Separator> s = pending_;
    pending_.reset();
    return s;
  }
  // A Row for a pending separator, if any; advances *prev past it.
  void separatorRow(std::vector<Row>& rows, std::uint32_t* prev);
  // Offset of the first character at or after `p` that is neither blank nor in a comment;
  // *ci is a comment index to start from. Sets *doc when a doc comment is skipped.
  std::uint32_t skipTrivia(std::uint32_t p, std::size_t* ci, bool* doc) const;
  // For every doc comment followed by a separator and then something a doc comment would
  // document: that separator (sepAfter_).
  void findSeparators();
  // When a doc comment is strictly inside (begin, end), reserves it and the other comments
  // there: they are written inside the item by breakParts, not moved before it.
  std::vector<const ast::Comment*> innerComments(std::uint32_t begin, std::uint32_t end);
  // `parts` broken by `inner`, the comments innerComments reserved.
  Broken breakParts(const std::vector<Part>& parts,
                    const std::vector<const ast::Comment*>& inner) const;
  // The lines of a declaration's header: breakParts, continuation lines indented.
  std::vector<std::string> headerLines(const std::vector<Part>& parts,
                                       const std::vector<const ast::Comment*>& inner) const;
  // Writes `lines` with the trailing comments of the last one (up to `limit`) and a pending
  // separator; *end moves past what was written.
  void closeLines(std::vector<std::string> lines, std::uint32_t* end, std::uint32_t limit);
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
  // Views, triggers and virtual tables: one line each (a header with raw SQL).
  void emitView(const ast::ViewDecl& v, std::uint32_t limit);
  void emitTrigger(const ast::TriggerDecl& t, std::uint32_t limit);
  void emitVirtualTable(const ast::VirtualTableDecl& v, std::uint32_t limit);
  void emitOneLiner(const std::vector<Part>& parts, SourceRange range, std::uint32_t limit);
  // `beforePlainIndex`: the next item is an `index` (not a `unique index`).
  Row columnRow(const ast::ColumnDecl& c, bool beforePlainIndex,
                const std::vector<const ast::Comment*>& inner) const;
  Row itemRow(const ast::TableDecl& t, ast::TableItemKind kind, std::size_t i) const;
  static SourceRange itemRange(const ast::TableDecl& t, ast::TableItemKind kind, std::size_t i);

  const ast::Module& m_;
  std::string_view src_;
  std::size_t next_ = 0;    // first comment not written yet
  std::vector<bool> used_;  // by comment index: written, or reserved for inside an item
  std::vector<std::optional<Separator>> sepAfter_;  // by comment index
  std::optional<Separator> pending_;                // of the comment taken last
  std::uint32_t prevEnd_ = 0;                       // end of the last thing written at top level
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
    take();
  }
  return out;
}

void Formatter::take() {
  while (used_[next_]) ++next_;
  used_[next_] = true;
  pending_ = sepAfter_[next_];
  ++next_;
}

void Formatter::separatorRow(std::vector<Row>& rows, std::uint32_t* prev) {
  if (std::optional<Separator> s = takeSeparator()) {
    Row r{Row::Kind::Item};
    r.text = std::string(1, s->ch);
    rows.push_back(std::move(r));
    *prev = std::max(*prev, s->end);
  }
}

std::uint32_t Formatter::skipTrivia(std::uint32_t p, std::size_t* ci, bool* doc) const {
  const std::vector<ast::Comment>& cs = m_.comments;
  while (p < src_.size()) {
    while (*ci < cs.size() && cs[*ci].range.end.offset <= p) ++*ci;
    if (*ci < cs.size() && cs[*ci].range.begin.offset <= p) {
      if (doc != nullptr && cs[*ci].kind == ast::Comment::Kind::Doc) *doc = true;
      p = cs[*ci].range.end.offset;
      continue;
    }
    char ch = src_[p];
    if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n' && ch != '\f') break;
    ++p;
  }
  return p;
}

void Formatter::findSeparators() {
  // Where the things a doc comment documents begin: the parser attaches the doc comments
  // between the previous token and one of these.
  std::vector<std::uint32_t> starts;
  if (m_.ns) starts.push_back(m_.ns->range.begin.offset);
  for (const ast::EnumDecl& e : m_.enums) {
    starts.push_back(e.range.begin.offset);
    for (const ast::EnumValueDecl& v : e.values) starts.push_back(v.range.begin.offset);
  }
  for (const ast::TableDecl& t : m_.tables) {
    starts.push_back(t.range.begin.offset);
    for (const ast::ColumnDecl& c : t.columns) starts.push_back(c.range.begin.offset);
  }
  for (const ast::ViewDecl& v : m_.views) starts.push_back(v.range.begin.offset);
  for (const ast::TriggerDecl& t : m_.triggers) starts.push_back(t.range.begin.offset);
  for (const ast::VirtualTableDecl& v : m_.virtualTables) starts.push_back(v.range.begin.offset);
  std::sort(starts.begin(), starts.end());
  auto isSeparator = [&](std::uint32_t p) {
    return p < src_.size() && (src_[p] == ';' || src_[p] == ',');
  };
  const std::vector<ast::Comment>& cs = m_.comments;
  sepAfter_.assign(cs.size(), std::nullopt);
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (cs[i].kind != ast::Comment::Kind::Doc) continue;
    std::size_t ci = i + 1;
    bool laterDoc = false;  // then that one is the last before the separator, and keeps it
    std::uint32_t p = skipTrivia(cs[i].range.end.offset, &ci, &laterDoc);
    if (laterDoc || !isSeparator(p)) continue;
    Separator sep{src_[p], p + 1};
    do {
      p = skipTrivia(p + 1, &ci, nullptr);
    } while (isSeparator(p));
    if (std::binary_search(starts.begin(), starts.end(), p)) sepAfter_[i] = sep;
  }
}

std::vector<const ast::Comment*> Formatter::innerComments(std::uint32_t begin, std::uint32_t end) {
  std::vector<std::size_t> inside;
  bool doc = false;
  for (std::size_t i = next_; i < m_.comments.size(); ++i) {
    const ast::Comment& c = m_.comments[i];
    if (c.range.begin.offset >= end) break;
    if (used_[i] || c.range.begin.offset <= begin) continue;
    inside.push_back(i);
    doc = doc || c.kind == ast::Comment::Kind::Doc;
  }
  std::vector<const ast::Comment*> out;
  if (!doc) return out;
  for (std::size_t i : inside) {
    used_[i] = true;
    out.push_back(&m_.comments[i]);
  }
  return out;
}

Broken Formatter::breakParts(const std::vector<Part>& parts,
                             const std::vector<const ast::Comment*>& inner) const {
  Broken b;
  b.first = parts.size();
  if (inner.empty()) return b;
  // Each comment goes before the first part anchored after it, or before the last part when it
  // is inside that one; if that part may not start a line, before an earlier one. Part 0 begins
  // the item, part 1 may always start a line, and the comments keep their order.
  std::vector<std::size_t> at;
  std::size_t last = 1;
  for (const ast::Comment* c : inner) {
    std::size_t q = 1;
    while (q + 1 < parts.size() && parts[q].anchor < c->range.begin.offset) ++q;
    while (q > last && !parts[q].mayStartLine) --q;
    at.push_back(q);
    last = q;
  }
  b.first = at[0];
  for (std::size_t k = 0; k < inner.size(); ++k) {
    b.more.push_back(commentText(*inner[k]));
    if (k + 1 < inner.size() && at[k + 1] == at[k]) continue;
    std::size_t stop = k + 1 < inner.size() ? at[k + 1] : parts.size();
    std::string line;
    for (std::size_t q = at[k]; q < stop; ++q) {
      if (q > at[k] && !parts[q].glue) line += ' ';
      line += parts[q].text;
    }
    b.more.push_back(std::move(line));
  }
  return b;
}

std::vector<std::string> Formatter::headerLines(
    const std::vector<Part>& parts, const std::vector<const ast::Comment*>& inner) const {
  Broken b = breakParts(parts, inner);
  std::vector<std::string> lines(1);
  for (std::size_t q = 0; q < b.first; ++q) {
    if (q > 0 && !parts[q].glue) lines[0] += ' ';
    lines[0] += parts[q].text;
  }
  for (std::string& l : b.more) lines.push_back(kContinuation + l);
  return lines;
}

void Formatter::closeLines(std::vector<std::string> lines, std::uint32_t* end,
                           std::uint32_t limit) {
  std::string trailing = takeTrailing(end, limit);
  if (!trailing.empty()) lines.back() += "  " + trailing;
  for (const std::string& l : lines) line(l);
  if (std::optional<Separator> s = takeSeparator()) {
    line(std::string(1, s->ch));
    *end = std::max(*end, s->end);
  }
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
    take();
    separatorRow(rows, prev);
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
  std::vector<std::size_t> lastLine;  // by row: its last line, where its trailing comment goes
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
        if (r.type.empty()) {
          lines.push_back(indent + r.name);
        } else {
          lines.push_back(indent + padded(r.name, nameW) + "  " +
                          (r.mods.empty() ? r.type : padded(r.type, typeW) + "  " + r.mods));
        }
        break;
    }
    for (const std::string& m : r.more) lines.push_back(indent + kContinuation + m);
    lastLine.push_back(lines.size() - 1);
  }
  // Trailing comments line up within each run of consecutive rows that have one.
  for (std::size_t i = 0; i < rows.size();) {
    if (rows[i].trailing.empty()) {
      ++i;
      continue;
    }
    std::size_t j = i;
    std::size_t col = 0;
    while (j < rows.size() && !rows[j].trailing.empty()) {
      col = std::max(col, width(lines[lastLine[j++]]));
    }
    for (std::size_t k = i; k < j; ++k) {
      std::string& l = lines[lastLine[k]];
      l = padded(l, col) + "  " + rows[k].trailing;
    }
    i = j;
  }
  for (const std::string& l : lines) line(l);
}

void Formatter::emitNamespace(const ast::NamespaceDecl& ns, std::uint32_t limit) {
  std::vector<const ast::Comment*> inner =
      innerComments(ns.range.begin.offset, ns.range.end.offset);
  std::vector<Row> before;
  std::uint32_t prev = ns.range.begin.offset;
  commentRows(before, ns.range.end.offset, &prev, false);
  for (const Row& r : before) line(r.text);
  std::vector<Part> parts{{ns.range.begin.offset, "namespace"}};
  for (std::size_t i = 0; i < ns.parts.size(); ++i) {
    Part p{ns.parts[i].range.begin.offset, format::identText(ns.parts[i])};
    if (i > 0) {
      p.text = "." + p.text;
      p.glue = true;
    }
    parts.push_back(std::move(p));
  }
  std::uint32_t end = ns.range.end.offset;
  closeLines(headerLines(parts, inner), &end, limit);
  prevEnd_ = end;
}

void Formatter::emitEnum(const ast::EnumDecl& e, std::uint32_t limit) {
  std::uint32_t headerEnd = e.name.range.end.offset;
  for (const ast::Ident& w : e.was) headerEnd = std::max(headerEnd, w.range.end.offset);
  std::uint32_t open = findChar(headerEnd, '{');
  std::uint32_t close = e.range.end.offset - 1;
  std::vector<const ast::Comment*> headerComments = innerComments(e.range.begin.offset, open);
  std::vector<Row> before;
  std::uint32_t prev = e.range.begin.offset;
  commentRows(before, open, &prev, false);
  for (const Row& r : before) line(r.text);

  std::vector<Part> header{{e.range.begin.offset, "enum"},
                           {e.name.range.begin.offset, format::identText(e.name)}};
  for (const ast::Ident& w : e.was) {
    header.push_back({w.range.begin.offset, "was " + format::identText(w)});
  }
  header.push_back({open, "{"});
  auto valueParts = [](const ast::EnumValueDecl& v) {
    std::vector<Part> parts{
        {v.name.range.begin.offset, format::identText(v.name, NameContext::EnumValue)}};
    for (const ast::Ident& w : v.was) {
      parts.push_back({w.range.begin.offset, "was " + format::identText(w)});
    }
    return parts;
  };
  auto joined = [](const std::vector<Part>& parts, std::size_t n) {
    std::string s;
    for (std::size_t q = 0; q < n; ++q) s += (q > 0 ? " " : "") + parts[q].text;
    return s;
  };

  std::uint32_t end = e.range.end.offset;
  if (headerComments.empty() && !peekBefore(close)) {
    std::string oneLine = joined(header, header.size());
    for (const ast::EnumValueDecl& v : e.values) {
      std::vector<Part> parts = valueParts(v);
      oneLine += " " + joined(parts, parts.size());
    }
    oneLine += e.values.empty() ? "}" : " }";
    if (width(oneLine) <= kMaxEnumLine) {
      closeLines({oneLine}, &end, limit);
      prevEnd_ = end;
      return;
    }
  }
  std::vector<Row> rows;
  prev = open + 1;
  std::uint32_t firstLimit = e.values.empty() ? close : e.values[0].range.begin.offset;
  std::string headerTrailing = takeTrailing(&prev, firstLimit);
  separatorRow(rows, &prev);
  for (std::size_t i = 0; i < e.values.size(); ++i) {
    const ast::EnumValueDecl& v = e.values[i];
    commentRows(rows, v.range.begin.offset, &prev, true);
    if (!rows.empty() && rows.back().kind != Row::Kind::Blank &&
        blankBetween(prev, v.range.begin.offset)) {
      rows.push_back({Row::Kind::Blank});
    }
    std::vector<const ast::Comment*> inner =
        innerComments(v.range.begin.offset, v.range.end.offset);
    commentRows(rows, v.range.end.offset, &prev, false);
    Row r{Row::Kind::Item};
    std::vector<Part> parts = valueParts(v);
    Broken b = breakParts(parts, inner);
    r.text = joined(parts, b.first);
    r.more = std::move(b.more);
    std::uint32_t vEnd = v.range.end.offset;
    r.trailing =
        takeTrailing(&vEnd, i + 1 < e.values.size() ? e.values[i + 1].range.begin.offset : close);
    rows.push_back(std::move(r));
    prev = std::max(prev, vEnd);
    separatorRow(rows, &prev);
  }
  commentRows(rows, close, &prev, true);
  std::vector<std::string> lines = headerLines(header, headerComments);
  if (!headerTrailing.empty()) lines.back() += "  " + headerTrailing;
  for (const std::string& l : lines) line(l);
  emitRows(rows);
  closeLines({"}"}, &end, limit);
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

Row Formatter::columnRow(const ast::ColumnDecl& c, bool beforePlainIndex,
                         const std::vector<const ast::Comment*>& inner) const {
  std::vector<Part> parts{
      {c.name.range.begin.offset, format::identText(c.name, NameContext::Column)},
      {c.type.range.begin.offset, format::typeText(c.type)}};
  // Modifiers keep the order they were written in. The anchor of `default`, `check` and `was`
  // is their expression or name, after the keyword: close enough for placing a comment.
  std::size_t firstMod = parts.size();
  for (const SourceRange& p : c.primary) parts.push_back({p.begin.offset, "primary"});
  for (const SourceRange& p : c.autoincrement) parts.push_back({p.begin.offset, "autoincrement"});
  for (const SourceRange& p : c.unique) parts.push_back({p.begin.offset, "unique"});
  for (const ast::Expr& d : c.defaults) {
    parts.push_back({d.range.begin.offset, "default " + format::exprText(d)});
  }
  for (const ast::References& ref : c.references) {
    parts.push_back({ref.range.begin.offset, format::referencesText(ref)});
  }
  for (const ast::Expr& ck : c.checks) {
    // At the start of a line, `check (...)` begins a table item.
    parts.push_back({ck.range.begin.offset, "check (" + format::exprText(ck) + ")", false, false});
  }
  for (const ast::Generated& g : c.generated) {
    std::string s = "generated (" + format::exprText(g.expr) + ")";
    if (g.stored) s += *g.stored ? " stored" : " virtual";
    parts.push_back({g.range.begin.offset, std::move(s)});
  }
  for (const ast::Expr& st : c.sqlTypes) {
    parts.push_back({st.range.begin.offset, "sqltype " + format::exprText(st)});
  }
  for (const ast::Expr& ts : c.tsTypes) {
    parts.push_back({ts.range.begin.offset, "tstype " + format::exprText(ts)});
  }
  for (const SourceRange& u : c.unchecked) parts.push_back({u.begin.offset, "unchecked"});
  for (const ast::Ident& w : c.was) {
    parts.push_back({w.range.begin.offset, "was " + format::identText(w)});
  }
  // The contextual modifiers begin a column at the start of a line: they never start one.
  for (const ast::Ident& co : c.collations) {
    parts.push_back({co.range.begin.offset, "collate " + format::identText(co), false, false});
  }
  for (const SourceRange& u : c.uniqueConstraint) {
    parts.push_back({u.begin.offset, "unique constraint", false, false});
  }
  for (const SourceRange& n : c.nullableLegacy) {
    parts.push_back({n.begin.offset, "nullable_legacy", false, false});
  }
  std::stable_sort(parts.begin() + static_cast<std::ptrdiff_t>(firstMod), parts.end(),
                   [](const Part& a, const Part& b) { return a.anchor < b.anchor; });
  // At the start of a line, `unique` followed by `index` begins a unique index.
  if (beforePlainIndex && parts.back().text == "unique") parts.back().mayStartLine = false;

  Broken b = breakParts(parts, inner);
  Row r{Row::Kind::Column};
  r.name = parts[0].text;
  if (b.first > 1) r.type = parts[1].text;
  for (std::size_t q = firstMod; q < b.first; ++q) {
    if (!r.mods.empty()) r.mods += ' ';
    r.mods += parts[q].text;
  }
  r.more = std::move(b.more);
  return r;
}

Row Formatter::itemRow(const ast::TableDecl& t, ast::TableItemKind kind, std::size_t i) const {
  Row r{Row::Kind::Item};
  switch (kind) {
    case ast::TableItemKind::Column:
      return columnRow(t.columns[i], false, {});
    case ast::TableItemKind::Primary:
      r.text = "primary " + optionalName(t.primaryKeys[i].name) + "(" +
               names(t.primaryKeys[i].columns) + ")" +
               (t.primaryKeys[i].nullableLegacy ? " nullable_legacy" : "");
      break;
    case ast::TableItemKind::Unique:
      r.text = std::string("unique ") + (t.uniques[i].constraint ? "constraint " : "") +
               optionalName(t.uniques[i].name) + "(" + names(t.uniques[i].columns);
      for (std::size_t k = 0; k < t.uniques[i].parts.size(); ++k) {
        r.text += (k > 0 ? ", " : "") + indexPartText(t.uniques[i].parts[k]);
      }
      r.text += ")";
      break;
    case ast::TableItemKind::Index: {
      const ast::IndexItem& ix = t.indexes[i];
      r.text = std::string(ix.unique ? "unique " : "") + "index " + optionalName(ix.name) + "(";
      for (std::size_t k = 0; k < ix.parts.size(); ++k) {
        if (k > 0) r.text += ", ";
        r.text += indexPartText(ix.parts[k]);
      }
      r.text += ")";
      if (ix.where) r.text += " where " + format::exprText(*ix.where);
      break;
    }
    case ast::TableItemKind::Check:
      r.text = "check " + (t.checks[i].unnamed ? "unnamed " : optionalName(t.checks[i].name)) +
               "(" + format::exprText(t.checks[i].expr) + ")";
      break;
    case ast::TableItemKind::Foreign: {
      const ast::ForeignItem& fk = t.foreignKeys[i];
      r.text = "foreign " + (fk.unnamed ? "unnamed " : optionalName(fk.name)) + "(" +
               names(fk.columns) + ") " + format::referencesText(fk.references);
      break;
    }
  }
  return r;
}

void Formatter::emitTable(const ast::TableDecl& t, std::uint32_t limit) {
  std::uint32_t headerEnd = t.name.range.end.offset;
  for (const ast::Ident& w : t.was) headerEnd = std::max(headerEnd, w.range.end.offset);
  for (const ast::TableOption& o : t.options) headerEnd = std::max(headerEnd, o.range.end.offset);
  std::uint32_t open = findChar(headerEnd, '{');
  std::uint32_t close = t.range.end.offset - 1;
  std::vector<const ast::Comment*> headerComments = innerComments(t.range.begin.offset, open);
  std::vector<Row> before;
  std::uint32_t prev = t.range.begin.offset;
  commentRows(before, open, &prev, false);
  for (const Row& r : before) line(r.text);

  std::vector<Part> header{{t.range.begin.offset, "table"},
                           {t.name.range.begin.offset, format::identText(t.name)}};
  for (const ast::Ident& w : t.was) {
    header.push_back({w.range.begin.offset, "was " + format::identText(w)});
  }
  for (const ast::TableOption& o : t.options) {
    header.push_back({o.range.begin.offset,
                      o.kind == ast::TableOption::Kind::WithoutRowid ? "without rowid" : "strict"});
  }
  header.push_back({open, "{"});

  std::vector<Row> rows;
  prev = open + 1;
  std::uint32_t firstLimit =
      t.items.empty() ? close : itemRange(t, t.items[0].first, t.items[0].second).begin.offset;
  std::string headerTrailing = takeTrailing(&prev, firstLimit);
  separatorRow(rows, &prev);
  for (std::size_t i = 0; i < t.items.size(); ++i) {
    auto [kind, index] = t.items[i];
    SourceRange r = itemRange(t, kind, index);
    commentRows(rows, r.begin.offset, &prev, true);
    if (!rows.empty() && rows.back().kind != Row::Kind::Blank &&
        blankBetween(prev, r.begin.offset)) {
      rows.push_back({Row::Kind::Blank});
    }
    std::vector<const ast::Comment*> inner;
    if (kind == ast::TableItemKind::Column) inner = innerComments(r.begin.offset, r.end.offset);
    commentRows(rows, r.end.offset, &prev, false);
    Row row{Row::Kind::Item};
    if (kind == ast::TableItemKind::Column) {
      bool beforePlainIndex = i + 1 < t.items.size() &&
                              t.items[i + 1].first == ast::TableItemKind::Index &&
                              !t.indexes[t.items[i + 1].second].unique;
      row = columnRow(t.columns[index], beforePlainIndex, inner);
    } else {
      row = itemRow(t, kind, index);
    }
    std::uint32_t end = r.end.offset;
    std::uint32_t nextBegin =
        i + 1 < t.items.size()
            ? itemRange(t, t.items[i + 1].first, t.items[i + 1].second).begin.offset
            : close;
    row.trailing = takeTrailing(&end, nextBegin);
    rows.push_back(std::move(row));
    prev = std::max(prev, end);
    separatorRow(rows, &prev);
  }
  commentRows(rows, close, &prev, true);

  std::uint32_t end = t.range.end.offset;
  std::vector<std::string> lines = headerLines(header, headerComments);
  if (rows.empty() && headerTrailing.empty()) {
    lines.back() += "}";
    closeLines(std::move(lines), &end, limit);
    prevEnd_ = end;
    return;
  }
  if (!headerTrailing.empty()) lines.back() += "  " + headerTrailing;
  for (const std::string& l : lines) line(l);
  emitRows(rows);
  closeLines({"}"}, &end, limit);
  prevEnd_ = end;
}

// ---- views, triggers, virtual tables ----

void Formatter::emitOneLiner(const std::vector<Part>& parts, SourceRange range,
                             std::uint32_t limit) {
  std::vector<const ast::Comment*> inner = innerComments(range.begin.offset, range.end.offset);
  std::vector<Row> before;
  std::uint32_t prev = range.begin.offset;
  commentRows(before, range.end.offset, &prev, false);
  for (const Row& r : before) line(r.text);
  std::uint32_t end = range.end.offset;
  closeLines(headerLines(parts, inner), &end, limit);
  prevEnd_ = end;
}

void Formatter::emitView(const ast::ViewDecl& v, std::uint32_t limit) {
  // `as` has no range of its own: it goes with the query.
  emitOneLiner({{v.range.begin.offset, "view"},
                {v.name.range.begin.offset, format::identText(v.name)},
                {v.query.range.begin.offset, "as " + format::exprText(v.query)}},
               v.range, limit);
}

void Formatter::emitTrigger(const ast::TriggerDecl& t, std::uint32_t limit) {
  const char* timing = t.timing == ast::TriggerTiming::Before  ? "before"
                       : t.timing == ast::TriggerTiming::After ? "after"
                                                               : "instead of";
  const char* event = t.event == ast::TriggerEvent::Insert   ? "insert"
                      : t.event == ast::TriggerEvent::Delete ? "delete"
                                                             : "update";
  std::vector<Part> parts{{t.range.begin.offset, "trigger"},
                          {t.name.range.begin.offset, format::identText(t.name)},
                          {t.timingRange.begin.offset, timing},
                          {t.eventRange.begin.offset, event}};
  if (t.of) parts.push_back({t.of->begin.offset, "of " + names(t.columns)});
  parts.push_back({t.target.range.begin.offset, "on " + format::identText(t.target)});
  if (t.forEachRow) parts.push_back({t.forEachRow->begin.offset, "for each row"});
  if (t.when) parts.push_back({t.when->range.begin.offset, "when " + format::exprText(*t.when)});
  parts.push_back({t.body.range.begin.offset, format::exprText(t.body)});
  emitOneLiner(parts, t.range, limit);
}

void Formatter::emitVirtualTable(const ast::VirtualTableDecl& v, std::uint32_t limit) {
  std::vector<Part> parts{{v.range.begin.offset, "virtual table"},
                          {v.name.range.begin.offset, format::identText(v.name)},
                          {v.module.range.begin.offset, "using " + format::identText(v.module)}};
  if (v.args) parts.push_back({v.args->range.begin.offset, format::exprText(*v.args)});
  emitOneLiner(parts, v.range, limit);
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
    } else if (kind == ast::Module::DeclKind::Table) {
      const ast::TableDecl& t = m_.tables[i];
      entries.push_back({t.range.begin.offset, [this, &t](std::uint32_t l) { emitTable(t, l); }});
    } else if (kind == ast::Module::DeclKind::View) {
      const ast::ViewDecl& v = m_.views[i];
      entries.push_back({v.range.begin.offset, [this, &v](std::uint32_t l) { emitView(v, l); }});
    } else if (kind == ast::Module::DeclKind::Trigger) {
      const ast::TriggerDecl& t = m_.triggers[i];
      entries.push_back({t.range.begin.offset, [this, &t](std::uint32_t l) { emitTrigger(t, l); }});
    } else {
      const ast::VirtualTableDecl& v = m_.virtualTables[i];
      entries.push_back(
          {v.range.begin.offset, [this, &v](std::uint32_t l) { emitVirtualTable(v, l); }});
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
      take();
      if (std::optional<Separator> s = takeSeparator()) {
        line(std::string(1, s->ch));
        prevEnd_ = s->end;
      }
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
