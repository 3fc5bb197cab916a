#include "http_server.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string_view>

namespace schemac::studio::web {
namespace {

constexpr std::size_t kMaxHead = 64 << 10;  // request line and headers
constexpr int kReadTimeoutMs = 5000;        // within a request
constexpr int kIdleTimeoutMs = 5000;        // between requests on a kept-alive connection
constexpr int kMaxRequestsPerConnection = 100;
constexpr std::size_t kMaxConnections = 128;

char lowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equalsIgnoreCase(const std::string& a, const char* b) {
  std::size_t n = std::strlen(b);
  if (a.size() != n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    if (lowerAscii(a[i]) != lowerAscii(b[i])) return false;
  }
  return true;
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX decoding (an invalid escape stays as written); in a query, '+' is a space.
std::string decode(const std::string& s, bool plusIsSpace) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = hexDigit(s[i + 1]), lo = hexDigit(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += plusIsSpace && s[i] == '+' ? ' ' : s[i];
  }
  return out;
}

void parseQuery(const std::string& query, Params& params) {
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string pair = query.substr(start, end - start);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      std::string key = decode(pair.substr(0, eq), true);
      std::string value = eq == std::string::npos ? "" : decode(pair.substr(eq + 1), true);
      params.emplace(std::move(key), std::move(value));
    }
    start = end + 1;
  }
}

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// The request line and headers (`head` without the blank line); false when malformed.
bool parseHead(const std::string& head, Request& req, std::string& version) {
  std::size_t lineEnd = head.find("\r\n");
  std::string line = head.substr(0, lineEnd);
  std::size_t sp1 = line.find(' ');
  std::size_t sp2 = sp1 == std::string::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string::npos) return false;
  req.method = line.substr(0, sp1);
  req.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  version = line.substr(sp2 + 1);
  if (req.method.empty() || req.target.empty() || req.target[0] != '/') return false;
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return false;
  std::size_t q = req.target.find('?');
  req.path = decode(req.target.substr(0, q), false);
  if (q != std::string::npos) parseQuery(req.target.substr(q + 1), req.params);
  while (lineEnd != std::string::npos) {
    std::size_t start = lineEnd + 2;
    lineEnd = head.find("\r\n", start);
    std::string h =
        head.substr(start, lineEnd == std::string::npos ? std::string::npos : lineEnd - start);
    std::size_t colon = h.find(':');
    if (colon == std::string::npos || colon == 0) return false;
    req.headers.emplace(h.substr(0, colon), trim(h.substr(colon + 1)));
  }
  return true;
}

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 422:
      return "Unprocessable Entity";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

// Waits up to `timeoutMs` for data and appends it; false on timeout, close or error.
bool readMore(int fd, std::string& buf, int timeoutMs) {
  pollfd p{fd, POLLIN, 0};
  int n;
  do {
    n = poll(&p, 1, timeoutMs);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  char chunk[16384];
  ssize_t got;
  do {
    got = recv(fd, chunk, sizeof chunk, 0);
  } while (got < 0 && errno == EINTR);
  if (got <= 0) return false;
  buf.append(chunk, static_cast<std::size_t>(got));
  return true;
}

bool sendAll(int fd, std::string_view data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// Runs a chunked provider until it calls done(); false when it failed or the client went away.
bool streamBody(int fd, const ContentProviderWithoutLength& provider) {
  std::size_t offset = 0;
  bool ok = true, finished = false;
  std::string frame;  // reused: one allocation for the whole stream
  DataSink sink;
  sink.write = [&](const char* data, std::size_t size) {
    if (!ok || finished) return false;
    if (size == 0) return true;  // an empty chunk would end the body
    // One send per chunk: with TCP_NODELAY, three would be three packets.
    char length[32];
    int n = std::snprintf(length, sizeof length, "%zx\r\n", size);
    frame.assign(length, static_cast<std::size_t>(n));
    frame.append(data, size);
    frame.append("\r\n");
    ok = sendAll(fd, frame);
    offset += size;
    return ok;
  };
  sink.done = [&] {
    if (finished) return;
    finished = true;
    ok = ok && sendAll(fd, "0\r\n\r\n");
  };
  sink.is_writable = [&] { return ok && !finished; };
  while (ok && !finished) {
    bool more;
    try {
      more = provider(offset, sink);
    } catch (const std::exception&) {
      more = false;
    }
    if (!more) ok = false;
  }
  return ok;
}

// Closing a socket with unread input resets the connection, which can destroy the response
// still on its way (a 413 sent before the body was read): end our side, then read what the
// client still sends, briefly, before the caller closes.
void lingeringClose(int fd) {
  shutdown(fd, SHUT_WR);
  std::string sink;
  for (int i = 0; i < 16 && readMore(fd, sink, 100); ++i) sink.clear();
}

}  // namespace

bool CaseInsensitiveLess::operator()(const std::string& a, const std::string& b) const {
  std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    char x = lowerAscii(a[i]), y = lowerAscii(b[i]);
    if (x != y) return x < y;
  }
  return a.size() < b.size();
}

