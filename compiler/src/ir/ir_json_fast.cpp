// The fast paths of ir_json.cpp: a direct writer of the canonical JSON and a direct reader of
// schema JSON, both without building an nlohmann::json tree (a 1,000-table snapshot is 4.5 MB,
// and the tree cost most of `schemac generate`). Each path handles the common case only and
// gives up (nullopt / false) on anything else -- invalid UTF-8, an unknown or duplicate key, a
// wrong type, a syntax error -- so that the nlohmann path produces the result or the exact error
// message. Output bytes are those of nlohmann's dump(2): tests compare both writers.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "indent_strip.h"
#include "ir_json_internal.h"
#include "schemac/support/sha256.h"
#include "schemac/utf8.h"

namespace schemac::ir::detail {
namespace {

// ---- writing ----

struct InvalidUtf8 {};

class Writer {
 public:
  // Writes after out's current end; finish() trims out to what was written.
  explicit Writer(std::string& o) : out(o), hashed_(o.size()) {
    p_ = out.data() + out.size();
    lim_ = p_;
  }
  std::string& out;
  int base = 0;       // more spaces after every newline: the schema nested in a snapshot
  bool hints = true;  // false: the `renamedFrom` hints are left out, as withoutHints() would
  // Set: the text as written with base 0 is hashed table by table (hashPending), while it is
  // still in the cache; keep false drops what was hashed (only the hash is wanted).
  support::Sha256* hasher = nullptr;
  bool keep = true;

  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  ~Writer() { finish(); }

  // out sized to what was written (also done by the destructor); write nothing after it.
  void finish() {
    if (finished_) return;
    finished_ = true;
    out.resize(pos());
  }

  // Hashes what was written since the last call, without the `base` spaces after each newline.
  void hashPending() {
    if (!hasher) return;
    const char* p = out.data() + hashed_;
    const char* end = p_;
    if (base == 0) {
      hasher->update(p, static_cast<std::size_t>(end - p));
    } else {
      // Gathered so that the hasher gets whole blocks.
      char stage[kStage];
      while (p < end) {
        const std::size_t n = std::min(kStage, static_cast<std::size_t>(end - p));
        hasher->update(stage, stripIndent(p, n, base, &skip_, stage));
        p += n;
      }
    }
    if (keep) {
      hashed_ = pos();
    } else {
      p_ = out.data();
      hashed_ = 0;
    }
  }

  // ---- the text, written through a pointer into out (appending a byte at a time to a
  // std::string, with a capacity check and a terminator each time, was most of the writer) ----

  std::size_t pos() const { return static_cast<std::size_t>(p_ - out.data()); }

  // Room for n more bytes at p_. out grows in steps, each zero-filled by resize() just before
  // it is written over (no resize_and_overwrite before C++23).
  void room(std::size_t n) {
    if (static_cast<std::size_t>(lim_ - p_) >= n) return;
    const std::size_t used = pos();
    std::size_t size = std::max(used + n + kStep, std::min(out.capacity(), used + 4 * kStep));
    out.resize(size);
    p_ = out.data() + used;
    lim_ = out.data() + out.size();
  }

