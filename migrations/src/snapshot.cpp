// meta/NNNN_snapshot.json: the schema after a migration, chained by id/prevId so that two
// migrations generated from the same parent (concurrent branches) can be detected.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "schemac/migrations/migrations.h"
#include "schemac/utf8.h"

namespace schemac::migrations {

using nlohmann::json;

std::string snapshotId(std::string_view prevId, std::string_view fingerprint) {
  std::string input;
  input.reserve(prevId.size() + 1 + fingerprint.size());
  input.append(prevId).append("\n").append(fingerprint);
  return sha256Hex(input);
}

Snapshot makeSnapshot(std::string dialect, std::string fingerprint, std::string prevId,
                      std::string schemaJson) {
  Snapshot s;
  s.dialect = std::move(dialect);
  s.id = snapshotId(prevId, fingerprint);
  s.fingerprint = std::move(fingerprint);
  s.prevId = std::move(prevId);
  s.schemaJson = std::move(schemaJson);
  return s;
}

namespace {

// `{`, the four strings before the schema, and the schema's key: what snapshotToJson writes
// before the schema's `{`.
std::string snapshotHead(const Snapshot& s) {
  std::string out = "{\n";
  for (auto [key, value] :
       {std::pair{"dialect", &s.dialect}, std::pair{"fingerprint", &s.fingerprint},
        std::pair{"id", &s.id}, std::pair{"prevId", &s.prevId}}) {
    out += "  \"";
    out += key;
    out += "\": ";
    out += json(*value).dump();
    out += ",\n";
  }
  out += "  \"schema\": ";
  return out;
}

constexpr std::string_view kSnapshotTail = "\n}\n";

}  // namespace

std::string snapshotTextStart(std::string_view dialect, std::string_view prevId) {
  Snapshot s;
  s.dialect = dialect;
  s.fingerprint.assign(64, '0');  // the places finishSnapshotText fills in
  s.id.assign(64, '0');
  s.prevId = prevId;
  return snapshotHead(s);
}

void finishSnapshotText(std::string* text, std::string_view prevId, std::string_view fingerprint) {
  // Both are SHA-256 hex, as long as the zeros they replace; the dialect before them has the
  // length snapshotTextStart gave it.
  static constexpr std::string_view kFingerprintKey = ",\n  \"fingerprint\": \"";
  static constexpr std::string_view kIdKey = "\",\n  \"id\": \"";
  if (fingerprint.size() != 64) throw std::invalid_argument("a fingerprint is 64 hex digits");
  const std::size_t fp = text->find(kFingerprintKey) + kFingerprintKey.size();
  const std::string id = snapshotId(prevId, fingerprint);
  text->replace(fp, 64, fingerprint.substr(0, 64));
  text->replace(fp + 64 + kIdKey.size(), 64, id);
  text->append(kSnapshotTail);
}

std::string snapshotToJson(const Snapshot& s) {
  // The nested schema is spliced in as text, re-indented one level: it is already canonical
  // (nlohmann's dump(2), as ir::toCanonicalJson writes it), and re-parsing a 1,000-table
  // schema only to print it again would double the cost of `generate`.
  std::string_view schema = s.schemaJson;
  while (!schema.empty() && schema.back() == '\n') schema.remove_suffix(1);
  std::string out = snapshotHead(s);
  std::size_t lines = static_cast<std::size_t>(std::count(schema.begin(), schema.end(), '\n'));
  out.reserve(out.size() + schema.size() + 2 * lines + 4);
  std::size_t i = 0;
  while (i < schema.size()) {
    std::size_t nl = schema.find('\n', i);
    if (nl == std::string_view::npos) {
      out.append(schema.substr(i));
      break;
    }
    out.append(schema.substr(i, nl + 1 - i));
    out += "  ";
    i = nl + 1;
  }
  out += kSnapshotTail;
  return out;
}

namespace {

// ---- the fast path: a snapshot exactly as snapshotToJson writes it ----
//
// A 1,000-table snapshot is 4.5 MB, and generate reads every snapshot of the directory. Parsing
// each into an nlohmann tree and dumping its schema again cost most of a `generate`. The files
// schemac writes are already canonical, so the schema text can be cut out and un-indented, once
// a single pass has proved that it is exactly what dump(2) would print (valid JSON, keys sorted
// and unique, nlohmann's escapes and spacing, integers only). Any other file takes the
// nlohmann path, which also words every error.

class CanonicalScanner {
 public:
  explicit CanonicalScanner(std::string_view text) : s_(text) {}

