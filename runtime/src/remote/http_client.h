// A small HTTP POST client over libcurl for the Hrana protocol: one handle reused across
// requests (keep-alive), system CA store, and every failure classified so that the caller can
// print one line naming the host and decide whether a retry is safe.
#pragma once

#include <atomic>
#include <memory>
#include <string>

namespace schemac::rt::remote {

enum class HttpFailure {
  None,
  Dns,             // the host name did not resolve
  Refused,         // nothing listens there (or the connection was reset before sending)
  ConnectTimeout,  // no connection within the connect timeout
  Timeout,         // connected, but no complete answer within the total timeout
  Tls,             // certificate or handshake failure
  Dropped,         // the connection closed mid-response
  Other,           // any other transport failure
};

struct HttpResponse {
  long status = 0;
  std::string body;
  HttpFailure failure = HttpFailure::None;
  std::string failureDetail;  // libcurl's message, never containing headers
  bool requestSent = false;   // the request body may have reached the server
};

struct HttpTimeouts {
  int connectMs = 10000;
  int totalMs = 60000;
  const std::atomic<bool>* cancel = nullptr;  // abort the request in flight once true
};

class HttpClient {
 public:
  explicit HttpClient(HttpTimeouts timeouts);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // POSTs `body` as application/json; `bearer` (may be empty) goes in Authorization only.
  HttpResponse post(const std::string& url, const std::string& body, const std::string& bearer);
  HttpResponse get(const std::string& url, const std::string& bearer);

 private:
  HttpResponse perform(const std::string& url, const std::string* body, const std::string& bearer);
  void* curl_;
  HttpTimeouts timeouts_;
};

}  // namespace schemac::rt::remote
