// The migrations directory formats (journal, snapshots, schemac.sum), the integrity checks of
// `schemac check`, and the all-or-nothing writer.
#include "schemac/migrations/migrations.h"

#include <fmt/core.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "schemac/migrations/load.h"

namespace fs = std::filesystem;
using namespace schemac::migrations;

namespace {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() /
            ("schemac-migrations-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const fs::path& p, const std::string& s) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << s;
}

// Every regular file under `root`, relative.
std::vector<std::string> listFiles(const fs::path& root) {
  std::vector<std::string> out;
  for (auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) out.push_back(e.path().lexically_relative(root).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const char* kSchemaJson = "{\n  \"enums\": [],\n  \"tables\": []\n}\n";

// A directory as `generate` lays it out, built from the format functions alone.
OutputSet firstMigration(const std::string& fingerprint = std::string(64, 'f')) {
  OutputSet out;
  std::string up = "-- schemac migration 0000_init (up)\nCREATE TABLE \"t\" (\"id\" INTEGER);\n";
  std::string down = "-- schemac migration 0000_init (down)\nDROP TABLE \"t\";\n";
  Snapshot snap = makeSnapshot("sqlite", fingerprint, kRootSnapshotId, kSchemaJson);
  Journal j;
  j.entries.push_back(JournalEntry{0, "0000_init", 1700000000000, true, sha256Hex(up),
                                   sha256Hex(down), fingerprint, snap.id, false, false});
  out.add("0000_init.sql", up);
  out.add("0000_init.down.sql", down);
  out.add(snapshotFileName(0), snapshotToJson(snap));
  out.add(kJournalFile, journalToJson(j));
  out.add(kSumFile, renderSum(out.files()));
  out.writeLast({kJournalFile, kSumFile});
  return out;
}

MigrationsDir read(const fs::path& root) {
  MigrationsDir d;
  std::string error;
  EXPECT_TRUE(readMigrationsDir(root, &d, &error)) << error;
  return d;
}

}  // namespace

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Journal, RoundTripsAndIsCanonical) {
  Journal j;
  j.entries.push_back({0, "0000_init", 1700000000000, true, "a", "b", "c", "d", false, false});
  j.entries.push_back({1, "0001_x", 1700000000001, true, "e", "f", "g", "h", true, true});
  std::string text = journalToJson(j);
  EXPECT_TRUE(text.starts_with("{\n  \"dialect\": \"sqlite\",\n  \"entries\": [\n    {\n"));
  EXPECT_TRUE(text.ends_with("  \"version\": 1\n}\n"));
  // Keys are sorted inside entries too.
  EXPECT_LT(text.find("\"breakpoints\""), text.find("\"checksum\""));
  EXPECT_LT(text.find("\"rebuildsTables\""), text.find("\"snapshot\""));
  Journal back;
  std::string error;
  ASSERT_TRUE(parseJournal(text, &back, &error)) << error;
  EXPECT_EQ(back, j);
  EXPECT_EQ(journalToJson(back), text);
}

TEST(Journal, RejectsCorruptInputWithOneLine) {
  Journal j;
  std::string error;
  EXPECT_FALSE(parseJournal("{\"dialect\": \"sqlite\", ", &j, &error));
  EXPECT_EQ(error, "not valid JSON");
  EXPECT_FALSE(parseJournal("{\"dialect\": \"sqlite\", \"version\": 1}", &j, &error));
  EXPECT_EQ(error, "missing `entries` list");
  EXPECT_FALSE(parseJournal(
      "{\"dialect\": \"sqlite\", \"version\": 1, \"entries\": [{\"idx\": \"zero\"}]}", &j, &error));
  EXPECT_EQ(error, "entry 0: `idx` has the wrong type");
  EXPECT_FALSE(
      parseJournal("{\"dialect\": \"sqlite\", \"version\": 7, \"entries\": []}", &j, &error));
  EXPECT_EQ(error, "unsupported journal version 7");
}

TEST(Journal, CreatedComesFromSourceDateEpoch) {
  const char* old = std::getenv("SOURCE_DATE_EPOCH");
  std::string saved = old ? old : "";
  setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  EXPECT_EQ(journalTimestampMs(), 1700000000000);
  unsetenv("SOURCE_DATE_EPOCH");
  EXPECT_GT(journalTimestampMs(), 1700000000000);  // now, which is later than 2023
  if (old) setenv("SOURCE_DATE_EPOCH", saved.c_str(), 1);
}

TEST(Snapshot, IdChainsAndRoundTrips) {
  Snapshot first = makeSnapshot("sqlite", std::string(64, 'a'), kRootSnapshotId, kSchemaJson);
  Snapshot second = makeSnapshot("sqlite", std::string(64, 'a'), first.id, kSchemaJson);
  EXPECT_EQ(first.id, sha256Hex(kRootSnapshotId + "\n" + std::string(64, 'a')));
  EXPECT_NE(first.id, second.id);  // same schema twice still gives distinct ids along a chain
  std::string text = snapshotToJson(second);
  EXPECT_TRUE(text.starts_with("{\n  \"dialect\": \"sqlite\",\n  \"fingerprint\""));
  Snapshot back;
  std::string error;
  ASSERT_TRUE(parseSnapshot(text, &back, &error)) << error;
  EXPECT_EQ(back, second);
  EXPECT_EQ(snapshotToJson(back), text);
  EXPECT_FALSE(parseSnapshot("{\"id\": 3}", &back, &error));
  EXPECT_EQ(error, "missing string `dialect`");
}

TEST(Sum, RendersSortedWithTotalAndParsesBack) {
  std::map<std::string, std::string> files{
      {"meta/_journal.json", "j"}, {"0000_init.sql", "up"}, {"schemac.sum", "ignored"}};
  std::string sum = renderSum(files);
  std::string lines = "0000_init.sql h1:" + sha256Hex("up") + "\n" +
                      "meta/_journal.json h1:" + sha256Hex("j") + "\n";
  EXPECT_EQ(sum, "h1:" + sha256Hex(lines) + "\n" + lines);
  SumFile parsed;
  std::string error;
  ASSERT_TRUE(parseSum(sum, &parsed, &error)) << error;
  EXPECT_EQ(parsed.total, parsed.linesTotal);
  EXPECT_EQ(parsed.hashes.size(), 2u);
  EXPECT_EQ(parsed.hashes.at("0000_init.sql"), sha256Hex("up"));
  EXPECT_FALSE(parseSum("h1:abc\n", &parsed, &error));
  EXPECT_FALSE(parseSum(sum.substr(0, sum.size() - 1), &parsed, &error));
}

TEST(OutputSet, WritesEverythingAndSkipsUnchanged) {
  TempDir tmp;
  fs::path root = tmp.path() / "migrations";
  OutputSet out = firstMigration();
  auto r = out.writeAll(root);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.written.back(), kSumFile);  // the sum lands last
  EXPECT_EQ(listFiles(root), (std::vector<std::string>{"0000_init.down.sql", "0000_init.sql",
                                                       "meta/0000_snapshot.json",
                                                       "meta/_journal.json", "schemac.sum"}));
  for (const auto& [path, content] : out.files()) EXPECT_EQ(slurp(root / path), content);
  auto again = out.writeAll(root);
  ASSERT_TRUE(again.ok);
  EXPECT_TRUE(again.written.empty());
  EXPECT_EQ(again.unchanged.size(), 5u);
}

