#include "schemac/import/drizzle_journal.h"

#include <nlohmann/json.hpp>

#include "schemac/support/input_file.h"

namespace schemac::importer {

namespace {

std::string versionText(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  return {};
}

}  // namespace

DrizzleJournal readDrizzleJournal(const std::filesystem::path& dir) {
  const auto file = dir / "meta" / "_journal.json";
  const std::string name = file.string();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw ImportError("no Drizzle migrations folder '" + dir.string() +
                      "' (pass its path: schemac import drizzle DIR)");
  }
  std::string text, error;
  if (!std::filesystem::exists(file, ec)) {
    throw ImportError(name + ": no Drizzle journal (is '" + dir.string() +
                      "' the `out` folder of drizzle.config?)");
  }
  if (!support::readInputFile(name, &text, &error)) throw ImportError(error);

  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw ImportError(name + ": malformed JSON (" + e.what() + ")");
  }
  auto malformed = [&](const std::string& what) {
    return ImportError(name + ": not a Drizzle journal: " + what);
  };
  if (!j.is_object()) throw malformed("expected an object");
  DrizzleJournal journal;
  if (j.contains("version")) journal.version = versionText(j["version"]);
  if (!j.contains("dialect") || !j["dialect"].is_string()) throw malformed("no \"dialect\"");
  journal.dialect = j["dialect"].get<std::string>();
  if (!j.contains("entries") || !j["entries"].is_array()) throw malformed("no \"entries\" array");
  for (const auto& e : j["entries"]) {
    if (!e.is_object() || !e.contains("idx") || !e["idx"].is_number_integer() ||
        !e.contains("tag") || !e["tag"].is_string())
      throw malformed("an entry without \"idx\" and \"tag\"");
    DrizzleMigration m;
    m.idx = e["idx"].get<int>();
    m.tag = e["tag"].get<std::string>();
    if (e.contains("when") && e["when"].is_number()) m.when = e["when"].get<std::int64_t>();
    journal.entries.push_back(std::move(m));
  }
  return journal;
}

}  // namespace schemac::importer
