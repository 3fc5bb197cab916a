#include "auth.h"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "http_util.h"

namespace schemac::studio {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Compares without an early exit, so timing does not reveal a token's prefix.
bool sameSecret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

bool isIpLiteral(const std::string& host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') return true;  // IPv6
  return !host.empty() && std::all_of(host.begin(), host.end(),
                                      [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

std::string hostPart(const std::string& bound) {
  return bound.find(':') != std::string::npos ? "[" + bound + "]" : bound;  // IPv6 literal
}

}  // namespace

bool isLoopbackHost(const std::string& host) {
  std::string h = lower(host);
  return h == "localhost" || h == "::1" || h == "[::1]" || h.rfind("127.", 0) == 0;
}

std::string randomToken() {
  std::ifstream in("/dev/urandom", std::ios::binary);
  unsigned char bytes[32];
  if (!in.read(reinterpret_cast<char*>(bytes), sizeof bytes)) {
    throw std::runtime_error("cannot read /dev/urandom for the access token");
  }
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

bool hostAllowed(const Context& ctx, const std::string& hostHeader) {
  std::string h = lower(hostHeader);
  std::string suffix = ":" + std::to_string(ctx.port);
  if (h.size() <= suffix.size() || h.compare(h.size() - suffix.size(), suffix.size(), suffix)) {
    return false;
  }
  std::string name = h.substr(0, h.size() - suffix.size());
  std::string bound = lower(ctx.host);
  if (name == hostPart(bound)) return true;
  if (isLoopbackHost(bound)) return name == "localhost" || name == "127.0.0.1" || name == "[::1]";
  if (bound == "0.0.0.0" || bound == "::") return isIpLiteral(name) || name == "localhost";
  return false;
}

bool refuseRequest(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
  std::string host = req.get_header_value("Host");
  if (!hostAllowed(ctx, host)) {
    sendError(res, 403,
              "forbidden Host header '" + host + "': studio answers only to " + hostPart(ctx.host) +
                  ":" + std::to_string(ctx.port));
    return true;
  }
  // A browser always sends Origin on cross-origin requests; a page elsewhere is refused.
  if (req.has_header("Origin") && req.get_header_value("Origin") != "http://" + host) {
    sendError(res, 403, "forbidden Origin '" + req.get_header_value("Origin") + "'");
    return true;
  }
  if (req.path.rfind("/api/", 0) != 0) return false;  // the page and its assets
  std::string token = req.get_header_value("X-Studio-Token");
  if (token.empty()) {
    std::string auth = req.get_header_value("Authorization");
    if (auth.rfind("Bearer ", 0) == 0) token = auth.substr(7);
  }
  if (token.empty()) {
    sendError(res, 401, "missing access token (X-Studio-Token header); use the URL studio printed");
    return true;
  }
  if (!sameSecret(token, ctx.token)) {
    sendError(res, 401, "wrong access token; use the URL studio printed at start");
    return true;
  }
  if (req.method != "GET" && req.method != "HEAD") {
    if (!sameSecret(req.get_header_value("X-Studio-CSRF"), ctx.csrf)) {
      sendError(res, 403, "missing or wrong X-Studio-CSRF header (from GET /api/session)");
      return true;
    }
  }
  return false;
}

}  // namespace schemac::studio
