// Issue 18 §1 against a fake Hrana server: a token with a control character is refused before
// any request, the token goes to no host the user did not name, an answer over the size limit
// is one clean error (no bad_alloc), no compression is asked for, and the CLI reads the token
// from a file, refuses an empty DATABASE_URL and keeps a huge URL's error line short.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "fake_server.h"
#include "migrations_fixture.h"
#include "process.h"
#include "schemac/rt/connection.h"
#include "temp_dir.h"

namespace schemac::rt {
namespace {

using testing::FakeServer;
using testing::TempDir;

std::string errorOf(const std::function<void()>& fn) { return testing::dbErrorOf(fn); }

OpenOptions options() { return testing::fakeServerOptions(); }

void answerEmpty(const httplib::Request& req, httplib::Response& res) {
  res.set_content(testing::emptyDatabaseAnswer(nlohmann::json::parse(req.body)).dump(),
                  "application/json");
}

std::size_t lines(const std::string& s) { return std::count(s.begin(), s.end(), '\n'); }

TEST(RemoteSecretsTest, TokenWithAControlCharacterIsRefusedBeforeAnyRequest) {
  FakeServer server(answerEmpty);
  for (std::string bad : {std::string("abc\r\nX-Injected: 1"), std::string("abc\n"),
                          std::string("ab\0c", 4), std::string("a\x1b[31m")}) {
    OpenOptions o = options();
    o.authToken = bad;
    std::string e = errorOf([&] { open(server.url(), o)->query("SELECT 1"); });
    EXPECT_NE(e.find("the auth token contains a control character 0x"), std::string::npos) << e;
    EXPECT_EQ(e.find("Injected"), std::string::npos) << e;
    EXPECT_EQ(e.find('\n'), std::string::npos) << e;
  }
  EXPECT_EQ(server.requests(), 0);
  // A tab is allowed in a header value.
  OpenOptions o = options();
  o.authToken = "a\tb";
  open(server.url(), o)->query("SELECT 1");
  EXPECT_EQ(server.requests(), 1);

  // Through the CLI: exit 1, one line, nothing sent.
  TempDir tmp;
  testing::writeMigrationsDir(tmp, "migrations", {{"init", "CREATE TABLE t (id INTEGER);", ""}});
  auto r = testing::runSchemac({"migrate", "--url", server.url()}, tmp.path().string(),
                               {{"DATABASE_AUTH_TOKEN", "tok\r\nX-Injected: 1"}});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(lines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("control character 0x0D (CR) at byte 4 of 18"), std::string::npos) << r.err;
  EXPECT_EQ((r.out + r.err).find("Injected"), std::string::npos) << r.out << r.err;
  EXPECT_EQ(server.requests(), 1);
}

TEST(RemoteSecretsTest, ABaseUrlOnAnotherHostIsRefused) {
  FakeServer foreign(answerEmpty);
  std::string baseUrl;
  FakeServer server([&](const httplib::Request& req, httplib::Response& res) {
    nlohmann::json answer = testing::emptyDatabaseAnswer(nlohmann::json::parse(req.body));
    answer["baton"] = "b1";
    answer["base_url"] = baseUrl;
    res.set_content(answer.dump(), "application/json");
  });
  // Another port, another name for the same address, another scheme, a scheme-relative URL.
  for (std::string other : {foreign.url(), "http://localhost:" + foreign.url().substr(17),
                            "https://" + server.host(), std::string("//evil.example/x")}) {
    baseUrl = other;
    auto db = open(server.url(), options());
    std::string e = errorOf([&] { db->query("SELECT 1"); });
    EXPECT_NE(e.find("the server asked to continue on another host (base_url "), std::string::npos)
        << other << ": " << e;
    EXPECT_NE(e.find("refused, nothing was sent there"), std::string::npos) << e;
  }
  EXPECT_EQ(foreign.requests(), 0);

  // The same origin (another path, or a path alone) is followed.
  for (std::string same :
       {server.url() + "/stream/", std::string("/stream"), "HTTP://" + server.host() + "/stream"}) {
    baseUrl = same;
    int before = server.requests();
    auto db = open(server.url(), options());
    db->execute("BEGIN");
    db->query("SELECT 1");
    EXPECT_EQ(server.requests() - before, 2);
    EXPECT_EQ(server.paths().back(), "/stream/v3/pipeline") << same;
  }
}

TEST(RemoteSecretsTest, AnAnswerOverTheLimitIsOneCleanError) {
  // Announced by Content-Length: refused before its body is read.
  FakeServer sized([](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(3 << 20, ' '), "application/json");
  });
  setenv("SCHEMAC_MAX_RESPONSE_MB", "1", 1);
  std::string e = errorOf([&] { open(sized.url(), options())->query("SELECT 1"); });
  unsetenv("SCHEMAC_MAX_RESPONSE_MB");
  EXPECT_NE(e.find("the answer from " + sized.host() +
                   " is too large (the answer is larger than "
                   "1 MiB)"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("raise SCHEMAC_MAX_RESPONSE_MB"), std::string::npos) << e;
  EXPECT_EQ(sized.requests(), 1);  // not retried, though a read

  // Chunked, without end (up to 1 GiB): reading stops at the default 64 MiB.
  std::atomic<std::size_t> sent{0};
  FakeServer endless([&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/json", [&](std::size_t, httplib::DataSink& sink) {
      static const std::string chunk(1 << 20, ' ');
      if (sent >= (std::size_t{1} << 30)) {
        sink.done();
        return true;
      }
      sent += chunk.size();
      return sink.write(chunk.data(), chunk.size());
    });
  });
  e = errorOf([&] { open(endless.url(), options())->execute("CREATE TABLE t (id INTEGER)"); });
  EXPECT_NE(e.find("is too large (the answer is larger than 64 MiB)"), std::string::npos) << e;
  EXPECT_NE(e.find("the write may or may not have been applied"), std::string::npos) << e;
  EXPECT_LT(sent.load(), std::size_t{512} << 20);