  void put(char c) {
    room(1);
    *p_++ = c;
  }
  void put(std::string_view s) {
    room(s.size());
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  template <std::size_t N>
  void lit(const char (&s)[N]) {  // a literal: a copy of known size
    room(N - 1);
    std::memcpy(p_, s, N - 1);
    p_ += N - 1;
  }

  void str(std::string_view s) {
    room(6 * s.size() + 2);  // every byte escaped as \u00XX at worst
    char* p = p_;
    *p++ = '"';
    std::size_t i = 0;
    while (i < s.size()) {
      // Copy the run of plain ASCII at once.
      std::size_t j = i;
      while (j < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[j]);
        if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
        ++j;
      }
      std::memcpy(p, s.data() + i, j - i);
      p += j - i;
      i = j;
      if (i == s.size()) break;
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x80) {
        std::size_t n = utf8SequenceLength(s, i);
        if (n == 0) throw InvalidUtf8{};
        std::memcpy(p, s.data() + i, n);
        p += n;
        i += n;
        continue;
      }
      *p++ = '\\';
      switch (c) {
        case '"':
          *p++ = '"';
          break;
        case '\\':
          *p++ = '\\';
          break;
        case '\b':
          *p++ = 'b';
          break;
        case '\f':
          *p++ = 'f';
          break;
        case '\n':
          *p++ = 'n';
          break;
        case '\r':
          *p++ = 'r';
          break;
        case '\t':
          *p++ = 't';
          break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          std::memcpy(p, "u00", 3);
          p[3] = kHex[c >> 4];
          p[4] = kHex[c & 15];
          p += 5;
        }
      }
      ++i;
    }
    *p++ = '"';
    p_ = p;
  }

  // A newline and the indentation after it.
  void newline(int n) {
    const std::size_t k = static_cast<std::size_t>(n + base);
    room(k + 1 + kSpaces.size());
    *p_++ = '\n';
    if (k <= kSpaces.size()) {
      std::memcpy(p_, kSpaces.data(),
                  kSpaces.size());  // a fixed-size copy; the rest is overwritten
    } else {
      std::memset(p_, ' ', k);
    }
    p_ += k;
  }

  // An object whose members are written by the caller through key(): `{`, members, `}`.
  struct Obj {
    Writer& w;
    int ind;  // indentation of the object's braces
    bool first = true;
    template <std::size_t N>
    void key(const char (&k)[N]) {  // keys are plain ASCII names
      if (!first) w.put(',');
      first = false;
      w.newline(ind + 2);
      w.room(N + 3);
      char* p = w.p_;
      *p = '"';
      std::memcpy(p + 1, k, N - 1);
      std::memcpy(p + N, "\": ", 3);
      w.p_ = p + N + 3;
    }
    void close() {
      if (!first) w.newline(ind);
      w.put('}');
    }
  };
  Obj open(int ind) {
    put('{');
    return Obj{*this, ind};
  }

