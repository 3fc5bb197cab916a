// The migrations directory's only owner (docs/migrations-format.md is its contract): journal,
// snapshots, schemac.sum, file names, reading and checking a directory, adding a migration, and
// the all-or-nothing writer every command uses to put files on disk. Statements inside the
// files are split by rt::splitScript (schemac/rt/sql_script.h), the one splitter, and
// load.h turns a directory into the runtime's rt::Migration values. This layer knows file
// formats only; the schema inside a snapshot is carried as canonical IR JSON text, produced
// and parsed by ir::toCanonicalJson / ir::fromJson.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "schemac/support/sha256.h"

namespace schemac::migrations {

// ---- hashing ----

// SHA-256 of `data`, lower-case hex: support's, the one hash of the whole code base.
using support::sha256Hex;

// ---- meta/_journal.json ----

struct JournalEntry {
  int idx = 0;
  std::string tag;           // "0000_init": the file stem of NNNN_tag.sql
  std::int64_t created = 0;  // unix ms
  bool breakpoints = true;
  std::string checksum;      // sha256 hex of NNNN_tag.sql
  std::string downChecksum;  // sha256 hex of NNNN_tag.down.sql
  std::string fingerprint;   // of the schema after this migration
  std::string snapshot;      // id of meta/NNNN_snapshot.json
  bool dataLoss = false;
  bool rebuildsTables = false;

  bool operator==(const JournalEntry&) const = default;
};

struct Journal {
  std::string dialect = "sqlite";
  int version = 1;
  std::vector<JournalEntry> entries;  // by idx

  bool operator==(const Journal&) const = default;
};

std::string journalToJson(const Journal& j);
// On failure returns false and sets *error to one line (without the file name).
bool parseJournal(std::string_view json, Journal* out, std::string* error);

// `created` for a new entry: SOURCE_DATE_EPOCH (seconds) * 1000 when set, else now.
std::int64_t journalTimestampMs();

// ---- meta/NNNN_snapshot.json ----

// prevId of the first snapshot: 64 zeros.
inline const std::string kRootSnapshotId(64, '0');

struct Snapshot {
  std::string dialect = "sqlite";
  std::string fingerprint;
  std::string id;
  std::string prevId;
  std::string schemaJson;  // canonical IR JSON (ir::toCanonicalJson of withoutHints(schema))