bool Request::has_header(const std::string& key) const { return headers.count(key) > 0; }

std::string Request::get_header_value(const std::string& key) const {
  auto it = headers.find(key);
  return it == headers.end() ? "" : it->second;
}

bool Request::has_param(const std::string& key) const { return params.count(key) > 0; }

std::string Request::get_param_value(const std::string& key) const {
  auto it = params.find(key);
  return it == params.end() ? "" : it->second;
}

void Response::set_header(const std::string& key, const std::string& value) {
  // A CR or LF would let a value add headers of its own.
  if (key.find_first_of("\r\n") != std::string::npos) return;
  if (value.find_first_of("\r\n") != std::string::npos) return;
  headers.emplace(key, value);
}

void Response::set_content(std::string content, const std::string& contentType) {
  body = std::move(content);
  headers.erase("Content-Type");
  set_header("Content-Type", contentType);
}

void Response::set_chunked_content_provider(const std::string& contentType,
                                            ContentProviderWithoutLength provider,
                                            ContentProviderResourceReleaser releaser) {
  headers.erase("Content-Type");
  set_header("Content-Type", contentType);
  body.clear();
  contentProvider = std::move(provider);
  contentReleaser = std::move(releaser);
}

struct Server::Worker {
  int fd = -1;  // -1 once closed (under Server::mu_)
  std::thread thread;
  std::atomic<bool> done{false};
};

Server::Server() = default;

Server::~Server() {
  stop();
  int fd = listenFd_.exchange(-1);
  if (fd >= 0) close(fd);  // bound but never served
}

Server& Server::Get(const std::string& pattern, Handler handler) {
  routes_.push_back({"GET", std::regex(pattern), std::move(handler)});
  return *this;
}

Server& Server::Post(const std::string& pattern, Handler handler) {
  routes_.push_back({"POST", std::regex(pattern), std::move(handler)});
  return *this;
}

void Server::set_pre_routing_handler(PreRoutingHandler handler) {
  preRouting_ = std::move(handler);
}
void Server::set_error_handler(Handler handler) { errorHandler_ = std::move(handler); }
void Server::set_logger(Logger logger) { logger_ = std::move(logger); }
void Server::set_payload_max_length(std::size_t bytes) { payloadMax_ = bytes; }

int Server::bindSocket(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string service = std::to_string(port);
  if (getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found) != 0) {
    return -1;
  }
  int fd = -1;
  for (addrinfo* a = found; a; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int yes = 1, no = 0;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (a->ai_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &no, sizeof no);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 64) == 0) break;
    close(fd);
    fd = -1;
  }
  freeaddrinfo(found);
  return fd;
}

int Server::bind_to_any_port(const std::string& host) {
  int fd = bindSocket(host, 0);
  if (fd < 0) return -1;
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    return -1;
  }
  listenFd_ = fd;
  if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
  return ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
}

bool Server::bind_to_port(const std::string& host, int port) {
  int fd = bindSocket(host, port);
  if (fd < 0) return false;
  listenFd_ = fd;
  return true;
}

bool Server::listen_after_bind() {
  int fd = listenFd_;
  if (fd < 0) return false;
  running_ = true;
  while (!stopping_) {
    int c = accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (c < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
      break;  // stop() shut the socket down
    }
    std::lock_guard<std::mutex> lock(mu_);
    // Join the threads of closed connections.
    for (auto it = workers_.begin(); it != workers_.end();) {
      if ((*it)->done) {
        (*it)->thread.join();
        it = workers_.erase(it);
      } else {
        ++it;
      }
    }
    if (workers_.size() >= kMaxConnections || stopping_) {
      close(c);
      continue;
    }
    timeval sendTimeout{kReadTimeoutMs / 1000, 0};
    setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, sizeof sendTimeout);
    // A response is written whole or in chunks we want out at once: without this, Nagle holds a
    // short write while an earlier one is unacknowledged (and the client delays its ACK).
    int one = 1;
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto w = std::make_unique<Worker>();
    w->fd = c;
    Worker* raw = w.get();
    w->thread = std::thread([this, raw] {
      serveConnection(raw->fd);
      lingeringClose(raw->fd);
      std::lock_guard<std::mutex> l(mu_);
      close(raw->fd);
      raw->fd = -1;
      raw->done = true;
    });
    workers_.push_back(std::move(w));
  }
  std::vector<std::unique_ptr<Worker>> workers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& w : workers_) {
      if (w->fd >= 0) shutdown(w->fd, SHUT_RDWR);
    }
    workers.swap(workers_);
  }
  for (auto& w : workers) w->thread.join();
  {
    std::lock_guard<std::mutex> lock(mu_);  // stop() must not shut down a reused descriptor
    fd = listenFd_.exchange(-1);
    if (fd >= 0) close(fd);
  }
  running_ = false;
  return true;
}