  template <typename T, typename Fn>
  void array(const std::vector<T>& items, int ind, Fn fn) {
    if (items.empty()) {
      lit("[]");
      return;
    }
    put('[');
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) put(',');
      newline(ind + 2);
      fn(items[i], ind + 2);
    }
    newline(ind);
    put(']');
  }

  void strings(const std::vector<std::string>& v, int ind) {
    array(v, ind, [&](const std::string& s, int) { str(s); });
  }
  void boolean(bool b) {
    if (b) {
      lit("true");
    } else {
      lit("false");
    }
  }
  void integer(int v) {
    room(16);
    p_ = std::to_chars(p_, p_ + 16, v).ptr;
  }

  // Keys of every object below are written in the byte order nlohmann's std::map uses.
  void expr(const Expr& e, int ind) {
    Obj o = open(ind);
    if (!e.args.empty()) {
      o.key("args");
      array(e.args, ind + 2, [&](const Expr& a, int i) { expr(a, i); });
    }
    o.key("kind");
    str(exprKindName(e.kind));
    if (e.negated) {
      o.key("negated");
      boolean(true);
    }
    if (!e.text.empty()) {
      o.key("text");
      str(e.text);
    }
    o.close();
  }

  void type(const Type& t, int ind) {
    Obj o = open(ind);
    if (!t.enumName.empty()) {
      o.key("enum");
      str(t.enumName);
    }
    o.key("kind");
    str(typeKindName(t.kind));
    if (t.length != 0) {
      o.key("length");
      integer(t.length);
    }
    if (t.precision != 0) {
      o.key("precision");
      integer(t.precision);
    }
    if (t.scale != 0) {
      o.key("scale");
      integer(t.scale);
    }
    if (t.unit == TimeUnit::Seconds) {
      o.key("unit");
      str("s");
    }
    o.close();
  }

  void column(const Column& c, int ind) {
    Obj o = open(ind);
    if (c.autoincrement) {
      o.key("autoincrement");
      boolean(true);
    }
    if (c.defaultValue) {
      o.key("default");
      expr(*c.defaultValue, ind + 2);
    }
    if (!c.doc.empty()) {
      o.key("doc");
      str(c.doc);
    }
    if (c.generated) {
      o.key("generated");
      Obj g = open(ind + 2);
      g.key("expr");
      expr(c.generated->expr, ind + 4);
      g.key("stored");
      boolean(c.generated->stored);
      g.close();
    }
    o.key("name");
    str(c.name);
    o.key("nullable");
    boolean(c.nullable);
    if (hints && !c.renamedFrom.empty()) {
      o.key("renamedFrom");
      strings(c.renamedFrom, ind + 2);
    }
    if (!c.sqlType.empty()) {
      o.key("sqlType");
      str(c.sqlType);
    }
    o.key("type");
    type(c.type, ind + 2);
    if (c.unchecked) {
      o.key("unchecked");
      boolean(true);
    }
    o.close();
  }

  void index(const Index& ix, int ind) {
    Obj o = open(ind);
    o.key("columns");
    array(ix.columns, ind + 2, [&](const IndexColumn& c, int i) {
      Obj co = open(i);
      co.key("column");
      str(c.column);
      if (c.desc) {
        co.key("desc");
        boolean(true);
      }
      co.close();
    });
    o.key("name");
    str(ix.name);
    o.key("unique");
    boolean(ix.unique);
    if (ix.where) {
      o.key("where");
      expr(*ix.where, ind + 2);
    }
    o.close();
  }

  void table(const Table& t, int ind) {
    Obj o = open(ind);
    o.key("checks");
    array(t.checks, ind + 2, [&](const Check& c, int i) {
      Obj co = open(i);
      co.key("expr");
      expr(c.expr, i + 2);
      co.key("name");
      str(c.name);
      co.close();
    });
    o.key("columns");
    array(t.columns, ind + 2, [&](const Column& c, int i) { column(c, i); });
    if (!t.doc.empty()) {
      o.key("doc");
      str(t.doc);
    }
    o.key("foreignKeys");
    array(t.foreignKeys, ind + 2, [&](const ForeignKey& fk, int i) {
      Obj fo = open(i);
      fo.key("columns");
      strings(fk.columns, i + 2);
      fo.key("name");
      str(fk.name);
      fo.key("onDelete");
      str(fkActionName(fk.onDelete));
      fo.key("onUpdate");
      str(fkActionName(fk.onUpdate));
      fo.key("refColumns");
      strings(fk.refColumns, i + 2);
      fo.key("refTable");
      str(fk.refTable);
      fo.close();
    });
    o.key("indexes");
    array(t.indexes, ind + 2, [&](const Index& ix, int i) { index(ix, i); });
    o.key("name");
    str(t.name);
    o.key("primaryKey");
    strings(t.primaryKey, ind + 2);
    if (hints && !t.renamedFrom.empty()) {
      o.key("renamedFrom");
      strings(t.renamedFrom, ind + 2);
    }
    o.close();
  }

  void enumValue(const EnumValue& v, int ind) {
    Obj o = open(ind);
    if (!v.doc.empty()) {
      o.key("doc");
      str(v.doc);
    }
    o.key("name");
    str(v.name);
    if (hints && !v.renamedFrom.empty()) {
      o.key("renamedFrom");
      strings(v.renamedFrom, ind + 2);
    }
    o.close();
  }

  void enumeration(const Enum& e, int ind) {
    Obj o = open(ind);
    if (!e.doc.empty()) {
      o.key("doc");
      str(e.doc);
    }
    o.key("name");
    str(e.name);
    if (hints && !e.renamedFrom.empty()) {
      o.key("renamedFrom");
      strings(e.renamedFrom, ind + 2);
    }
    o.key("values");
    array(e.values, ind + 2, [&](const EnumValue& v, int i) { enumValue(v, i); });
    o.close();
  }

  void schema(const Schema& s) {
    Obj o = open(0);
    if (!s.doc.empty()) {
      o.key("doc");
      str(s.doc);
    }
    o.key("enums");
    array(s.enums, 2, [&](const Enum& e, int i) {
      enumeration(e, i);
      hashPending();
    });
    if (!s.ns.empty()) {
      o.key("namespace");
      str(s.ns);
    }
    o.key("tables");
    array(s.tables, 2, [&](const Table& t, int i) {
      table(t, i);
      hashPending();
    });
    o.close();
    put('\n');
    hashPending();
  }

 private:
  static constexpr std::size_t kStep = std::size_t{1} << 16;
  static constexpr std::size_t kStage = 16384;
  static constexpr std::string_view kSpaces =
      "                                                                ";
  char* p_;               // where the next byte goes
  char* lim_;             // out's end: room() grows it
  std::size_t hashed_;    // out[0, hashed_) went to the hasher (or was there before)
  std::size_t skip_ = 0;  // spaces still to leave out at the start of the next piece
  bool finished_ = false;
};