  // The byte length of the canonical JSON string at pos (quotes included), or 0.
  std::size_t string(std::size_t pos) const {
    if (pos >= s_.size() || s_[pos] != '"') return 0;
    std::size_t i = pos + 1;
    while (i < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[i]);
      // Plain printable ASCII other than the quote and the backslash: the common case.
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ++i;
        continue;
      }
      if (c == '"') return i + 1 - pos;
      if (c < 0x20) return 0;
      if (c == '\\') {
        if (i + 1 >= s_.size()) return 0;
        char e = s_[i + 1];
        if (e == '"' || e == '\\' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
          i += 2;
          continue;
        }
        // nlohmann writes \u00xx (lower-case) for the other control characters only.
        if (e != 'u' || i + 5 >= s_.size() || s_[i + 2] != '0' || s_[i + 3] != '0') return 0;
        int v = hex(s_[i + 4]) * 16 + hex(s_[i + 5]);
        if (hex(s_[i + 4]) < 0 || hex(s_[i + 5]) < 0 || v >= 0x20 || v == 0x08 || v == 0x09 ||
            v == 0x0A || v == 0x0C || v == 0x0D) {
          return 0;
        }
        i += 6;
        continue;
      }
      if (c >= 0x80) {
        std::size_t n = utf8SequenceLength(s_, i);
        if (n == 0) return 0;
        i += n;
        continue;
      }
      ++i;
    }
    return 0;
  }

  // Checks the canonical value at pos_ whose enclosing indentation is `indent`; advances pos_.
  bool value(std::size_t indent, int depth = 0) {
    if (depth > 1000 || pos_ >= s_.size()) return false;
    char c = s_[pos_];
    if (c == '{' || c == '[') {
      bool isObject = c == '{';
      char close = isObject ? '}' : ']';
      ++pos_;
      if (pos_ < s_.size() && s_[pos_] == close) {
        ++pos_;
        return true;
      }
      std::string_view prevKey;
      bool first = true;
      for (;;) {
        if (!take(first ? "\n" : ",\n") || !spaces(indent + 2)) return false;
        first = false;
        if (isObject) {
          std::size_t n = string(pos_);
          if (n == 0) return false;
          std::string_view key = s_.substr(pos_ + 1, n - 2);  // without the quotes
          // Sorted and unique. Compared as written: a key with an escape is left to nlohmann.
          if (key.find('\\') != std::string_view::npos || (!prevKey.empty() && !(prevKey < key))) {
            return false;
          }
          prevKey = key;
          pos_ += n;
          if (!take(": ")) return false;
        }
        if (!value(indent + 2, depth + 1)) return false;
        if (pos_ < s_.size() && s_[pos_] == ',') continue;
        if (!take("\n") || !spaces(indent) || pos_ >= s_.size() || s_[pos_] != close) return false;
        ++pos_;
        return true;
      }
    }
    if (c == '"') {
      std::size_t n = string(pos_);
      pos_ += n;
      return n != 0;
    }
    if (take("true") || take("false") || take("null")) return true;
    // An integer as nlohmann prints it: no leading zeros, no "-0", at most 18 digits (beyond
    // that it may not be an integer to nlohmann).
    std::size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    std::size_t digits = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    std::size_t n = pos_ - digits;
    if (n == 0 || n > 18 || (s_[digits] == '0' && (n > 1 || digits != start))) return false;
    return pos_ >= s_.size() || (s_[pos_] != '.' && s_[pos_] != 'e' && s_[pos_] != 'E');
  }

  bool take(std::string_view lit) {
    if (s_.size() - pos_ < lit.size()) return false;
    for (std::size_t k = 0; k < lit.size(); ++k) {
      if (s_[pos_ + k] != lit[k]) return false;
    }
    pos_ += lit.size();
    return true;
  }
  bool spaces(std::size_t n) {
    if (pos_ + n > s_.size()) return false;
    for (std::size_t k = 0; k < n; ++k) {
      if (s_[pos_ + k] != ' ') return false;
    }
    pos_ += n;
    return true;
  }
  std::size_t pos_ = 0;