TEST(OutputSet, LeavesNothingWhenADirectoryCannotBeCreated) {
  TempDir tmp;
  spit(tmp.path() / "blocker", "a file where a directory should be");
  OutputSet out;
  out.add("a.sql", "A");
  out.add("blocker/b.json", "B");
  out.add("new/dir/c.sql", "C");
  auto r = out.writeAll(tmp.path());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("blocker"), std::string::npos) << r.error;
  EXPECT_EQ(listFiles(tmp.path()), std::vector<std::string>{"blocker"});
  EXPECT_FALSE(fs::exists(tmp.path() / "new"));
}

TEST(OutputSet, RestoresRenamedFilesWhenALaterRenameFails) {
  TempDir tmp;
  spit(tmp.path() / "a.sql", "old A");
  spit(tmp.path() / "z/inside", "a directory that a file cannot replace");
  OutputSet out;
  out.add("a.sql", "new A");
  out.add("b.sql", "new B");
  out.add("z", "Z");  // renaming over a non-empty directory fails after a.sql and b.sql moved
  auto r = out.writeAll(tmp.path());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(slurp(tmp.path() / "a.sql"), "old A");
  EXPECT_FALSE(fs::exists(tmp.path() / "b.sql"));
  EXPECT_EQ(listFiles(tmp.path()), (std::vector<std::string>{"a.sql", "z/inside"}));
}

