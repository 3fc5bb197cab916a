// Reading a migrations directory and checking that it is sound: the sum matches the files,
// the journal matches the files, and the snapshots form one chain.
#include <fmt/core.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "schemac/migrations/migrations.h"
#include "schemac/support/input_file.h"

namespace fs = std::filesystem;

namespace schemac::migrations {

bool readFile(const fs::path& path, std::string* out, std::string* error) {
  // The shared reader refuses FIFOs, devices and directories and files over the input limit.
  return support::readInputFile(path.string(), out, error);
}

const Snapshot* MigrationsDir::newestSnapshot() const {
  if (empty()) return nullptr;
  auto it = snapshots.find(snapshotFileName(journal->entries.back().idx));
  return it == snapshots.end() ? nullptr : &it->second;
}

const std::string& MigrationsDir::fileHash(const std::string& path) const {
  auto it = hashes_.find(path);
  if (it == hashes_.end()) it = hashes_.emplace(path, sha256Hex(files.at(path))).first;
  return it->second;
}

namespace {

// The number a migration file name starts with: four digits or more (index 10000 is
// `10000_x`, as {:04d} writes it), then `_`; empty when the name has none.
std::string_view leadingNumber(std::string_view name) {
  std::size_t n = 0;
  while (n < name.size() && name[n] >= '0' && name[n] <= '9') ++n;
  if (n < 4 || n >= name.size() || name[n] != '_') return {};
  return name.substr(0, n);
}

// meta/NNNN_snapshot.json -> true
bool isSnapshotPath(const std::string& p) {
  if (!p.starts_with("meta/") || !p.ends_with("_snapshot.json")) return false;
  std::string_view rest = std::string_view(p).substr(5);
  std::string_view number = leadingNumber(rest);
  return !number.empty() &&
         rest.size() == number.size() + std::string_view("_snapshot.json").size();
}

// Top-level NNNN_*.sql (up or down).
bool isMigrationSql(const std::string& p) {
  return p.find('/') == std::string::npos && p.ends_with(".sql") && !leadingNumber(p).empty();
}

std::string shortId(const std::string& id) { return id.substr(0, 12); }

}  // namespace

namespace {

// The first bytes of a file: a snapshot's header is a few hundred.
bool readHead(const fs::path& path, std::size_t limit, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->resize(limit);
  in.read(out->data(), static_cast<std::streamsize>(limit));
  if (in.bad()) return false;
  out->resize(static_cast<std::size_t>(in.gcount()));
  return true;
}

// With trustOlderSnapshots: the snapshots generate does not need in full, with the hash the
// sum records for each (empty when the sum or the journal is unusable: then nothing is trusted).
std::map<std::string, std::string> trustedSnapshots(const MigrationsDir& d) {
  std::map<std::string, std::string> trusted;
  if (!d.sum || d.empty()) return trusted;
  SumFile sum;
  std::string why;
  if (!parseSum(*d.sum, &sum, &why) || sum.total != sum.linesTotal) return trusted;
  const std::string newest = snapshotFileName(d.journal->entries.back().idx);
  for (const auto& [path, hash] : sum.hashes) {
    if (isSnapshotPath(path) && path != newest) trusted.emplace(path, hash);
  }
  return trusted;
}

}  // namespace

bool readMigrationsDir(const fs::path& root, MigrationsDir* out, std::string* error,
                       const ReadOptions& options) {
  MigrationsDir d;
  d.root = root;
  std::error_code ec;
  if (!fs::exists(root, ec)) {
    *out = std::move(d);
    return true;
  }
  if (!fs::is_directory(root, ec)) {
    *error = fmt::format("{} is not a directory", root.string());
    return false;
  }
  d.exists = true;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end;
  if (ec) {
    *error = fmt::format("cannot read {}: {}", root.string(), ec.message());
    return false;
  }
  // Listed first, read after: the journal and the sum decide which snapshots need reading.
  std::map<std::string, fs::path> listed;
  for (; it != end; it.increment(ec)) {
    if (ec) {
      *error = fmt::format("cannot read {}: {}", root.string(), ec.message());
      return false;
    }
    // Hidden files (.gitkeep, editor files, our own temporaries) are not migrations.
    if (it->path().filename().string().starts_with(".")) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory(ec)) continue;
    listed.emplace(it->path().lexically_relative(root).generic_string(), it->path());
  }
  for (const char* first : {kSumFile, kJournalFile}) {
    auto f = listed.find(first);
    if (f == listed.end()) continue;
    std::string content;
    if (!readFile(f->second, &content, error)) return false;
    if (f->first == kSumFile) {
      d.sum = std::move(content);
    } else {
      d.files.emplace(f->first, std::move(content));
    }
    listed.erase(f);
  }
  if (auto j = d.files.find(kJournalFile); j != d.files.end()) {
    Journal journal;
    std::string why;
    if (!parseJournal(j->second, &journal, &why)) {
      *error = fmt::format("{}: corrupt journal: {}", (root / kJournalFile).string(), why);
      return false;
    }
    d.journal = std::move(journal);
  }
  std::map<std::string, std::string> trusted;
  if (options.trustOlderSnapshots) trusted = trustedSnapshots(d);
  for (auto& [rel, path] : listed) {
    if (auto t = trusted.find(rel); t != trusted.end()) {
      std::string head;
      Snapshot s;
      if (readHead(path, 4096, &head) && parseSnapshotHeader(head, &s)) {
        d.files.emplace(rel, std::string());
        d.unread.insert(rel);
        d.setFileHash(rel, t->second);
        d.snapshots.emplace(rel, std::move(s));
        continue;
      }
    }
    std::string content;
    if (!readFile(path, &content, error)) return false;
    d.files.emplace(rel, std::move(content));
  }
  for (const auto& [path, content] : d.files) {
    if (!isSnapshotPath(path) || d.unread.contains(path)) continue;
    Snapshot s;
    std::string why;
    if (!(options.schemas ? parseSnapshot(content, &s, &why) : checkSnapshot(content, &s, &why))) {
      *error = fmt::format("{}: corrupt snapshot: {}", (root / path).string(), why);
      return false;
    }
    d.snapshots.emplace(path, std::move(s));
  }
  *out = std::move(d);
  return true;
}