 private:
  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;  // nlohmann writes lower case
  }
  std::string_view s_;
};

// The four strings before the schema, exactly as snapshotToJson writes them; leaves the scanner
// on the schema's `{`.
bool canonicalHeader(CanonicalScanner& sc, std::string_view text, Snapshot& s) {
  if (!sc.take("{\n")) return false;
  for (auto [key, dst] :
       {std::pair{"  \"dialect\": ", &s.dialect}, std::pair{"  \"fingerprint\": ", &s.fingerprint},
        std::pair{"  \"id\": ", &s.id}, std::pair{"  \"prevId\": ", &s.prevId}}) {
    if (!sc.take(key)) return false;
    std::size_t n = sc.string(sc.pos_);
    if (n == 0) return false;
    std::string_view value = text.substr(sc.pos_ + 1, n - 2);
    if (value.find('\\') != std::string_view::npos) return false;  // escapes: nlohmann decodes
    dst->assign(value);
    sc.pos_ += n;
    if (!sc.take(",\n")) return false;
  }
  return sc.take("  \"schema\": ") && sc.pos_ < text.size() && text[sc.pos_] == '{';
}

bool parseCanonicalSnapshot(std::string_view text, Snapshot* out, bool withSchema) {
  CanonicalScanner sc(text);
  Snapshot s;
  if (!canonicalHeader(sc, text, s)) return false;
  std::size_t schemaStart = sc.pos_;
  if (!sc.value(2) || !sc.take("\n}\n") || sc.pos_ != text.size()) return false;
  if (!withSchema) {
    *out = std::move(s);
    return true;
  }
  // Un-indent the schema by the two spaces snapshotToJson added after each newline.
  std::string_view schema = text.substr(schemaStart, sc.pos_ - 3 - schemaStart);
  std::string& json = s.schemaJson;
  json.reserve(schema.size() + 1);
  std::size_t i = 0;
  while (i < schema.size()) {
    std::size_t nl = schema.find('\n', i);
    if (nl == std::string_view::npos) {
      json.append(schema.substr(i));
      break;
    }
    json.append(schema.substr(i, nl + 1 - i));
    i = nl + 3;  // the scanner checked the indentation
  }
  json += '\n';
  *out = std::move(s);
  return true;
}

// parseSnapshot, and checkSnapshot without copying the schema out (withSchema false).
bool readSnapshot(std::string_view text, Snapshot* out, std::string* error, bool withSchema) {
  if (parseCanonicalSnapshot(text, out, withSchema)) return true;
  json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    *error = "not valid JSON";
    return false;
  }
  if (!doc.is_object()) {
    *error = "expected a JSON object";
    return false;
  }
  Snapshot s;
  for (auto [key, dst] :
       {std::pair{"dialect", &s.dialect}, std::pair{"fingerprint", &s.fingerprint},
        std::pair{"id", &s.id}, std::pair{"prevId", &s.prevId}}) {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_string()) {
      *error = std::string("missing string `") + key + "`";
      return false;
    }
    *dst = it->get<std::string>();
  }
  auto schema = doc.find("schema");
  if (schema == doc.end() || !schema->is_object()) {
    *error = "missing `schema` object";
    return false;
  }
  if (withSchema) s.schemaJson = schema->dump(2) + "\n";
  *out = std::move(s);
  return true;
}

}  // namespace

bool parseSnapshot(std::string_view text, Snapshot* out, std::string* error) {
  return readSnapshot(text, out, error, /*withSchema=*/true);
}

bool checkSnapshot(std::string_view text, Snapshot* out, std::string* error) {
  return readSnapshot(text, out, error, /*withSchema=*/false);
}

bool parseSnapshotHeader(std::string_view head, Snapshot* out) {
  CanonicalScanner sc(head);
  Snapshot s;
  if (!canonicalHeader(sc, head, s)) return false;
  *out = std::move(s);
  return true;
}

std::string_view snapshotSchemaText(std::string_view text) {
  CanonicalScanner sc(text);
  Snapshot s;
  if (!canonicalHeader(sc, text, s) || text.size() < sc.pos_ + 3 || !text.ends_with("\n}\n")) {
    return {};
  }
  return text.substr(sc.pos_, text.size() - 3 - sc.pos_);
}

}  // namespace schemac::migrations