// Rendering in the script's own buffer gives the bytes of the copying version.
TEST(AppendMigration, MigrationFileRenderedInPlaceEqualsTheCopy) {
  for (std::string sql :
       std::vector<std::string>{"", "\n", " \n \n", "\n\nCREATE TABLE t (a);\n\n", "SELECT 1;",
                                "\n  SELECT 1;  \n", std::string(100000, 'x') + "\n"}) {
    for (const std::vector<std::string>& notes :
         {std::vector<std::string>{}, std::vector<std::string>{"rebuilds-tables: t"}}) {
      std::string copy = sql;
      EXPECT_EQ(renderMigrationFile("0001_x", "up", notes, std::move(copy)),
                renderMigrationFile("0001_x", "up", notes, std::string_view(sql)))
          << sql.substr(0, 40);
    }
  }
}

// A deferred file (schemac.sum in generate) is made during the write from the other files,
// lands in write order, counts as unchanged when the disk has it, and a failure to make it
// leaves nothing behind.
TEST(OutputSet, DeferredFileIsMadeDuringTheWrite) {
  TempDir tmp;
  OutputSet out;
  out.add("a.sql", "A");
  out.add("meta/b.json", "B");
  int made = 0;
  out.addDeferred("sum", [&made](const OutputSet& files) {
    ++made;
    std::string all;
    for (const auto& [path, content] : files.files()) all += path + "=" + content + ";";
    return all;
  });
  out.writeLast({"sum"});
  EXPECT_FALSE(out.files().contains("sum"));
  auto r = out.writeAll(tmp.path());
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(made, 1);
  EXPECT_EQ(r.written, (std::vector<std::string>{"a.sql", "meta/b.json", "sum"}));
  EXPECT_EQ(slurp(tmp.path() / "sum"), "a.sql=A;meta/b.json=B;");
  auto again = out.writeAll(tmp.path());
  ASSERT_TRUE(again.ok) << again.error;
  EXPECT_TRUE(again.written.empty());
  EXPECT_EQ(again.unchanged, (std::vector<std::string>{"a.sql", "meta/b.json", "sum"}));
  EXPECT_EQ(made, 2);

  TempDir other;
  OutputSet failing;
  failing.add("a.sql", "A");
  failing.addDeferred("sum",
                      [](const OutputSet&) -> std::string { throw std::runtime_error("no hash"); });
  auto f = failing.writeAll(other.path() / "new");
  EXPECT_FALSE(f.ok);
  EXPECT_NE(f.error.find("no hash"), std::string::npos) << f.error;
  EXPECT_FALSE(fs::exists(other.path() / "new"));
}