std::vector<std::string> checkIntegrity(const MigrationsDir& d) {
  std::vector<std::string> problems;
  if (!d.exists || (d.files.empty() && !d.sum)) return problems;

  // 1. schemac.sum against the files.
  if (!d.sum) {
    problems.push_back("schemac.sum is missing: the directory's files cannot be verified");
  } else {
    SumFile sum;
    std::string why;
    if (!parseSum(*d.sum, &sum, &why)) {
      problems.push_back(fmt::format("schemac.sum is malformed: {}", why));
    } else {
      if (sum.total != sum.linesTotal) {
        problems.push_back("schemac.sum was edited: its total does not match its lines");
      }
      for (const auto& [path, hash] : sum.hashes) {
        auto f = d.files.find(path);
        if (f == d.files.end()) {
          problems.push_back(fmt::format("{} is recorded in schemac.sum but missing", path));
        } else if (d.fileHash(path) != hash) {
          problems.push_back(fmt::format(
              "{} was edited after it was generated (its hash does not match schemac.sum)", path));
        }
      }
      for (const auto& [path, content] : d.files) {
        if (!sum.hashes.contains(path)) {
          problems.push_back(fmt::format("{} is not recorded in schemac.sum", path));
        }
      }
    }
  }

  if (!d.journal) {
    problems.push_back("meta/_journal.json is missing");
    return problems;
  }

  // 2. Two migrations with one number: generated on two branches, then merged.
  std::map<std::string, std::vector<std::string>> byNumber;
  for (const auto& [path, content] : d.files) {
    if (isMigrationSql(path) && !path.ends_with(".down.sql")) {
      byNumber[std::string(leadingNumber(path))].push_back(path);
    }
  }
  for (const auto& [num, paths] : byNumber) {
    if (paths.size() > 1) {
      problems.push_back(fmt::format(
          "{} and {} have the same number: two migrations were generated concurrently (on "
          "different branches); delete the newer one and run `schemac generate` again",
          paths[0], paths[1]));
    }
  }

  // 3. The journal against the files.
  std::set<std::string> referenced;
  const auto& entries = d.journal->entries;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const JournalEntry& e = entries[i];
    if (e.idx != static_cast<int>(i)) {
      problems.push_back(
          fmt::format("journal entry {} ({}) has idx {}, expected {}", i, e.tag, e.idx, i));
    }
    std::string prefix = fmt::format("{:04d}_", e.idx);
    if (e.tag.size() <= prefix.size() || !e.tag.starts_with(prefix)) {
      problems.push_back(
          fmt::format("journal entry {}: tag `{}` does not start with {:04d}_", i, e.tag, e.idx));
    }
    for (auto [file, checksum] : {std::pair{upFileName(e.tag), &e.checksum},
                                  std::pair{downFileName(e.tag), &e.downChecksum}}) {
      referenced.insert(file);
      auto f = d.files.find(file);
      if (f == d.files.end()) {
        problems.push_back(fmt::format("{} is in the journal but missing", file));
      } else if (d.fileHash(file) != *checksum) {
        problems.push_back(
            fmt::format("{} does not match its checksum in meta/_journal.json", file));
      }
    }
    std::string snapPath = snapshotFileName(e.idx);
    referenced.insert(snapPath);
    auto s = d.snapshots.find(snapPath);
    if (s == d.snapshots.end()) {
      problems.push_back(fmt::format("{} is in the journal but missing", snapPath));
    } else {
      if (s->second.id != e.snapshot) {
        problems.push_back(fmt::format("{} has id {}, but the journal expects {}", snapPath,
                                       shortId(s->second.id), shortId(e.snapshot)));
      }
      if (s->second.fingerprint != e.fingerprint) {
        problems.push_back(
            fmt::format("{} does not have the fingerprint recorded in the journal", snapPath));
      }
    }
  }
  for (const auto& [path, content] : d.files) {
    if ((isMigrationSql(path) || isSnapshotPath(path)) && !referenced.contains(path)) {
      problems.push_back(fmt::format("{} is not in meta/_journal.json", path));
    }
  }

  // 4. Snapshot chain: ids are derived from (prevId, fingerprint); two snapshots with the same
  // parent are concurrent branches.
  std::map<std::string, std::vector<std::string>> byParent;
  for (const auto& [path, s] : d.snapshots) {
    if (s.id != snapshotId(s.prevId, s.fingerprint)) {
      problems.push_back(
          fmt::format("{}: id does not match its prevId and fingerprint (edited?)", path));
    }
    byParent[s.prevId].push_back(path);
  }
  for (const auto& [parent, paths] : byParent) {
    if (paths.size() > 1) {
      problems.push_back(
          fmt::format("{} and {} have the same parent snapshot {}: two migrations were generated "
                      "concurrently (on different branches); delete the newer one and run `schemac "
                      "generate` again",
                      paths[0], paths[1], parent == kRootSnapshotId ? "(none)" : shortId(parent)));
    }
  }
  std::string prev = kRootSnapshotId;
  for (const JournalEntry& e : entries) {
    auto s = d.snapshots.find(snapshotFileName(e.idx));
    if (s == d.snapshots.end()) break;
    if (s->second.prevId != prev && byParent[s->second.prevId].size() < 2) {
      problems.push_back(
          fmt::format("{}: prevId does not point at the previous migration's snapshot", s->first));
    }
    prev = s->second.id;
  }
  return problems;
}

}  // namespace schemac::migrations
