// The remote client's failure paths against a fake Hrana server (cpp-httplib): each failure is
// one clear line naming the host, writes are never retried, the token is never shown, and a
// migration that fails mid-batch is reported with its statement and rolled back.
#include "fake_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "migrations_fixture.h"
#include "process.h"
#include "schemac/rt/connection.h"
#include "temp_dir.h"

namespace schemac::rt {
namespace {

using nlohmann::json;
using testing::emptyDatabaseAnswer;
using testing::FakeServer;
using testing::TempDir;

std::string errorOf(const std::function<void()>& fn) { return testing::dbErrorOf(fn); }

OpenOptions options() { return testing::fakeServerOptions(); }

TEST(RemoteFakeServerTest, Unauthorized) {
  FakeServer server([](const httplib::Request&, httplib::Response& res) {
    res.status = 401;
    res.set_content(R"({"error":"Unauthorized: invalid JWT"})", "application/json");
  });
  auto db = open(server.url(), options());
  std::string e = errorOf([&] { db->query("SELECT 1"); });
  EXPECT_NE(e.find("remote database " + server.url() +
                   ": the server refused the auth token "
                   "(HTTP 401: Unauthorized: invalid JWT)"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("DATABASE_AUTH_TOKEN"), std::string::npos) << e;
  EXPECT_EQ(e.find(testing::kTestToken), std::string::npos) << e;
  EXPECT_EQ(server.authorization(), std::string("Bearer ") + testing::kTestToken);
  EXPECT_EQ(server.requests(), 1);  // no retry of a 401 (not even on /v2)
  // Through the CLI: one line on stderr, exit 1, no token anywhere.
  TempDir tmp;
  testing::writeMigrationsDir(tmp, "migrations", {{"init", "CREATE TABLE t (id INTEGER);", ""}});
  auto r = testing::runSchemac({"migrate", "--url", server.url()}, tmp.path().string(),
                               {{"DATABASE_AUTH_TOKEN", testing::kTestToken}});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("HTTP 401"), std::string::npos) << r.err;
  EXPECT_EQ((r.out + r.err).find(testing::kTestToken), std::string::npos);
}

TEST(RemoteFakeServerTest, ServerErrorsAndRetriesOfReadsOnly) {
  std::atomic<int> status{500};
  FakeServer server([&](const httplib::Request&, httplib::Response& res) {
    res.status = status;
    res.set_content("Internal Server Error: boom", "text/plain");
  });
  auto db = open(server.url(), options());
  std::string e = errorOf([&] { db->query("SELECT 1"); });
  EXPECT_NE(
      e.find("server error from " + server.host() + " (HTTP 500: Internal Server Error: boom)"),
      std::string::npos)
      << e;
  int before = server.requests();
  status = 503;
  e = errorOf([&] { db->query("SELECT 1"); });
  EXPECT_NE(e.find("HTTP 503"), std::string::npos) << e;
  EXPECT_EQ(server.requests() - before, 3);  // a read: tried 3 times
  before = server.requests();
  e = errorOf([&] { db->execute("CREATE TABLE t (id INTEGER)"); });
  EXPECT_NE(e.find("HTTP 503"), std::string::npos) << e;
  EXPECT_EQ(server.requests() - before, 1);  // a write: never retried
}

// The server answers only when the test lets it, after the client has given up: the error has
// to come from the client's 400 ms request timeout, however slow the machine.
TEST(RemoteFakeServerTest, SlowResponseTimesOut) {
  std::mutex mu;
  std::condition_variable cv;
  bool answer = false;
  std::atomic<bool> answered{false};
  FakeServer server([&](const httplib::Request&, httplib::Response& res) {
    std::unique_lock<std::mutex> lock(mu);
    // The limit only keeps a broken client from hanging the test.
    cv.wait_for(lock, std::chrono::seconds(60), [&] { return answer; });
    res.set_content("{}", "application/json");
    answered = true;
  });
  OpenOptions o = options();
  o.requestTimeoutMs = 400;
  auto db = open(server.url(), o);
  std::string e = errorOf([&] { db->execute("CREATE TABLE t (id INTEGER)"); });
  EXPECT_FALSE(answered) << "the client waited for the answer instead of timing out";
  {
    std::lock_guard<std::mutex> lock(mu);
    answer = true;
  }
  cv.notify_all();
  EXPECT_NE(e.find("no complete answer from " + server.host() + " within the request timeout"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("may or may not have been applied"), std::string::npos) << e;
  EXPECT_EQ(server.requests(), 1);
}

TEST(RemoteFakeServerTest, MalformedAndTruncatedJson) {
  FakeServer server([](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"baton":null,"results":[{"type":"ok","resp)", "application/json");
  });
  auto db = open(server.url(), options());
  std::string e = errorOf([&] { db->query("SELECT 1"); });
  EXPECT_NE(e.find("malformed or truncated JSON response from " + server.host()), std::string::npos)
      << e;
  FakeServer wrong([](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"hello":"world"})", "application/json");
  });
  auto db2 = open(wrong.url(), options());
  e = errorOf([&] { db2->query("SELECT 1"); });
  EXPECT_NE(e.find("not a Hrana pipeline response"), std::string::npos) << e;
}

TEST(RemoteFakeServerTest, ConnectionDroppedMidResponse) {
  FakeServer server([](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(4096, "application/json",
                             [](std::size_t, std::size_t, httplib::DataSink& sink) {
                               std::string part = R"({"baton":null,"results":[)";
                               sink.write(part.data(), part.size());
                               return false;  // close the connection
                             });
  });
  auto db = open(server.url(), options());
  std::string e = errorOf([&] { db->execute("INSERT INTO t VALUES (1)"); });
  EXPECT_NE(e.find("the connection to " + server.host() + " was dropped mid-response"),
            std::string::npos)
      << e;
  EXPECT_EQ(server.requests(), 1);
}

TEST(RemoteFakeServerTest, RefusedDnsAndTls) {
  std::string e = errorOf([&] { open("http://127.0.0.1:1", options())->query("SELECT 1"); });
  EXPECT_NE(e.find("connection refused by 127.0.0.1:1"), std::string::npos) << e;
  e = errorOf([&] { open("libsql://no-such-db.invalid", options())->query("SELECT 1"); });
  EXPECT_NE(e.find("cannot resolve host no-such-db.invalid"), std::string::npos) << e;
  FakeServer plain([](const httplib::Request&, httplib::Response& res) {
    res.set_content("{}", "application/json");
  });
  e = errorOf([&] {
    open("https://127.0.0.1:" + plain.host().substr(plain.host().find(':') + 1), options())
        ->query("SELECT 1");
  });
  EXPECT_NE(e.find("TLS error with 127.0.0.1:"), std::string::npos) << e;
}

TEST(RemoteFakeServerTest, FallsBackToV2WhenV3IsMissing) {
  FakeServer server([](const httplib::Request& req, httplib::Response& res) {
    if (req.path != "/v2/pipeline") {
      res.status = 404;
      return;
    }
    res.set_content(emptyDatabaseAnswer(json::parse(req.body)).dump(), "application/json");
  });
  auto db = open(server.url(), options());
  db->query("SELECT 1");
  db->query("SELECT 2");
  EXPECT_EQ(server.paths(),
            (std::vector<std::string>{"/v3/pipeline", "/v2/pipeline", "/v2/pipeline"}));
}

TEST(RemoteFakeServerTest, StatementErrorMidBatchIsReportedAndRolledBack) {
  FakeServer server([](const httplib::Request& req, httplib::Response& res) {
    res.set_content(emptyDatabaseAnswer(json::parse(req.body)).dump(), "application/json");
  });
  TempDir tmp;
  testing::writeMigrationsDir(
      tmp, "migrations",
      {{"bad",
        "CREATE TABLE a (id INTEGER);\n--> statement-breakpoint\nINSERT INTO nowhere VALUES (1);"
        "\n--> statement-breakpoint\nCREATE TABLE b (id INTEGER);",
        ""}});
  auto r = testing::runSchemac({"migrate", "--url", server.url()}, tmp.path().string());
  EXPECT_EQ(r.exitCode, 1) << r.out;
  EXPECT_EQ(r.err,
            "schemac: error: migration 0000_bad failed on " + server.url() +
                " and was rolled back: SQLite error: no such table: nowhere in statement: INSERT "
                "INTO nowhere VALUES (1)\n");
  // The migration went out as one batch: BEGIN, each step conditional on the one before,
  // COMMIT, and a ROLLBACK that runs unless the COMMIT succeeded.
  json batch;
  for (const std::string& b : server.bodies()) {
    json j = json::parse(b);
    for (const json& req : j["requests"]) {
      if (req["type"] == "batch") batch = req["batch"];
    }
  }
  ASSERT_FALSE(batch.is_null());
  const json& steps = batch["steps"];
  std::vector<std::string> sqls;
  for (const json& s : steps) sqls.push_back(s["stmt"]["sql"]);
  ASSERT_GE(sqls.size(), 8u);
  EXPECT_EQ(sqls.front(), "BEGIN");
  EXPECT_EQ(sqls[sqls.size() - 2], "COMMIT");
  EXPECT_EQ(sqls.back(), "ROLLBACK");
  for (std::size_t i = 1; i + 1 < steps.size(); ++i) {
    EXPECT_EQ(steps[i]["condition"], (json{{"type", "ok"}, {"step", i - 1}})) << sqls[i];
  }
  EXPECT_EQ(steps.back()["condition"],
            (json{{"type", "not"}, {"cond", {{"type", "ok"}, {"step", steps.size() - 2}}}}));
}

}  // namespace
}  // namespace schemac::rt
