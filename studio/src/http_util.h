// Helpers shared by the API handlers: JSON responses, request parsing, error mapping.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "context.h"
#include "http_server.h"

namespace schemac::studio {

using nlohmann::json;

// A request the API refuses: the HTTP status and one line for the user.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

// JSON text that never throws on invalid UTF-8 in database text (replaced with U+FFFD).
std::string dumpJson(const json& j);
void sendJson(httplib::Response& res, const json& j, int status = 200);
void sendError(httplib::Response& res, int status, const std::string& message);

// The request body as a JSON object; malformed JSON or another type is a 400.
json parseBody(const httplib::Request& req);
// A required string member / query parameter; missing is a 400.
std::string requireString(const json& body, const char* key);
std::string requireParam(const httplib::Request& req, const char* key);

// The HTTP status for a database error: constraint 409, read-only 403, busy 503, else 400.
int statusForDbError(int code);

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
// Wraps an API handler: runs it under the database lock and turns every exception into a
// JSON error response with the right status.
Handler api(Context& ctx, Handler handler);

}  // namespace schemac::studio
