// Two `schemac migrate` processes started together on one database (a file or a server): both
// must exit 0 and each migration be applied by exactly one of them. Shared by the lease tests
// for files (tests/unit) and for tursodb (tests/remote).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "migrations_fixture.h"
#include "process.h"
#include "temp_dir.h"

namespace schemac::testing {

struct TwoMigratorOutputs {
  std::string a, b;
  std::string both() const { return a + b; }
};

// `args` is the command line of both (args[0] the schemac binary), run in `tmp` with `env`;
// `run` labels failure messages. Returns their standard outputs.
inline TwoMigratorOutputs runTwoMigrators(const TempDir& tmp, const std::vector<std::string>& args,
                                          const std::map<std::string, std::string>& env,
                                          const std::vector<FixtureMigration>& ms, int run) {
  std::string cwd = tmp.path().string();
  pid_t a = spawn(args, cwd, env, tmp.file("a.out"), tmp.file("a.err"));
  pid_t b = spawn(args, cwd, env, tmp.file("b.out"), tmp.file("b.err"));
  int ra = waitFor(a), rb = waitFor(b);
  TwoMigratorOutputs out{slurp(tmp.file("a.out")), slurp(tmp.file("b.out"))};
  EXPECT_EQ(ra, 0) << "run " << run << ": " << slurp(tmp.file("a.err")) << out.a;
  EXPECT_EQ(rb, 0) << "run " << run << ": " << slurp(tmp.file("b.err")) << out.b;
  for (std::size_t i = 0; i < ms.size(); ++i) {
    std::string line = "applied " + tagFor(i, ms[i].name) + " in";
    int by = (out.a.find(line) != std::string::npos) + (out.b.find(line) != std::string::npos);
    EXPECT_EQ(by, 1) << "run " << run << ", migration " << i << "\nA:\n"
                     << out.a << "B:\n"
                     << out.b;
  }
  return out;
}

}  // namespace schemac::testing