  bool operator==(const Snapshot&) const = default;
};

// SHA-256 hex of prevId + "\n" + fingerprint.
std::string snapshotId(std::string_view prevId, std::string_view fingerprint);
// A snapshot with its id computed from prevId and fingerprint.
Snapshot makeSnapshot(std::string dialect, std::string fingerprint, std::string prevId,
                      std::string schemaJson);
// Canonical JSON (sorted keys, 2-space indent, trailing newline); `schema` is nested.
std::string snapshotToJson(const Snapshot& s);
// The same text built around a schema written straight into it (generate: the 4.5 MB of a
// 1,000-table schema written once, not written, copied and indented): snapshotTextStart is the
// text before the schema's `{`, with zeros where the fingerprint and the id go; the caller
// appends the schema nested by two spaces (ir::appendNestedCanonicalJson(schema, 2, &text));
// finishSnapshotText fills in the fingerprint (64 hex digits) and the id and closes the object.
// The result equals snapshotToJson(makeSnapshot(dialect, fingerprint, prevId, schemaJson)).
std::string snapshotTextStart(std::string_view dialect, std::string_view prevId);
void finishSnapshotText(std::string* text, std::string_view prevId, std::string_view fingerprint);
// schemaJson of the result is the nested schema object re-serialised canonically.
bool parseSnapshot(std::string_view json, Snapshot* out, std::string* error);
// parseSnapshot's checks and errors, but schemaJson left empty: no copy of the schema (22 MB
// for 5,000 tables) for a reader that needs only the header or reads the schema in place.
bool checkSnapshot(std::string_view json, Snapshot* out, std::string* error);
// The schema object inside a snapshot's text as snapshotToJson lays it out (from its `{` to
// its `}`, each line after the first indented two more spaces than in schemaJson); empty when
// the header or the end is not laid out that way. Checks nothing in between.
std::string_view snapshotSchemaText(std::string_view json);
// dialect, fingerprint, id and prevId from the start of a snapshot as snapshotToJson writes it
// (the first bytes of the file are enough); schemaJson stays empty. False for any other text.
bool parseSnapshotHeader(std::string_view head, Snapshot* out);

// ---- file names ----

std::string migrationTag(int idx, std::string_view name);  // (1, "add_x") -> "0001_add_x"
std::string upFileName(std::string_view tag);              // "0001_add_x.sql"
std::string downFileName(std::string_view tag);            // "0001_add_x.down.sql"
std::string snapshotFileName(int idx);                     // "meta/0001_snapshot.json"
inline constexpr const char* kJournalFile = "meta/_journal.json";
inline constexpr const char* kSumFile = "schemac.sum";

// ---- schemac.sum ----

// The sum file for `files` (relative path -> content; schemac.sum itself is skipped).
std::string renderSum(const std::map<std::string, std::string>& files);
// The same from the files' hashes (relative path -> sha256 hex).
std::string renderSumOfHashes(const std::map<std::string, std::string>& hashes);

struct SumFile {
  std::string total;                          // hex after "h1:" on the first line
  std::string linesTotal;                     // the total recomputed from the other lines
  std::map<std::string, std::string> hashes;  // path -> hex
};
bool parseSum(std::string_view text, SumFile* out, std::string* error);

// ---- reading a whole directory ----

struct MigrationsDir {
  std::filesystem::path root;
  bool exists = false;  // the directory exists (it may be empty)
  // Every regular file except schemac.sum, relative '/'-separated path -> content.
  std::map<std::string, std::string> files;
  std::optional<Journal> journal;  // meta/_journal.json when present
  std::optional<std::string> sum;  // schemac.sum when present
  // Parsed meta/NNNN_snapshot.json files, by file name.
  std::map<std::string, Snapshot> snapshots;

  // Files read with ReadOptions::trustOlderSnapshots whose content was not read: their entry in
  // `files` is empty, their snapshot holds the header only (no schemaJson), and fileHash()
  // returns the hash schemac.sum records for them.
  std::set<std::string> unread;

  // The snapshot of the newest journal entry, when there is one.
  const Snapshot* newestSnapshot() const;
  bool empty() const { return !journal || journal->entries.empty(); }
  // sha256Hex of files.at(path), computed once: check and the new sum both need every hash.
  const std::string& fileHash(const std::string& path) const;
  // Records the hash of an unread file (readMigrationsDir: the one in schemac.sum).
  void setFileHash(const std::string& path, std::string hash) { hashes_[path] = std::move(hash); }

