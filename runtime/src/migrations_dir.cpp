// Reader of the migrations directory (docs/migrations-format.md).
#include "schemac/rt/migrations_dir.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "schemac/rt/checksum.h"

namespace schemac::rt {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string readText(const fs::path& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MigrationsDirError("cannot read " + what + " '" + path.string() + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw MigrationsDirError("cannot read " + what + " '" + path.string() + "'");
  return ss.str();
}

// A tag becomes a file name: keep it to one plain path component.
bool safeTag(const std::string& tag) {
  if (tag.empty() || tag == "." || tag == "..") return false;
  for (char c : tag) {
    if (c == '/' || c == '\\' || c == '\0') return false;
  }
  return true;
}

template <typename T>
T field(const json& entry, const char* key, const T& fallback, const std::string& where,
        std::size_t i) {
  auto it = entry.find(key);
  if (it == entry.end()) return fallback;
  try {
    return it->get<T>();
  } catch (const json::exception&) {
    throw MigrationsDirError("corrupt migrations journal '" + where + "': entry " +
                             std::to_string(i) + " has a bad \"" + key + "\" value");
  }
}

}  // namespace

Journal parseJournal(const std::string& text, const std::string& where) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line..."
    std::string msg = e.what();
    if (auto p = msg.find("] "); p != std::string::npos) msg = msg.substr(p + 2);
    throw MigrationsDirError("corrupt migrations journal '" + where + "': " + msg);
  }
  if (!doc.is_object() || !doc.contains("entries") || !doc["entries"].is_array()) {
    throw MigrationsDirError("corrupt migrations journal '" + where +
                             "': expected an object with an \"entries\" array");
  }
  Journal j;
  std::size_t i = 0;
  j.version = field<int>(doc, "version", 1, where, i);
  if (j.version != 1) {
    throw MigrationsDirError("migrations journal '" + where + "' has version " +
                             std::to_string(j.version) + "; this schemac reads version 1");
  }
  j.dialect = field<std::string>(doc, "dialect", "sqlite", where, i);
  std::set<std::string> tags;
  for (const json& e : doc["entries"]) {
    if (!e.is_object() || !e.contains("idx") || !e.contains("tag")) {
      throw MigrationsDirError("corrupt migrations journal '" + where + "': entry " +
                               std::to_string(i) + " lacks \"idx\" or \"tag\"");
    }
    JournalEntry entry;
    entry.idx = field<int>(e, "idx", 0, where, i);
    entry.tag = field<std::string>(e, "tag", "", where, i);
    entry.created = field<std::int64_t>(e, "created", 0, where, i);
    entry.breakpoints = field<bool>(e, "breakpoints", true, where, i);
    entry.checksum = field<std::string>(e, "checksum", "", where, i);
    entry.downChecksum = field<std::string>(e, "downChecksum", "", where, i);
    entry.dataLoss = field<bool>(e, "dataLoss", false, where, i);
    entry.rebuildsTables = field<bool>(e, "rebuildsTables", false, where, i);
    entry.fingerprint = field<std::string>(e, "fingerprint", "", where, i);
    entry.snapshot = field<std::string>(e, "snapshot", "", where, i);
    if (!safeTag(entry.tag)) {
      throw MigrationsDirError("corrupt migrations journal '" + where + "': entry " +
                               std::to_string(i) + " has an invalid tag '" + entry.tag + "'");
    }
    if (!j.entries.empty() && entry.idx <= j.entries.back().idx) {
      throw MigrationsDirError("corrupt migrations journal '" + where + "': entry '" + entry.tag +
                               "' has idx " + std::to_string(entry.idx) +
                               ", not greater than the previous entry's");
    }
    if (!tags.insert(entry.tag).second) {
      throw MigrationsDirError("corrupt migrations journal '" + where + "': tag '" + entry.tag +
                               "' appears twice");
    }
    j.entries.push_back(std::move(entry));
    ++i;
  }
  return j;
}

MigrationsDir readMigrationsDir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw MigrationsDirError("migrations directory '" + dir.string() +
                             "' does not exist (run `schemac generate` first)");
  }
  fs::path journalPath = dir / "meta" / "_journal.json";
  if (!fs::exists(journalPath, ec)) {
    throw MigrationsDirError("no migrations journal at '" + journalPath.string() +
                             "' (run `schemac generate` first)");
  }
  MigrationsDir out;
  out.path = dir;
  out.journal = parseJournal(readText(journalPath, "migrations journal"), journalPath.string());
  for (const JournalEntry& e : out.journal.entries) {
    Migration m;
    m.idx = e.idx;
    m.tag = e.tag;
    fs::path up = dir / (e.tag + ".sql");
    if (!fs::exists(up, ec)) {
      throw MigrationsDirError("migration file '" + up.string() +
                               "' is listed in the journal but missing");
    }
    m.upSql = readText(up, "migration file");
    m.checksum = sha256Hex(m.upSql);
    if (!e.checksum.empty() && e.checksum != m.checksum) {
      out.editedFiles.push_back(e.tag + ".sql");
    }
    fs::path downPath = dir / (e.tag + ".down.sql");
    if (fs::exists(downPath, ec)) {
      m.downSql = readText(downPath, "migration file");
      if (!e.downChecksum.empty() && e.downChecksum != sha256Hex(*m.downSql)) {
        out.editedFiles.push_back(e.tag + ".down.sql");
      }
    }
    m.breakpoints = e.breakpoints;
    m.rebuildsTables = e.rebuildsTables;
    m.dataLoss = e.dataLoss;
    m.fingerprint = e.fingerprint;
    m.snapshot = e.snapshot;
    out.migrations.push_back(std::move(m));
  }
  return out;
}

fs::path snapshotPath(const fs::path& dir, const JournalEntry& entry) {
  std::size_t us = entry.tag.find('_');
  std::string prefix = entry.tag.substr(0, us);
  return dir / "meta" / (prefix + "_snapshot.json");
}

}  // namespace schemac::rt
