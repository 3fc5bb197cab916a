// meta/_journal.json: the ordered list of migrations, read by `generate`, `check` and the
// runtime migrator. Canonical JSON: nlohmann's object keeps keys sorted.
#include <fmt/core.h>

#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "schemac/migrations/migrations.h"

namespace schemac::migrations {

using nlohmann::json;

std::string journalToJson(const Journal& j) {
  json entries = json::array();
  for (const JournalEntry& e : j.entries) {
    entries.push_back(json{{"breakpoints", e.breakpoints},
                           {"checksum", e.checksum},
                           {"created", e.created},
                           {"dataLoss", e.dataLoss},
                           {"downChecksum", e.downChecksum},
                           {"fingerprint", e.fingerprint},
                           {"idx", e.idx},
                           {"rebuildsTables", e.rebuildsTables},
                           {"snapshot", e.snapshot},
                           {"tag", e.tag}});
  }
  json doc{{"dialect", j.dialect}, {"entries", std::move(entries)}, {"version", j.version}};
  return doc.dump(2) + "\n";
}

namespace {

// A field of a journal object: `fallback` when absent (journals written by hand or by older
// versions may omit the optional ones), an error when present with the wrong type.
template <typename T>
T field(const json& obj, const char* key, const std::string& where,
        const std::optional<T>& fallback) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (fallback) return *fallback;
    throw std::runtime_error(fmt::format("{}missing `{}`", where, key));
  }
  try {
    return it->get<T>();
  } catch (const json::exception&) {
    throw std::runtime_error(fmt::format("{}`{}` has the wrong type", where, key));
  }
}

// A tag becomes a file name: keep it to one plain path component.
bool safeTag(const std::string& tag) {
  if (tag.empty() || tag == "." || tag == "..") return false;
  return tag.find_first_of(std::string_view("/\\\0", 3)) == std::string::npos;
}

}  // namespace

bool parseJournal(std::string_view text, Journal* out, std::string* error) {
  json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    *error = "not valid JSON";
    return false;
  }
  try {
    if (!doc.is_object()) throw std::runtime_error("expected a JSON object");
    Journal j;
    j.dialect = field<std::string>(doc, "dialect", "", std::string("sqlite"));
    j.version = field<int>(doc, "version", "", 1);
    if (j.version != 1) {
      throw std::runtime_error(fmt::format("unsupported journal version {}", j.version));
    }
    auto entries = doc.find("entries");
    if (entries == doc.end() || !entries->is_array()) {
      throw std::runtime_error("missing `entries` list");
    }
    std::set<std::string> tags;
    for (std::size_t i = 0; i < entries->size(); ++i) {
      const json& e = (*entries)[i];
      std::string where = fmt::format("entry {}: ", i);
      if (!e.is_object()) throw std::runtime_error(where + "expected an object");
      JournalEntry je;
      je.idx = field<int>(e, "idx", where, std::nullopt);
      je.tag = field<std::string>(e, "tag", where, std::nullopt);
      je.created = field<std::int64_t>(e, "created", where, 0);
      je.breakpoints = field<bool>(e, "breakpoints", where, true);
      je.checksum = field<std::string>(e, "checksum", where, std::string());
      je.downChecksum = field<std::string>(e, "downChecksum", where, std::string());
      je.fingerprint = field<std::string>(e, "fingerprint", where, std::string());
      je.snapshot = field<std::string>(e, "snapshot", where, std::string());
      je.dataLoss = field<bool>(e, "dataLoss", where, false);
      je.rebuildsTables = field<bool>(e, "rebuildsTables", where, false);
      if (!safeTag(je.tag)) {
        throw std::runtime_error(fmt::format("{}invalid tag '{}'", where, je.tag));
      }
      if (!j.entries.empty() && je.idx <= j.entries.back().idx) {
        throw std::runtime_error(fmt::format(
            "{}'{}' has idx {}, not greater than the previous entry's", where, je.tag, je.idx));
      }
      if (!tags.insert(je.tag).second) {
        throw std::runtime_error(fmt::format("{}tag '{}' appears twice", where, je.tag));
      }
      j.entries.push_back(std::move(je));
    }
    *out = std::move(j);
    return true;
  } catch (const std::exception& e) {
    *error = e.what();
    return false;
  }
}

std::int64_t journalTimestampMs() {
  if (const char* sde = std::getenv("SOURCE_DATE_EPOCH"); sde && *sde) {
    char* end = nullptr;
    long long secs = std::strtoll(sde, &end, 10);
    if (end && *end == '\0' && secs >= 0) return static_cast<std::int64_t>(secs) * 1000;
  }
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string migrationTag(int idx, std::string_view name) {
  return fmt::format("{:04d}_{}", idx, name);
}
std::string upFileName(std::string_view tag) { return fmt::format("{}.sql", tag); }
std::string downFileName(std::string_view tag) { return fmt::format("{}.down.sql", tag); }
std::string snapshotFileName(int idx) { return fmt::format("meta/{:04d}_snapshot.json", idx); }

}  // namespace schemac::migrations