// generate hands appendMigration a finished snapshot without its hash: the files written are
// the same as with the hash given (or with the snapshot made from schemaJson).
TEST(AppendMigration, SnapshotTextWithoutItsHashWritesTheSameFiles) {
  NewMigration m;
  m.name = "init";
  m.upSql = "CREATE TABLE \"t\" (\"id\" INTEGER);\n";
  m.downSql = "DROP TABLE \"t\";";
  m.fingerprint = std::string(64, 'a');
  m.schemaJson = kSchemaJson;
  TempDir a, b;
  ASSERT_TRUE(appendMigration(read(a.path()), m, 1700000000000).writeAll(a.path()).ok);
  NewMigration given = m;
  given.snapshotText = snapshotToJson(
      makeSnapshot("sqlite", m.fingerprint, std::string(kRootSnapshotId), m.schemaJson));
  given.schemaJson.clear();
  OutputSet deferred = appendMigration(read(b.path()), given, 1700000000000);
  EXPECT_FALSE(deferred.files().contains(kSumFile));
  ASSERT_TRUE(deferred.writeAll(b.path()).ok);
  EXPECT_EQ(listFiles(a.path()), listFiles(b.path()));
  for (const std::string& f : listFiles(a.path())) {
    EXPECT_EQ(slurp(a.path() / f), slurp(b.path() / f)) << f;
  }
  EXPECT_TRUE(checkIntegrity(read(b.path())).empty());
}

TEST(MigrationsDir, MissingDirectoryReadsAsEmpty) {
  TempDir tmp;
  MigrationsDir d = read(tmp.path() / "nope");
  EXPECT_FALSE(d.exists);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(d.newestSnapshot(), nullptr);
  EXPECT_TRUE(checkIntegrity(d).empty());
}

TEST(MigrationsDir, ReadsBackWhatWasWritten) {
  TempDir tmp;
  ASSERT_TRUE(firstMigration().writeAll(tmp.path()).ok);
  MigrationsDir d = read(tmp.path());
  ASSERT_FALSE(d.empty());
  ASSERT_NE(d.newestSnapshot(), nullptr);
  EXPECT_EQ(d.newestSnapshot()->prevId, kRootSnapshotId);
  EXPECT_EQ(d.newestSnapshot()->schemaJson, kSchemaJson);
  EXPECT_TRUE(checkIntegrity(d).empty());
}

TEST(MigrationsDir, CorruptJournalIsOneLine) {
  TempDir tmp;
  spit(tmp.path() / "meta/_journal.json", "{ not json");
  MigrationsDir d;
  std::string error;
  EXPECT_FALSE(readMigrationsDir(tmp.path(), &d, &error));
  EXPECT_EQ(error,
            (tmp.path() / "meta/_journal.json").string() + ": corrupt journal: not valid JSON");
}

TEST(Integrity, DetectsAnEditedFile) {
  TempDir tmp;
  ASSERT_TRUE(firstMigration().writeAll(tmp.path()).ok);
  spit(tmp.path() / "0000_init.sql", "DROP TABLE users;\n");
  auto problems = checkIntegrity(read(tmp.path()));
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0],
            "0000_init.sql was edited after it was generated (its hash does not match "
            "schemac.sum)");
  EXPECT_EQ(problems[1], "0000_init.sql does not match its checksum in meta/_journal.json");
}

TEST(Integrity, DetectsFilesMissingFromTheJournalAndTheSum) {
  TempDir tmp;
  ASSERT_TRUE(firstMigration().writeAll(tmp.path()).ok);
  spit(tmp.path() / "0001_extra.sql", "SELECT 1;\n");
  fs::remove(tmp.path() / "0000_init.down.sql");
  auto problems = checkIntegrity(read(tmp.path()));
  EXPECT_EQ(problems,
            (std::vector<std::string>{"0000_init.down.sql is recorded in schemac.sum but missing",
                                      "0001_extra.sql is not recorded in schemac.sum",
                                      "0000_init.down.sql is in the journal but missing",
                                      "0001_extra.sql is not in meta/_journal.json"}));
}

