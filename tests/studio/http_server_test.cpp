// The studio's own HTTP server (studio/src/http_server.cpp) against a real client, Debian's
// cpp-httplib: routing, query and header parsing, the error handler, limits, keep-alive,
// streamed bodies and stop().
#include "http_server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>

namespace {

namespace web = schemac::studio::web;

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.set_payload_max_length(1024);
    server_.set_error_handler([](const web::Request&, web::Response& res) {
      if (res.body.empty()) res.set_content("error " + std::to_string(res.status), "text/plain");
    });
    server_.Get(R"(/items/([a-z]+)/(\d+))", [](const web::Request& req, web::Response& res) {
      res.set_content(std::string(req.matches[1]) + "#" + std::string(req.matches[2]) + "?q=" +
                          req.get_param_value("q") + "&has=" + (req.has_param("x") ? "1" : "0"),
                      "text/plain");
    });
    server_.Get("/header", [](const web::Request& req, web::Response& res) {
      res.set_header("X-Echo", req.get_header_value("x-custom"));
      res.set_header("X-Injected", "a\r\nSet-Cookie: evil=1");
      res.set_content(req.has_header("X-CUSTOM") ? "yes" : "no", "text/plain");
    });
    server_.Post("/echo", [](const web::Request& req, web::Response& res) {
      res.status = 201;
      res.set_content(req.body, "application/json");
    });
    server_.Get("/throw",
                [](const web::Request&, web::Response&) { throw std::runtime_error("boom"); });
    server_.Get("/stream", [this](const web::Request&, web::Response& res) {
      res.set_chunked_content_provider(
          "text/csv",
          [](std::size_t offset, web::DataSink& sink) {
            if (offset >= 30) {
              sink.done();
              return true;
            }
            std::string piece = "row " + std::to_string(offset / 10) + " ....\n";
            piece.resize(10, '.');
            return sink.write(piece.data(), piece.size());
          },
          [this](bool ok) { released_ = ok ? 1 : 2; });
    });
    server_.set_pre_routing_handler([](const web::Request& req, web::Response& res) {
      if (req.path != "/refused") return web::Server::HandlerResponse::Unhandled;
      res.status = 403;
      return web::Server::HandlerResponse::Handled;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
  }

  void TearDown() override {
    client_.reset();
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  web::Server server_;
  int port_ = -1;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
  std::atomic<int> released_{0};
};

TEST_F(HttpServerTest, RoutesWithGroupsAndDecodedQuery) {
  client_->set_url_encode(false);  // send the query as written
  auto r = client_->Get("/items/abc/42?q=a+b%20c%2B&x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "abc#42?q=a b c+&has=1");
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/plain");
  auto partial = client_->Get("/items/abc/42x");  // the pattern must match the whole path
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->status, 404);
  EXPECT_EQ(partial->body, "error 404");
}

TEST_F(HttpServerTest, HeadersAreCaseInsensitiveAndCannotBeInjected) {
  auto r = client_->Get("/header", {{"X-Custom", "v1"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "yes");
  EXPECT_EQ(r->get_header_value("X-Echo"), "v1");
  EXPECT_FALSE(r->has_header("X-Injected"));
  EXPECT_FALSE(r->has_header("Set-Cookie"));
}

TEST_F(HttpServerTest, PostBodyAndStatus) {
  auto r = client_->Post("/echo", R"({"a":1})", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, R"({"a":1})");
  auto wrongMethod = client_->Post("/header", "", "text/plain");
  ASSERT_TRUE(wrongMethod);
  EXPECT_EQ(wrongMethod->status, 404);
}

TEST_F(HttpServerTest, PreRoutingErrorsAndLimits) {
  auto refused = client_->Get("/refused");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(refused->body, "error 403");

  auto thrown = client_->Get("/throw");
  ASSERT_TRUE(thrown);
  EXPECT_EQ(thrown->status, 500);
  EXPECT_EQ(thrown->body, "error 500");

  auto big = client_->Post("/echo", std::string(2000, 'x'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);

  auto hugeHeader = client_->Get("/header", {{"X-Custom", std::string(70000, 'h')}});
  ASSERT_TRUE(hugeHeader);
  EXPECT_EQ(hugeHeader->status, 431);

  // The server still answers after each refusal.
  auto again = client_->Get("/items/ok/1");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  client_->set_keep_alive(true);
  for (int i = 0; i < 5; ++i) {
    auto r = client_->Get("/items/k/" + std::to_string(i));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "k#" + std::to_string(i) + "?q=&has=0");
    EXPECT_EQ(r->get_header_value("Connection"), "keep-alive");
  }
}

TEST_F(HttpServerTest, StreamsAChunkedBody) {
  auto r = client_->Get("/stream");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Transfer-Encoding"), "chunked");
  EXPECT_EQ(r->body, "row 0 ....row 1 ....row 2 ....");
  // The releaser runs after the last chunk was sent, which may be just after the client has it.
  client_.reset();
  server_.stop();
  thread_.join();
  EXPECT_EQ(released_, 1);
}

TEST_F(HttpServerTest, HeadHasNoBody) {
  auto r = client_->Head("/items/abc/1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(r->body.empty());
  EXPECT_EQ(r->get_header_value("Content-Length"),
            std::to_string(std::string("abc#1?q=&has=0").size()));
}

TEST_F(HttpServerTest, MalformedRequestIs400) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port_));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  std::string bad = "GARBAGE\r\n\r\n";
  ASSERT_EQ(send(fd, bad.data(), bad.size(), 0), static_cast<ssize_t>(bad.size()));
  std::string reply;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;)
    reply.append(buf, static_cast<std::size_t>(n));
  close(fd);
  EXPECT_EQ(reply.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u) << reply;
  EXPECT_NE(reply.find("Connection: close"), std::string::npos);
}

TEST_F(HttpServerTest, StopClosesIdleKeptAliveConnections) {
  client_->set_keep_alive(true);
  ASSERT_TRUE(client_->Get("/items/a/1"));
  // The connection stays open; stop() must not wait for the client to close it.
  server_.stop();
  thread_.join();
  EXPECT_FALSE(server_.is_running());
}

TEST(HttpServer, PortInUseCannotBeBound) {
  web::Server first;
  int port = first.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  web::Server second;
  EXPECT_FALSE(second.bind_to_port("127.0.0.1", port));
}

}  // namespace
