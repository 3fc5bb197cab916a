// Adding one migration to a directory: the SQL files, the chained snapshot, the journal entry
// and the new sum, as one OutputSet so they reach disk together or not at all.
#include <fmt/core.h>

#include "schemac/migrations/migrations.h"

namespace schemac::migrations {

int nextMigrationIndex(const MigrationsDir& dir) {
  return dir.empty() ? 0 : dir.journal->entries.back().idx + 1;
}

std::string renderMigrationFile(std::string_view tag, std::string_view direction,
                                const std::vector<std::string>& notes, std::string_view sql) {
  std::string out = fmt::format("-- schemac migration {} ({})\n", tag, direction);
  for (const std::string& n : notes) out += fmt::format("-- {}\n", n);
  while (!sql.empty() && (sql.back() == '\n' || sql.back() == ' ')) sql.remove_suffix(1);
  while (!sql.empty() && sql.front() == '\n') sql.remove_prefix(1);
  if (!sql.empty()) {
    out.reserve(out.size() + sql.size() + 2);  // a 1 MB script: one allocation, no regrowth
    out += "\n";
    out += sql;
    out += "\n";
  }
  return out;
}

std::string renderMigrationFile(std::string_view tag, std::string_view direction,
                                const std::vector<std::string>& notes, std::string&& sql) {
  std::string head = renderMigrationFile(tag, direction, notes, std::string_view());
  while (!sql.empty() && (sql.back() == '\n' || sql.back() == ' ')) sql.pop_back();
  const std::size_t leading = std::min(sql.find_first_not_of('\n'), sql.size());
  if (leading == sql.size()) return head;
  // In place: a 5 MB script is shifted in the memory it has (its buffer is reserved with
  // room to spare) rather than copied into fresh pages.
  head += '\n';
  sql.replace(0, leading, head);
  sql += '\n';
  return std::move(sql);
}

OutputSet appendMigration(const MigrationsDir& dir, NewMigration m, std::int64_t createdMs) {
  const int idx = nextMigrationIndex(dir);
  const std::string tag = migrationTag(idx, m.name);
  const Snapshot* parent = dir.newestSnapshot();
  const std::string& prevId = parent ? parent->id : kRootSnapshotId;
  const std::string snapId = snapshotId(prevId, m.fingerprint);
  // A snapshot written by the caller without its hash: the sum is made during the write.
  const bool deferSum = !m.snapshotText.empty() && m.snapshotHash.empty();
  if (m.snapshotText.empty()) {
    m.snapshotText =
        snapshotToJson(makeSnapshot(m.dialect, m.fingerprint, prevId, std::move(m.schemaJson)));
  }

  std::string up = renderMigrationFile(tag, "up", m.upNotes, std::move(m.upSql));
  std::string down = renderMigrationFile(tag, "down", m.downNotes, std::move(m.downSql));

  // Each new file is hashed once, for the journal and the sum alike.
  std::map<std::string, std::string> after;
  const std::string upHash = sha256Hex(up), downHash = sha256Hex(down);
  Journal journal = dir.journal.value_or(Journal{});
  journal.dialect = m.dialect;
  journal.entries.push_back(JournalEntry{idx, tag, createdMs, true, upHash, downHash, m.fingerprint,
                                         snapId, m.dataLoss, m.rebuildsTables});
  after[upFileName(tag)] = upHash;
  after[downFileName(tag)] = downHash;
  if (!m.snapshotHash.empty()) after[snapshotFileName(idx)] = std::move(m.snapshotHash);

  OutputSet out;
  out.add(upFileName(tag), std::move(up));
  out.add(downFileName(tag), std::move(down));
  out.add(snapshotFileName(idx), std::move(m.snapshotText));
  out.add(kJournalFile, journalToJson(journal));
  // The sum covers the directory as it will be after the write.
  for (const auto& [path, content] : dir.files) {
    if (!out.files().contains(path)) after.emplace(path, dir.fileHash(path));
  }
  auto sum = [after](const OutputSet& files) {
    std::map<std::string, std::string> all = after;
    for (const auto& [path, content] : files.files()) {
      if (!all.contains(path)) all[path] = sha256Hex(content);
    }
    return renderSumOfHashes(all);
  };
  if (deferSum) {
    // The snapshot is hashed while the other files are on their way to the disk.
    out.addDeferred(kSumFile, std::move(sum));
  } else {
    out.add(kSumFile, sum(out));
  }
  out.writeLast({kJournalFile, kSumFile});
  return out;
}

}  // namespace schemac::migrations
