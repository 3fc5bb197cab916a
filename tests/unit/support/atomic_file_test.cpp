// support/atomic_file.h: the crash-safe write every output file of schemac goes through.
#include "schemac/support/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace fs = std::filesystem;
using namespace schemac::support;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() /
           ("schemac-atomic-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST(AtomicFile, WritesReplacesAndKeepsPermissions) {
  TempDir tmp;
  fs::path target = tmp.path / "out.sql";
  std::string error;
  ASSERT_TRUE(writeFileAtomically(target, "one\n", &error)) << error;
  EXPECT_EQ(slurp(target), "one\n");
  ::chmod(target.c_str(), 0600);
  ASSERT_TRUE(writeFileAtomically(target, "two\n", &error)) << error;
  EXPECT_EQ(slurp(target), "two\n");
  struct stat st {};
  ASSERT_EQ(::stat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(entries(tmp.path), 1u);  // no temporary left behind
}

TEST(AtomicFile, TemporaryIsHiddenAndNextToTheTarget) {
  fs::path temp = temporaryPathFor("/some/dir/app.db.backup-x");
  EXPECT_EQ(temp.parent_path(), fs::path("/some/dir"));
  EXPECT_TRUE(temp.filename().string().starts_with(".schemac-tmp-app.db.backup-x-"));
}

TEST(AtomicFile, AFailureLeavesTheTargetAsItWas) {
  TempDir tmp;
  fs::path target = tmp.path / "keep.txt";
  std::string error;
  ASSERT_TRUE(writeFileAtomically(target, "old\n", &error)) << error;
  // The rename fails (the target is now a non-empty directory): the temporary is removed.
  fs::path dirTarget = tmp.path / "dir";
  fs::create_directories(dirTarget / "x");
  EXPECT_FALSE(writeFileAtomically(dirTarget, "new\n", &error));
  EXPECT_NE(error.find("cannot write " + dirTarget.string()), std::string::npos) << error;
  EXPECT_EQ(slurp(target), "old\n");
  EXPECT_EQ(entries(tmp.path), 2u);
  // A missing directory: one line naming the file, nothing created.
  EXPECT_FALSE(writeFileAtomically(tmp.path / "missing" / "f", "x", &error));
  EXPECT_NE(error.find("missing"), std::string::npos);
  EXPECT_EQ(entries(tmp.path), 2u);
}
