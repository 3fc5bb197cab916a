// A small HTTP POST client over libcurl for the Hrana protocol: one handle reused across
// requests (keep-alive), system CA store, and every failure classified so that the caller can
// print one line naming the host and decide whether a retry is safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace schemac::rt::remote {

enum class HttpFailure {
  None,
  Dns,             // the host name did not resolve
  Refused,         // nothing listens there (or the connection was reset before sending)
  ConnectTimeout,  // no connection within the connect timeout
  Timeout,         // connected, but no complete answer within the total timeout
  Tls,             // certificate or handshake failure
  Dropped,         // the connection closed mid-response
  TooLarge,        // the answer exceeded HttpTimeouts::maxResponseBytes (reading it stopped)
  BadHeader,       // a header value (the token) holds a control character; nothing was sent
  Other,           // any other transport failure
};

struct HttpResponse {
  long status = 0;
  std::string body;
  HttpFailure failure = HttpFailure::None;
  std::string failureDetail;  // libcurl's message, never containing headers
  bool requestSent = false;   // the request body may have reached the server
};

inline constexpr std::size_t kDefaultMaxResponseBytes = 64u << 20;

// The limits of one request: connect, the whole request (connect + send + answer), the size of
// the answer (a broken or hostile server cannot make the client allocate without bound).
struct HttpTimeouts {
  int connectMs = 10000;
  int totalMs = 60000;
  std::size_t maxResponseBytes = kDefaultMaxResponseBytes;
  const std::atomic<bool>* cancel = nullptr;  // abort the request in flight once true
};

// Why `value` cannot go into an HTTP header (a CR or LF would start a header of its own, a NUL
// cut it short), or empty when it can: control characters other than tab are refused. Names
// the byte and its position, never the value.
std::string headerValueProblem(std::string_view value);

class HttpClient {
 public:
  explicit HttpClient(HttpTimeouts timeouts);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // POSTs `body` as application/json; `bearer` (may be empty) goes in Authorization only. Asks
  // for an unencoded answer (Accept-Encoding: identity) and follows no redirect.
  HttpResponse post(const std::string& url, const std::string& body, const std::string& bearer);
  HttpResponse get(const std::string& url, const std::string& bearer);

 private:
  HttpResponse perform(const std::string& url, const std::string* body, const std::string& bearer);
  void* curl_;
  HttpTimeouts timeouts_;
};

}  // namespace schemac::rt::remote