void Server::stop() {
  stopping_ = true;
  std::lock_guard<std::mutex> lock(mu_);
  int fd = listenFd_;
  if (fd >= 0) shutdown(fd, SHUT_RDWR);  // wakes accept()
  for (auto& w : workers_) {
    if (w->fd >= 0) shutdown(w->fd, SHUT_RDWR);
  }
}

const Server::Route* Server::findRoute(Request& req) const {
  const std::string& method = req.method == "HEAD" ? std::string("GET") : req.method;
  for (const Route& r : routes_) {
    if (r.method == method && std::regex_match(req.path, req.matches, r.pattern)) return &r;
  }
  return nullptr;
}

void Server::respond(Request& req, Response& res) {
  bool routed = false;
  try {
    if (preRouting_ && preRouting_(req, res) == HandlerResponse::Handled) {
      routed = true;
    } else if (const Route* route = findRoute(req)) {
      routed = true;
      route->handler(req, res);
    }
  } catch (const std::exception&) {
    res.status = 500;
    res.body.clear();
  }
  if (res.status == -1) res.status = routed ? 200 : 404;
  if (res.status >= 400 && errorHandler_) errorHandler_(req, res);
}

void Server::serveConnection(int fd) {
  std::string buf;
  for (int served = 0; served < kMaxRequestsPerConnection && !stopping_; ++served) {
    std::size_t headEnd;
    bool idle = buf.empty();
    while ((headEnd = buf.find("\r\n\r\n")) == std::string::npos && buf.size() <= kMaxHead) {
      if (!readMore(fd, buf, idle ? kIdleTimeoutMs : kReadTimeoutMs)) return;
      idle = false;
    }
    Request req;
    Response res;
    std::string version;
    bool keepAlive = false;
    if (headEnd == std::string::npos || headEnd > kMaxHead) {
      res.status = 431;
    } else if (!parseHead(buf.substr(0, headEnd), req, version)) {
      res.status = 400;
    } else {
      std::string connection = req.get_header_value("Connection");
      keepAlive = version == "HTTP/1.1" ? !equalsIgnoreCase(connection, "close")
                                        : equalsIgnoreCase(connection, "keep-alive");
      std::string length = req.get_header_value("Content-Length");
      if (req.has_header("Transfer-Encoding")) {
        res.status = 501;  // no client of the studio sends a chunked body
      } else if (length.find_first_not_of("0123456789") != std::string::npos ||
                 length.size() > 18) {
        res.status = 400;
      } else if (!length.empty() && std::stoull(length) > payloadMax_) {
        res.status = 413;
      } else {
        std::size_t need = length.empty() ? 0 : std::stoull(length);
        if (need > 0 && equalsIgnoreCase(req.get_header_value("Expect"), "100-continue")) {
          sendAll(fd, "HTTP/1.1 100 Continue\r\n\r\n");
        }
        std::size_t start = headEnd + 4;
        while (buf.size() - start < need) {
          if (!readMore(fd, buf, kReadTimeoutMs)) return;
        }
        req.body = buf.substr(start, need);
        buf.erase(0, start + need);
      }
    }
    if (res.status == -1) {
      respond(req, res);
    } else {
      keepAlive = false;  // the rest of the stream cannot be trusted
      if (errorHandler_) errorHandler_(req, res);
    }
    if (served + 1 >= kMaxRequestsPerConnection || stopping_) keepAlive = false;
    bool streamed = static_cast<bool>(res.contentProvider) && res.status < 400;
    std::string out = "HTTP/1.1 " + std::to_string(res.status) + " " + reason(res.status) + "\r\n";
    for (const auto& [key, value] : res.headers) {
      if (equalsIgnoreCase(key, "Content-Length") || equalsIgnoreCase(key, "Connection") ||
          equalsIgnoreCase(key, "Transfer-Encoding")) {
        continue;
      }
      out += key + ": " + value + "\r\n";
    }
    if (streamed) {
      out += "Transfer-Encoding: chunked\r\n";
    } else {
      out += "Content-Length: " + std::to_string(res.body.size()) + "\r\n";
    }
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "\r\n";
    bool head = req.method == "HEAD";
    if (!head && !streamed) out += res.body;
    bool sent = sendAll(fd, out);
    if (streamed && !head && sent) sent = streamBody(fd, res.contentProvider);
    if (res.contentReleaser) res.contentReleaser(sent);
    if (logger_) logger_(req, res);
    if (!sent || !keepAlive) return;
  }
}

}  // namespace schemac::studio::web