  // Through the CLI, with the limit from the environment.
  TempDir tmp;
  testing::writeMigrationsDir(tmp, "migrations", {{"init", "CREATE TABLE t (id INTEGER);", ""}});
  auto r = testing::runSchemac({"migrate", "--url", sized.url()}, tmp.path().string(),
                               {{"SCHEMAC_MAX_RESPONSE_MB", "2"}});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(lines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("larger than 2 MiB"), std::string::npos) << r.err;
  r = testing::runSchemac({"migrate", "--url", sized.url()}, tmp.path().string(),
                          {{"SCHEMAC_MAX_RESPONSE_MB", "lots"}});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("SCHEMAC_MAX_RESPONSE_MB must be a whole number of MiB"), std::string::npos)
      << r.err;
}

TEST(RemoteSecretsTest, AsksForNoCompression) {
  FakeServer server(answerEmpty);
  open(server.url(), options())->query("SELECT 1");
  EXPECT_EQ(server.acceptEncoding(), "identity");
}

TEST(RemoteSecretsTest, TokenFromAFile) {
  FakeServer server([](const httplib::Request&, httplib::Response& res) {
    res.status = 401;
    res.set_content(R"({"error":"Unauthorized"})", "application/json");
  });
  TempDir tmp;
  std::string cwd = tmp.path().string();
  testing::writeMigrationsDir(tmp, "migrations", {{"init", "CREATE TABLE t (id INTEGER);", ""}});
  tmp.write("token.txt", std::string(testing::kTestToken) + "\n");
  // The file beats $DATABASE_AUTH_TOKEN; its final newline is not part of the token.
  auto r = testing::runSchemac({"migrate", "--url", server.url(), "--auth-token-file", "token.txt"},
                               cwd, {{"DATABASE_AUTH_TOKEN", "from-the-environment"}});
  EXPECT_EQ(r.exitCode, 1) << r.err;
  EXPECT_EQ(server.authorization(), std::string("Bearer ") + testing::kTestToken);

  // schemac.toml's auth_token_file, relative to the file, when nothing else gives a token.
  tmp.write("schemac.toml", "auth_token_file = \"token.txt\"\nurl = \"" + server.url() + "\"\n");
  r = testing::runSchemac({"migrate"}, cwd, {{"DATABASE_AUTH_TOKEN", "\x01"}});
  EXPECT_EQ(r.exitCode, 1) << r.err;
  EXPECT_EQ(server.authorization(), std::string("Bearer ") + testing::kTestToken);
  int sent = server.requests();

  // Usage errors, one line each, before any request.
  r = testing::runSchemac({"migrate", "--auth-token-file", "missing.txt"}, cwd);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.err,
            "schemac: error: cannot read the auth token file 'missing.txt': No such file or "
            "directory\n");
  tmp.write("empty.txt", "\n");
  r = testing::runSchemac({"migrate", "--auth-token-file", "empty.txt"}, cwd);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.err, "schemac: error: the auth token file 'empty.txt' is empty\n");
  r = testing::runSchemac({"migrate", "--auth-token", "x", "--auth-token-file", "token.txt"}, cwd);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.err, "schemac: error: give --auth-token or --auth-token-file, not both\n");
  EXPECT_EQ(server.requests(), sent);
}

TEST(RemoteSecretsTest, EmptyDatabaseUrlAndHugeUrls) {
  TempDir tmp;
  std::string cwd = tmp.path().string();
  testing::writeMigrationsDir(tmp, "migrations", {{"init", "CREATE TABLE t (id INTEGER);", ""}});
  auto r = testing::runSchemac({"migrate"}, cwd, {{"DATABASE_URL", ""}});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.err,
            "schemac: error: DATABASE_URL is set but empty (a missing CI secret?): set it to a "
            "database URL, or unset it to use schemac.toml's url or file:./local.db\n");
  EXPECT_FALSE(std::filesystem::exists(tmp.file("local.db")));

  // A 100 kB URL (an argument may have 128 kB): one line of a few hundred bytes, the password
  // hidden.
  std::string huge = "ftp://user:pw-secret@host/" + std::string(100000, 'p');
  r = testing::runSchemac({"migrate", "--url", huge}, cwd);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(lines(r.err), 1u);
  EXPECT_LT(r.err.size(), 400u) << r.err;
  EXPECT_EQ(r.err.find("pw-"), std::string::npos) << r.err;
  std::string host =
      "http://" + std::string(100000, 'h') + ".invalid?authToken=" + testing::kTestToken;
  r = testing::runSchemac({"migrate", "--url", host, "--connect-timeout", "5"}, cwd);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(lines(r.err), 1u);
  EXPECT_LT(r.err.size(), 600u) << r.err;
  EXPECT_EQ(r.err.find(testing::kTestToken), std::string::npos) << r.err;
}

}  // namespace
}  // namespace schemac::rt