TEST(Integrity, DetectsConcurrentBranches) {
  TempDir tmp;
  OutputSet out = firstMigration();
  const Snapshot root = makeSnapshot("sqlite", std::string(64, 'f'), kRootSnapshotId, kSchemaJson);
  // Two migrations generated from the same parent, then merged with renumbering.
  Journal j;
  std::string error;
  ASSERT_TRUE(parseJournal(out.files().at(kJournalFile), &j, &error)) << error;
  for (int idx : {1, 2}) {
    std::string fp(64, idx == 1 ? 'b' : 'c');
    Snapshot s = makeSnapshot("sqlite", fp, root.id, kSchemaJson);
    std::string tag = migrationTag(idx, idx == 1 ? "add_a" : "add_b");
    out.add(upFileName(tag), "SELECT 1;\n");
    out.add(downFileName(tag), "SELECT 2;\n");
    out.add(snapshotFileName(idx), snapshotToJson(s));
    j.entries.push_back({idx, tag, 0, true, sha256Hex("SELECT 1;\n"), sha256Hex("SELECT 2;\n"), fp,
                         s.id, false, false});
  }
  out.add(kJournalFile, journalToJson(j));
  out.add(kSumFile, renderSum(out.files()));
  ASSERT_TRUE(out.writeAll(tmp.path()).ok);
  auto problems = checkIntegrity(read(tmp.path()));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(problems[0].starts_with(
      "meta/0001_snapshot.json and meta/0002_snapshot.json have the same parent snapshot " +
      root.id.substr(0, 12) + ": two migrations were generated concurrently"))
      << problems[0];
}

TEST(AppendMigration, ChainsSnapshotsAndKeepsTheDirectorySound) {
  TempDir tmp;
  NewMigration first;
  first.name = "init";
  first.upSql = "CREATE TABLE \"t\" (\"id\" INTEGER);\n";
  first.downSql = "DROP TABLE \"t\";";
  first.fingerprint = std::string(64, 'a');
  first.schemaJson = kSchemaJson;
  MigrationsDir empty = read(tmp.path());
  EXPECT_EQ(nextMigrationIndex(empty), 0);
  OutputSet out = appendMigration(empty, first, 1700000000000);
  EXPECT_EQ(out.files().at("0000_init.sql"),
            "-- schemac migration 0000_init (up)\n\nCREATE TABLE \"t\" (\"id\" INTEGER);\n");
  EXPECT_EQ(out.files().at("0000_init.down.sql"),
            "-- schemac migration 0000_init (down)\n\nDROP TABLE \"t\";\n");
  ASSERT_TRUE(out.writeAll(tmp.path()).ok);

  NewMigration second = first;
  second.name = "add_x";
  second.upNotes = {"rebuilds-tables: t", "warning: drops column t.x (data loss)"};
  second.fingerprint = std::string(64, 'b');
  second.rebuildsTables = second.dataLoss = true;
  MigrationsDir one = read(tmp.path());
  EXPECT_EQ(nextMigrationIndex(one), 1);
  OutputSet out2 = appendMigration(one, second, 1700000000001);
  EXPECT_TRUE(out2.files()
                  .at("0001_add_x.sql")
                  .starts_with("-- schemac migration 0001_add_x (up)\n-- rebuilds-tables: t\n"
                               "-- warning: drops column t.x (data loss)\n\n"));
  ASSERT_TRUE(out2.writeAll(tmp.path()).ok);

  MigrationsDir two = read(tmp.path());
  EXPECT_TRUE(checkIntegrity(two).empty());
  ASSERT_EQ(two.journal->entries.size(), 2u);
  const JournalEntry& e = two.journal->entries[1];
  EXPECT_EQ(e.tag, "0001_add_x");
  EXPECT_EQ(e.created, 1700000000001);
  EXPECT_TRUE(e.rebuildsTables && e.dataLoss);
  EXPECT_EQ(two.newestSnapshot()->prevId, two.snapshots.at("meta/0000_snapshot.json").id);
  EXPECT_EQ(two.newestSnapshot()->id, e.snapshot);
  // The same inputs give the same bytes.
  EXPECT_EQ(appendMigration(one, second, 1700000000001).files(), out2.files());
}