// ---- reading ----

struct GiveUp {};  // anything the fast reader does not handle: the nlohmann path decides

constexpr int kMaxDepth = 500;  // as ir_json.cpp's kMaxExprDepth

class Reader {
 public:
  explicit Reader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  // One table object and nothing else (a table cut out of a schema's text).
  Table wholeTable() {
    ws();
    Table t = table();
    ws();
    if (p_ != end_) throw GiveUp{};
    return t;
  }

  Schema schema() {
    Schema s;
    ws();
    object(
        [&](std::string_view k) {
          if (k == "namespace") return s.ns = str(), 0;
          if (k == "doc") return s.doc = str(), 1;
          if (k == "tables") return array([&] { s.tables.push_back(table()); }), 2;
          if (k == "enums") return array([&] { s.enums.push_back(enumeration()); }), 3;
          return -1;
        },
        1u << 2);
    ws();
    if (p_ != end_) throw GiveUp{};
    return s;
  }

 private:
  void ws() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\t' || *p_ == '\r')) ++p_;
  }
  void expect(char c) {
    if (p_ == end_ || *p_ != c) throw GiveUp{};
    ++p_;
  }
  bool peek(char c) const { return p_ != end_ && *p_ == c; }

  // A string with escapes decoded; gives up on control characters and invalid UTF-8 (which
  // nlohmann rejects with its own message) and on \u escapes (rare; nlohmann decodes them).
  std::string str() {
    expect('"');
    std::string out;
    for (;;) {
      const char* run = p_;
      while (p_ != end_) {
        unsigned char c = static_cast<unsigned char>(*p_);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++p_;
      }
      out.append(run, static_cast<std::size_t>(p_ - run));
      if (p_ == end_) throw GiveUp{};
      unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return out;
      }
      if (c < 0x20) throw GiveUp{};
      if (c >= 0x80) {
        std::size_t n =
            utf8SequenceLength(std::string_view(p_, static_cast<std::size_t>(end_ - p_)), 0);
        if (n == 0) throw GiveUp{};
        out.append(p_, n);
        p_ += n;
        continue;
      }
      ++p_;  // backslash
      if (p_ == end_) throw GiveUp{};
      switch (*p_++) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        default:
          throw GiveUp{};
      }
    }
  }

  // A key: plain ASCII without escapes (every key the IR knows), else give up.
  std::string_view key() {
    expect('"');
    const char* start = p_;
    while (p_ != end_ && *p_ != '"') {
      unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '\\' || c < 0x20 || c >= 0x80) throw GiveUp{};
      ++p_;
    }
    if (p_ == end_) throw GiveUp{};
    std::string_view k(start, static_cast<std::size_t>(p_ - start));
    ++p_;
    return k;
  }

  bool boolean() {
    if (end_ - p_ >= 4 && std::memcmp(p_, "true", 4) == 0) {
      p_ += 4;
      return true;
    }
    if (end_ - p_ >= 5 && std::memcmp(p_, "false", 5) == 0) {
      p_ += 5;
      return false;
    }
    throw GiveUp{};
  }

  // A JSON integer in int's range; anything else (fractions, exponents, leading zeros) gives up.
  int integer() {
    bool neg = false;
    if (peek('-')) {
      neg = true;
      ++p_;
    }
    if (p_ == end_ || *p_ < '0' || *p_ > '9') throw GiveUp{};
    if (*p_ == '0' && p_ + 1 != end_ && p_[1] >= '0' && p_[1] <= '9') throw GiveUp{};
    std::int64_t v = 0;
    int digits = 0;
    while (p_ != end_ && *p_ >= '0' && *p_ <= '9') {
      v = v * 10 + (*p_++ - '0');
      if (++digits > 10) throw GiveUp{};
    }
    if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) throw GiveUp{};
    if (neg) v = -v;
    if (v < -2147483648LL || v > 2147483647LL) throw GiveUp{};
    return static_cast<int>(v);
  }

  // Reads an object; onKey(key) reads the value and returns the key's bit number (< 32), or -1
  // for an unknown key. Gives up on unknown or repeated keys and when a bit of `required` is
  // missing.
  template <typename OnKey>
  void object(OnKey onKey, std::uint32_t required) {
    if (++depth_ > kMaxDepth) throw GiveUp{};
    expect('{');
    ws();
    std::uint32_t seen = 0;
    if (peek('}')) {
      ++p_;
    } else {
      for (;;) {
        ws();
        std::string_view k = key();
        ws();
        expect(':');
        ws();
        int bit = onKey(k);
        if (bit < 0 || (seen & (1u << bit))) throw GiveUp{};
        seen |= 1u << bit;
        ws();
        if (peek(',')) {
          ++p_;
          continue;
        }
        expect('}');
        break;
      }
    }
    if ((seen & required) != required) throw GiveUp{};
    --depth_;
  }

  template <typename Fn>
  void array(Fn fn) {
    if (++depth_ > kMaxDepth) throw GiveUp{};
    expect('[');
    ws();
    if (peek(']')) {
      ++p_;
    } else {
      for (;;) {
        ws();
        fn();
        ws();
        if (peek(',')) {
          ++p_;
          continue;
        }
        expect(']');
        break;
      }
    }
    --depth_;
  }

  std::vector<std::string> strings() {
    std::vector<std::string> out;
    array([&] { out.push_back(str()); });
    return out;
  }

  Expr expr() {
    Expr e;
    object(
        [&](std::string_view k) {
          if (k == "kind") {
            std::string kind = str();
            if (!exprKindFromName(kind, &e.kind)) throw GiveUp{};
            return 0;
          }
          if (k == "text") return e.text = str(), 1;
          if (k == "args") return array([&] { e.args.push_back(expr()); }), 2;
          if (k == "negated") return e.negated = boolean(), 3;
          return -1;
        },
        1u << 0);
    return e;
  }

  Type type() {
    Type t;
    object(
        [&](std::string_view k) {
          if (k == "kind") {
            std::string kind = str();
            if (!typeKindFromName(kind, &t.kind)) throw GiveUp{};
            return 0;
          }
          if (k == "precision") return t.precision = integer(), 1;
          if (k == "scale") return t.scale = integer(), 2;
          if (k == "length") return t.length = integer(), 3;
          if (k == "enum") return t.enumName = str(), 4;
          if (k == "unit") {
            if (str() != "s") throw GiveUp{};
            t.unit = TimeUnit::Seconds;
            return 5;
          }
          return -1;
        },
        1u << 0);
    return t;
  }

  Column column() {
    Column c;
    object(
        [&](std::string_view k) {
          if (k == "name") return c.name = str(), 0;
          if (k == "type") return c.type = type(), 1;
          if (k == "nullable") return c.nullable = boolean(), 2;
          if (k == "default") return c.defaultValue = expr(), 3;
          if (k == "generated") {
            Generated g;
            object(
                [&](std::string_view gk) {
                  if (gk == "expr") return g.expr = expr(), 0;
                  if (gk == "stored") return g.stored = boolean(), 1;
                  return -1;
                },
                1u << 0);
            c.generated = std::move(g);
            return 4;
          }
          if (k == "autoincrement") return c.autoincrement = boolean(), 5;
          if (k == "doc") return c.doc = str(), 6;
          if (k == "renamedFrom") return c.renamedFrom = strings(), 7;
          if (k == "sqlType") return c.sqlType = str(), 8;
          if (k == "unchecked") return c.unchecked = boolean(), 9;
          return -1;
        },
        (1u << 0) | (1u << 1));
    return c;
  }

  Index index() {
    Index ix;
    object(
        [&](std::string_view k) {
          if (k == "name") return ix.name = str(), 0;
          if (k == "unique") return ix.unique = boolean(), 1;
          if (k == "columns") {
            array([&] {
              IndexColumn c;
              object(
                  [&](std::string_view ck) {
                    if (ck == "column") return c.column = str(), 0;
                    if (ck == "desc") return c.desc = boolean(), 1;
                    return -1;
                  },
                  1u << 0);
              ix.columns.push_back(std::move(c));
            });
            return 2;
          }
          if (k == "where") return ix.where = expr(), 3;
          return -1;
        },
        (1u << 0) | (1u << 2));
    return ix;
  }

  FkAction action() {
    std::string name = str();
    FkAction a;
    if (!fkActionFromName(name, &a)) throw GiveUp{};
    return a;
  }

  Table table() {
    Table t;
    object(
        [&](std::string_view k) {
          if (k == "name") return t.name = str(), 0;
          if (k == "columns") return array([&] { t.columns.push_back(column()); }), 1;
          if (k == "primaryKey") return t.primaryKey = strings(), 2;
          if (k == "indexes") return array([&] { t.indexes.push_back(index()); }), 3;
          if (k == "checks") {
            array([&] {
              Check c;
              object(
                  [&](std::string_view ck) {
                    if (ck == "name") return c.name = str(), 0;
                    if (ck == "expr") return c.expr = expr(), 1;
                    return -1;
                  },
                  (1u << 0) | (1u << 1));
              t.checks.push_back(std::move(c));
            });
            return 4;
          }
          if (k == "foreignKeys") {
            array([&] {
              ForeignKey fk;
              object(
                  [&](std::string_view fkk) {
                    if (fkk == "name") return fk.name = str(), 0;
                    if (fkk == "columns") return fk.columns = strings(), 1;
                    if (fkk == "refTable") return fk.refTable = str(), 2;
                    if (fkk == "refColumns") return fk.refColumns = strings(), 3;
                    if (fkk == "onDelete") return fk.onDelete = action(), 4;
                    if (fkk == "onUpdate") return fk.onUpdate = action(), 5;
                    return -1;
                  },
                  0xFu);
              t.foreignKeys.push_back(std::move(fk));
            });
            return 5;
          }
          if (k == "doc") return t.doc = str(), 6;
          if (k == "renamedFrom") return t.renamedFrom = strings(), 7;
          return -1;
        },
        (1u << 0) | (1u << 1));
    return t;
  }

  Enum enumeration() {
    Enum e;
    object(
        [&](std::string_view k) {
          if (k == "name") return e.name = str(), 0;
          if (k == "values") {
            array([&] {
              EnumValue v;
              object(
                  [&](std::string_view vk) {
                    if (vk == "name") return v.name = str(), 0;
                    if (vk == "doc") return v.doc = str(), 1;
                    if (vk == "renamedFrom") return v.renamedFrom = strings(), 2;
                    return -1;
                  },
                  1u << 0);
              e.values.push_back(std::move(v));
            });
            return 1;
          }
          if (k == "doc") return e.doc = str(), 2;
          if (k == "renamedFrom") return e.renamedFrom = strings(), 3;
          return -1;
        },
        (1u << 0) | (1u << 1));
    return e;
  }

  const char* p_;
  const char* end_;
  int depth_ = 0;
};

}  // namespace

