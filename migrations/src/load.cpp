// Loading a migrations directory for the database commands (docs/migrations-format.md).
#include "schemac/migrations/load.h"

#include "schemac/support/input_file.h"

namespace schemac::migrations {
namespace {

namespace fs = std::filesystem;

std::string readText(const fs::path& path) {
  std::string text;
  std::string error;
  if (!support::readInputFile(path.string(), &text, &error)) {
    throw MigrationsDirError(error);
  }
  return text;
}

}  // namespace

MigrationList loadMigrations(const fs::path& dir) {
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
  MigrationList out;
  out.path = dir;
  std::string why;
  if (!parseJournal(readText(journalPath), &out.journal, &why)) {
    throw MigrationsDirError("corrupt migrations journal '" + journalPath.string() + "': " + why);
  }
  for (const JournalEntry& e : out.journal.entries) {
    rt::Migration m;
    m.idx = e.idx;
    m.tag = e.tag;
    fs::path up = dir / (e.tag + ".sql");
    if (!fs::exists(up, ec)) {
      throw MigrationsDirError("migration file '" + up.string() +
                               "' is listed in the journal but missing");
    }
    m.upSql = readText(up);
    m.checksum = sha256Hex(m.upSql);
    if (!e.checksum.empty() && e.checksum != m.checksum) {
      out.editedFiles.push_back(e.tag + ".sql");
    }
    fs::path downPath = dir / (e.tag + ".down.sql");
    if (fs::exists(downPath, ec)) {
      m.downSql = readText(downPath);
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

}  // namespace schemac::migrations