// generate's read (ReadOptions::trustOlderSnapshots): every snapshot but the newest is read
// from its header, its hash taken from the sum; the result checks and appends as a full read
// does, and an edit inside an old snapshot, which generate no longer sees, stays in the sum
// for `check` to report.
TEST(MigrationsDir, TrustedReadOfOlderSnapshots) {
  TempDir tmp;
  NewMigration m;
  m.name = "init";
  m.upSql = "CREATE TABLE \"t\" (\"id\" INTEGER);\n";
  m.fingerprint = std::string(64, 'a');
  m.schemaJson = kSchemaJson;
  ASSERT_TRUE(appendMigration(read(tmp.path()), m, 1700000000000).writeAll(tmp.path()).ok);
  m.name = "two";
  m.fingerprint = std::string(64, 'b');
  ASSERT_TRUE(appendMigration(read(tmp.path()), m, 1700000000001).writeAll(tmp.path()).ok);

  ReadOptions trusting;
  trusting.trustOlderSnapshots = true;
  MigrationsDir full = read(tmp.path()), trusted;
  std::string error;
  ASSERT_TRUE(readMigrationsDir(tmp.path(), &trusted, &error, trusting)) << error;
  EXPECT_EQ(trusted.unread, (std::set<std::string>{"meta/0000_snapshot.json"}));
  EXPECT_TRUE(trusted.snapshots.at("meta/0000_snapshot.json").schemaJson.empty());
  EXPECT_EQ(trusted.snapshots.at("meta/0000_snapshot.json").id,
            full.snapshots.at("meta/0000_snapshot.json").id);
  EXPECT_EQ(*trusted.newestSnapshot(), *full.newestSnapshot());  // read in full
  EXPECT_TRUE(checkIntegrity(trusted).empty());
  m.name = "three";
  m.fingerprint = std::string(64, 'c');
  EXPECT_EQ(appendMigration(trusted, m, 1700000000002).files(),
            appendMigration(full, m, 1700000000002).files());

  // An edit inside the old snapshot's schema: only the full read sees it.
  const fs::path old = tmp.path() / "meta/0000_snapshot.json";
  std::string text = slurp(old);
  text.replace(text.find("\"tables\""), 8, "\"tablez\"");
  spit(old, text);
  ASSERT_TRUE(readMigrationsDir(tmp.path(), &trusted, &error, trusting)) << error;
  EXPECT_TRUE(checkIntegrity(trusted).empty());
  OutputSet next = appendMigration(trusted, m, 1700000000002);
  ASSERT_TRUE(next.writeAll(tmp.path()).ok);
  auto problems = checkIntegrity(read(tmp.path()));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("meta/0000_snapshot.json was edited"), std::string::npos);

  // A header not as schemac writes it: that snapshot is read (and checked) in full.
  spit(old, "{\"dialect\": \"sqlite\"}");
  ASSERT_FALSE(readMigrationsDir(tmp.path(), &trusted, &error, trusting));
  EXPECT_NE(error.find("0000_snapshot.json: corrupt snapshot"), std::string::npos) << error;
}