 private:
  mutable std::map<std::string, std::string> hashes_;
};

struct ReadOptions {
  // Read only the first bytes (id, prevId, fingerprint) of each snapshot but the newest, and
  // take their hashes from schemac.sum instead of hashing them: what `generate` needs, since it
  // diffs against the newest snapshot alone. `check` and `migrate` read everything. A snapshot
  // the sum does not list, or whose start is not as schemac writes it, is read in full.
  bool trustOlderSnapshots = false;
  // false: every snapshot is checked (checkSnapshot, the same errors) but Snapshot::schemaJson
  // is left empty; a reader that needs a schema parses files.at(path) (parseSnapshot) or reads
  // it in place (snapshotSchemaText).
  bool schemas = true;
};

// Reads `root` (a missing directory reads as empty). An unreadable file, a corrupt journal or
// snapshot, is an error: returns false with *error set to one line naming the file.
bool readMigrationsDir(const std::filesystem::path& root, MigrationsDir* out, std::string* error,
                       const ReadOptions& options = {});

// Integrity problems of a directory, one clear sentence each, in a stable order: sum mismatches
// (edited, added or removed files), journal/file mismatches, broken snapshot chain, and two
// snapshots with the same parent (migrations generated on concurrent branches). Empty: sound.
std::vector<std::string> checkIntegrity(const MigrationsDir& dir);

// ---- all-or-nothing output ----

// Files to write under one root, relative path -> content. Nothing reaches disk until
// writeAll(), which writes each changed file to a temporary next to it, then renames them
// into place in order (paths in `last` after the others, so schemac.sum lands last). If any
// step fails, every file already renamed is restored and temporaries removed.
class OutputSet {
 public:
  void add(std::string path, std::string content);
  // A file whose content is made by writeAll, on its calling thread, while the other files'
  // temporaries are being written: schemac.sum, which needs the hash of a 22 MB snapshot, so
  // the snapshot's copy to the disk overlaps that hash. `make` sees the other files; it is not
  // in files(). It runs once per writeAll.
  void addDeferred(std::string path, std::function<std::string(const OutputSet&)> make);
  const std::map<std::string, std::string>& files() const { return files_; }
  bool empty() const { return files_.empty() && deferred_.empty(); }
  // Paths written after every other (in the given order).
  void writeLast(std::vector<std::string> paths) { last_ = std::move(paths); }
  // A file to delete with the write: moved aside to a hidden name before the renames, put
  // back if anything fails, unlinked once everything is in place.
  void remove(std::string path) { removals_.push_back(std::move(path)); }

  struct Result {
    bool ok = true;
    std::string error;                   // one line when !ok
    std::vector<std::string> written;    // paths whose content changed, in write order
    std::vector<std::string> unchanged;  // paths whose content was already on disk
    std::vector<std::string> removed;    // paths deleted (remove())
  };
  Result writeAll(const std::filesystem::path& root) const;

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, std::function<std::string(const OutputSet&)>> deferred_;
  std::vector<std::string> last_;
  std::vector<std::string> removals_;
};

// ---- adding a migration ----

// Everything that decides the next migration; the files around it are derived.
struct NewMigration {
  std::string name;                    // "add_invoices_paid_at": the tag is NNNN_name
  std::string upSql;                   // statements, separated by kBreakpoint lines
  std::string downSql;                 // the reverse, same form
  std::vector<std::string> upNotes;    // header comment lines ("rebuilds-tables: users", ...)
  std::vector<std::string> downNotes;  // without the leading "-- "
  std::string dialect = "sqlite";
  std::string fingerprint;  // of the schema after the migration
  std::string schemaJson;   // canonical IR JSON of that schema (without rename hints)
  // Or the whole snapshot file, already written (snapshotTextStart/finishSnapshotText, chained
  // to the directory's newest snapshot), and optionally its sha256 hex; schemaJson is then unused.
  // Without the hash, schemac.sum is made by OutputSet::writeAll (addDeferred), which hashes
  // the snapshot while the other files are being written.
  std::string snapshotText;
  std::string snapshotHash;
  bool dataLoss = false;
  bool rebuildsTables = false;
};

// The index the next migration gets in `dir`.
int nextMigrationIndex(const MigrationsDir& dir);
// A migration file: "-- schemac migration TAG (up|down)", the notes as comments, a blank line,
// then the statements; always ends with exactly one newline.
std::string renderMigrationFile(std::string_view tag, std::string_view direction,
                                const std::vector<std::string>& notes, std::string_view sql);
// The same, built in sql's own buffer.
std::string renderMigrationFile(std::string_view tag, std::string_view direction,
                                const std::vector<std::string>& notes, std::string&& sql);

// The files that adding `m` to `dir` writes: NNNN_name.sql, NNNN_name.down.sql, its snapshot
// (chained to the newest one), the journal with the new entry, and the new schemac.sum
// (written last). `createdMs` is the journal's `created` (see journalTimestampMs()).
// `m` is taken by value: its texts move into the OutputSet.
OutputSet appendMigration(const MigrationsDir& dir, NewMigration m, std::int64_t createdMs);

// Reads a whole file. Returns false (with *error = "cannot read PATH: reason") on failure.
bool readFile(const std::filesystem::path& path, std::string* out, std::string* error);

}  // namespace schemac::migrations