std::optional<std::string> fastCanonicalJson(const Schema& s) {
  try {
    std::string out;
    out.reserve(4096 + s.tables.size() * 4608);
    Writer w(out);  // after the reserve: it writes through a pointer into out
    w.schema(s);
    w.finish();
    return out;
  } catch (const InvalidUtf8&) {
    return std::nullopt;
  }
}

std::optional<std::string> fastNestedCanonicalJson(const Schema& s, int indent, std::string* out,
                                                   bool keep) {
  const std::size_t start = out->size();
  try {
    support::Sha256 hasher;
    // The 1,000-table text is 4.5 MB: one allocation rather than doubling copies of it. Before
    // the writer exists: it writes through a pointer into *out.
    out->reserve(start + (keep ? 4096 + s.tables.size() * (4608 + 512 * std::size_t(indent))
                               : std::size_t{1} << 16));
    Writer w(*out);
    w.base = indent;
    w.hints = false;
    w.hasher = &hasher;
    w.keep = keep;
    w.schema(s);
    w.finish();
    if (keep) out->pop_back();  // the trailing newline: the snapshot closes the object after it
    return hasher.finishHex();
  } catch (const InvalidUtf8&) {
    out->resize(start);
    return std::nullopt;
  }
}

bool fastTableFromJson(std::string_view text, Table* out) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF) return false;
  try {
    *out = Reader(text).wholeTable();
    return true;
  } catch (const GiveUp&) {
    return false;
  }
}