TEST(Snapshot, TextualNestingEqualsAParsedDump) {
  // snapshotToJson splices the schema text in; it must equal a full canonical dump.
  std::string schemaJson =
      "{\n  \"enums\": [\n    {\n      \"name\": \"s\",\n      \"values\": [\n        {\n"
      "          \"name\": \"a \\\"quoted\\\" \xc3\xa9\"\n        }\n      ]\n    }\n  ],\n"
      "  \"tables\": []\n}\n";
  Snapshot s = makeSnapshot("sqlite", std::string(64, 'e'), kRootSnapshotId, schemaJson);
  nlohmann::json whole{{"dialect", "sqlite"},
                       {"fingerprint", s.fingerprint},
                       {"id", s.id},
                       {"prevId", s.prevId},
                       {"schema", nlohmann::json::parse(schemaJson)}};
  EXPECT_EQ(snapshotToJson(s), whole.dump(2) + "\n");
}

// Index 10000 is `10000_x` ({:04d} does not cut it): a directory of 10001 migrations reads
// back sound and the next migration is 10001. Built in memory as readMigrationsDir lays it out
// (30,000 files on disk take ~17 s on a busy machine); the reader's own path check is below.
TEST(Integrity, IndexesPast9999ReadCorrectly) {
  const int count = 10001;
  MigrationsDir d;
  d.exists = true;
  Journal j;
  std::map<std::string, std::string> hashes;
  std::string prev = kRootSnapshotId;
  for (int i = 0; i < count; ++i) {
    std::string tag = migrationTag(i, "m");
    std::string up = fmt::format("-- schemac migration {} (up)\nSELECT {};\n", tag, i);
    std::string down = fmt::format("-- schemac migration {} (down)\n", tag);
    std::string fingerprint = sha256Hex(tag);
    Snapshot snap = makeSnapshot("sqlite", fingerprint, prev, kSchemaJson);
    prev = snap.id;
    j.entries.push_back(JournalEntry{i, tag, 1700000000000 + i, true, sha256Hex(up),
                                     sha256Hex(down), fingerprint, snap.id, false, false});
    d.files[upFileName(tag)] = up;
    d.files[downFileName(tag)] = down;
    d.files[snapshotFileName(i)] = snapshotToJson(snap);
    d.snapshots[snapshotFileName(i)] = snap;
  }
  d.files[kJournalFile] = journalToJson(j);
  d.journal = j;
  for (const auto& [path, text] : d.files) hashes[path] = sha256Hex(text);
  d.sum = renderSumOfHashes(hashes);

  EXPECT_EQ(checkIntegrity(d), std::vector<std::string>{});
  EXPECT_EQ(d.journal->entries.back().tag, "10000_m");
  ASSERT_NE(d.newestSnapshot(), nullptr);
  EXPECT_EQ(d.newestSnapshot()->id, prev);
  EXPECT_EQ(nextMigrationIndex(d), 10001);
  EXPECT_EQ(snapshotPath("m", d.journal->entries.back()), fs::path("m/meta/10000_snapshot.json"));

  // A stray 10001_x.sql is named, not ignored; a second 10000_* is two migrations with one
  // number (the old four-character prefix saw every 1000N_* as "1000").
  d.files["10001_stray.sql"] = "SELECT 1;\n";
  d.files["10000_other.sql"] = "SELECT 2;\n";
  std::vector<std::string> problems = checkIntegrity(d);
  auto has = [&](const std::string& text) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has("10001_stray.sql is not in meta/_journal.json"));
  EXPECT_TRUE(has("10000_m.sql and 10000_other.sql have the same number"));
  EXPECT_FALSE(has("10001_stray.sql and"));
}

// The reader takes meta/10000_snapshot.json for a snapshot (it used to want four digits).
TEST(MigrationsDir, ReadsAFiveDigitSnapshot) {
  TempDir tmp;
  Snapshot snap = makeSnapshot("sqlite", std::string(64, 'a'), kRootSnapshotId, kSchemaJson);
  spit(tmp.path() / snapshotFileName(10000), snapshotToJson(snap));
  MigrationsDir d = read(tmp.path());
  ASSERT_TRUE(d.snapshots.contains("meta/10000_snapshot.json"));
  EXPECT_EQ(d.snapshots.at("meta/10000_snapshot.json").id, snap.id);
}
