// The studio's HTTP/1.1 server: plain HTTP on POSIX sockets, one thread per connection,
// keep-alive. It offers the part of cpp-httplib's server API the handlers were written against,
// under the same names: Debian's httplib.h only declares (the code is in libcpp-httplib.so,
// which brings OpenSSL, zlib and brotli), and schemac must link nothing but glibc
// (docs/building.md). Studio serves localhost, so no TLS and no compression.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace schemac::studio {
namespace web {

struct CaseInsensitiveLess {
  bool operator()(const std::string& a, const std::string& b) const;
};
using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;
using Params = std::multimap<std::string, std::string>;

struct Request {
  std::string method;
  std::string target;  // as sent: path and query string
  std::string path;    // percent-decoded, without the query string
  Headers headers;
  Params params;  // the query string's, percent-decoded
  std::string body;
  std::smatch matches;  // the route's groups, over `path`

  bool has_header(const std::string& key) const;
  std::string get_header_value(const std::string& key) const;  // "" when absent
  bool has_param(const std::string& key) const;
  std::string get_param_value(const std::string& key) const;  // "" when absent
};

// Where a streamed response's provider writes (sent as HTTP chunks).
struct DataSink {
  std::function<bool(const char* data, std::size_t size)> write;  // false: the client is gone
  std::function<void()> done;                                     // the last piece was written
  std::function<bool()> is_writable;
};
// Called until it calls sink.done(); `offset` is the number of bytes written so far. Returning
// false aborts the response (the connection is closed).
using ContentProviderWithoutLength = std::function<bool(std::size_t offset, DataSink& sink)>;
using ContentProviderResourceReleaser = std::function<void(bool success)>;

struct Response {
  int status = -1;  // -1 until a handler sets it: 200 when routed, else 404
  Headers headers;
  std::string body;
  ContentProviderWithoutLength contentProvider;  // set: the body is streamed instead
  ContentProviderResourceReleaser contentReleaser;

  void set_header(const std::string& key, const std::string& value);  // CR/LF: ignored
  void set_content(std::string content, const std::string& contentType);
  // Streams the body (Transfer-Encoding: chunked) from `provider`, run after the handler
  // returned; `releaser` (may be empty) is called once with whether it all went out.
  void set_chunked_content_provider(const std::string& contentType,
                                    ContentProviderWithoutLength provider,
                                    ContentProviderResourceReleaser releaser = nullptr);
};

class Server {
 public:
  enum class HandlerResponse { Handled, Unhandled };
  using Handler = std::function<void(const Request&, Response&)>;
  using PreRoutingHandler = std::function<HandlerResponse(const Request&, Response&)>;
  using Logger = std::function<void(const Request&, const Response&)>;

  Server();
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // `pattern` must match the whole path (std::regex_match); the first registered match wins.
  // GET routes also answer HEAD.
  Server& Get(const std::string& pattern, Handler handler);
  Server& Post(const std::string& pattern, Handler handler);
  void set_pre_routing_handler(PreRoutingHandler handler);
  void set_error_handler(Handler handler);  // called for every status >= 400
  void set_logger(Logger logger);
  void set_payload_max_length(std::size_t bytes);

  int bind_to_any_port(const std::string& host);  // the port, or -1
  bool bind_to_port(const std::string& host, int port);
  // Serves until stop(); false when not bound.
  bool listen_after_bind();
  bool is_running() const { return running_; }
  void stop();  // from any thread; connections in progress are closed

 private:
  struct Route {
    std::string method;
    std::regex pattern;
    Handler handler;
  };
  struct Worker;

  int bindSocket(const std::string& host, int port);
  void serveConnection(int fd);
  void respond(Request& req, Response& res);
  const Route* findRoute(Request& req) const;

  std::vector<Route> routes_;
  PreRoutingHandler preRouting_;
  Handler errorHandler_;
  Logger logger_;
  std::size_t payloadMax_ = 8 << 20;
  std::atomic<int> listenFd_{-1};
  std::atomic<bool> running_{false};
  std::atomic<bool> stopping_{false};
  std::mutex mu_;  // guards workers_
  std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace web

// The handlers name these httplib::Request, httplib::Response, httplib::Server.
namespace httplib = web;

}  // namespace schemac::studio