bool fastTableJsonEquals(const Table& t, std::string_view text, int base, std::string* scratch) {
  // Written as the schema writer writes a table of the `tables` array (indentation 4), hints
  // left out, and compared whole: the texts are a few KiB and memcmp is cheap next to writing.
  scratch->clear();
  try {
    Writer w(*scratch);
    w.base = base;
    w.hints = false;
    w.table(t, 4);
  } catch (const InvalidUtf8&) {
    return false;
  }
  return *scratch == text;
}

void fastTablesJsonEqual(const std::vector<const Table*>& tables,
                         const std::vector<std::string_view>& texts, int base,
                         std::vector<char>* same) {
  // One writer per batch of tables: a writer grows its buffer in zero-filled steps of 64 KiB,
  // which would cost more than the ~4 KiB of a table if each had its own.
  constexpr std::size_t kBatch = 64;
  same->assign(tables.size(), 0);
  std::string buf;
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (std::size_t b = 0; b < tables.size(); b += kBatch) {
    const std::size_t e = std::min(tables.size(), b + kBatch);
    buf.clear();
    spans.clear();
    try {
      Writer w(buf);
      w.base = base;
      w.hints = false;
      for (std::size_t i = b; i < e; ++i) {
        const std::size_t begin = w.pos();
        w.table(*tables[i], 4);
        spans.emplace_back(begin, w.pos());
      }
    } catch (const InvalidUtf8&) {
      for (std::size_t i = b; i < e; ++i) {
        (*same)[i] = fastTableJsonEquals(*tables[i], texts[i], base, &buf);
      }
      continue;
    }
    for (std::size_t i = b; i < e; ++i) {
      const auto [begin, end] = spans[i - b];
      (*same)[i] = std::string_view(buf).substr(begin, end - begin) == texts[i];
    }
  }
}

bool fastFromJson(std::string_view text, Schema* out) {
  // A UTF-8 byte order mark is skipped by nlohmann; leave that case to it.
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF) return false;
  try {
    *out = Reader(text).schema();
    return true;
  } catch (const GiveUp&) {
    return false;
  }
}

}  // namespace schemac::ir::detail
