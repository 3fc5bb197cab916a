// Who may talk to the studio: the Host check (DNS rebinding), the Origin check, the access
// token on every /api/ call and the CSRF token on every write.
#pragma once

#include <string>

#include "context.h"
#include "http_server.h"

namespace schemac::studio {

// 32 random bytes from /dev/urandom as 64 hex digits.
std::string randomToken();

// True when `hostHeader` ("127.0.0.1:4983", "localhost:4983", ...) names the address the
// server is bound to. A server bound to every address (0.0.0.0, ::) accepts IP literals only:
// a DNS-rebinding page always arrives with a host *name*.
bool hostAllowed(const Context& ctx, const std::string& hostHeader);

// Runs before routing: answers 403 / 401 itself and returns true when the request is refused.
bool refuseRequest(const Context& ctx, const httplib::Request& req, httplib::Response& res);

}  // namespace schemac::studio
