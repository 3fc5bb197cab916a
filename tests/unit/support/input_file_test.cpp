// support::readInputFile: regular files only, and a size limit checked before reading.
#include "schemac/support/input_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace schemac::support {
namespace {

namespace fs = std::filesystem;

class InputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("schemac_input_file_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    ::unsetenv("SCHEMAC_MAX_INPUT_BYTES");
    fs::remove_all(dir_);
  }
  std::string write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  fs::path dir_;
};

TEST_F(InputFileTest, ReadsARegularFileWhole) {
  std::string text(100000, 'x');
  text[5] = '\0';
  std::string out, error;
  ASSERT_TRUE(readInputFile(write("a.schema", text), &out, &error)) << error;
  EXPECT_EQ(out, text);
}

TEST_F(InputFileTest, RefusesWhatIsNotARegularFile) {
  std::string out, error;
  fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_FALSE(readInputFile(fifo.string(), &out, &error));  // returns: no writer is awaited
  EXPECT_EQ(error, "cannot read '" + fifo.string() + "': it is a FIFO, not a regular file");
  EXPECT_FALSE(readInputFile("/dev/zero", &out, &error));
  EXPECT_EQ(error, "cannot read '/dev/zero': it is a character device, not a regular file");
  EXPECT_FALSE(readInputFile(dir_.string(), &out, &error));
  EXPECT_EQ(error, "cannot read '" + dir_.string() + "': it is a directory, not a regular file");
  EXPECT_FALSE(readInputFile((dir_ / "missing").string(), &out, &error));
  EXPECT_EQ(error, "cannot open '" + (dir_ / "missing").string() + "': No such file or directory");
}

TEST_F(InputFileTest, SizeLimitFromTheEnvironment) {
  std::string path = write("a.schema", "0123456789");
  std::string out, error;
  ::setenv("SCHEMAC_MAX_INPUT_BYTES", "10", 1);
  EXPECT_TRUE(readInputFile(path, &out, &error)) << error;
  ::setenv("SCHEMAC_MAX_INPUT_BYTES", "9", 1);
  EXPECT_FALSE(readInputFile(path, &out, &error));
  EXPECT_EQ(error, "cannot read '" + path +
                       "': it is larger than the input limit of 9 bytes (set "
                       "SCHEMAC_MAX_INPUT_BYTES to raise it)");
  ::setenv("SCHEMAC_MAX_INPUT_BYTES", "nonsense", 1);  // ignored: the default applies
  EXPECT_EQ(maxInputBytes(), 64u << 20);
}

}  // namespace
}  // namespace schemac::support
