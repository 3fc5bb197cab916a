// meta/NNNN_snapshot.json: the schema after a migration, chained by id/prevId so that two
// migrations generated from the same parent (concurrent branches) can be detected.
#include <nlohmann/json.hpp>

#include "schemac/codegen/migrations.h"

namespace schemac::codegen {

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

std::string snapshotToJson(const Snapshot& s) {
  // The nested schema is spliced in as text, re-indented one level: it is already canonical
  // (nlohmann's dump(2), as ir::toCanonicalJson writes it), and re-parsing a 1,000-table
  // schema only to print it again would double the cost of `generate`.
  std::string_view schema = s.schemaJson;
  while (!schema.empty() && schema.back() == '\n') schema.remove_suffix(1);
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
  out.reserve(out.size() + schema.size() + schema.size() / 8 + 4);
  for (char c : schema) {
    out += c;
    if (c == '\n') out += "  ";
  }
  out += "\n}\n";
  return out;
}

bool parseSnapshot(std::string_view text, Snapshot* out, std::string* error) {
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
  s.schemaJson = schema->dump(2) + "\n";
  *out = std::move(s);
  return true;
}

}  // namespace schemac::codegen
