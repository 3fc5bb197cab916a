#include "http_util.h"

#include "schemac/db/inspect.h"
#include "schemac/studio/erd.h"
#include "schemac/workflow/error.h"

namespace schemac::studio {

std::string dumpJson(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void sendJson(httplib::Response& res, const json& j, int status) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(dumpJson(j), "application/json; charset=utf-8");
}

void sendError(httplib::Response& res, int status, const std::string& message, const json& extra) {
  json body = extra.is_object() ? extra : json::object();
  body["error"] = message;
  sendJson(res, body, status);
}

json parseBody(const httplib::Request& req) {
  json body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) throw ApiError(400, "malformed JSON in the request body");
  if (!body.is_object()) throw ApiError(400, "the request body must be a JSON object");
  return body;
}

std::string requireString(const json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_string()) {
    throw ApiError(400, std::string("missing string field '") + key + "'");
  }
  return it->get<std::string>();
}

std::string requireParam(const httplib::Request& req, const char* key) {
  if (!req.has_param(key)) throw ApiError(400, std::string("missing parameter '") + key + "'");
  return req.get_param_value(key);
}

int statusForDbError(int code) {
  switch (code & 0xff) {
    case 19:
      return 409;  // SQLITE_CONSTRAINT
    case 8:
      return 403;  // SQLITE_READONLY
    case 23:
      return 403;  // SQLITE_AUTH: the authorizer refused (a protected table)
    case 5:
    case 6:
      return 503;  // SQLITE_BUSY, SQLITE_LOCKED
    case 20:
      return 400;  // SQLITE_MISMATCH (e.g. a text rowid)
    default:
      return 400;
  }
}

Handler api(Context& ctx, Handler handler) {
  return [&ctx, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(ctx.mu);
    ctx.denied.clear();
    try {
      handler(req, res);
    } catch (const ApiError& e) {
      sendError(res, e.status(), e.what(), e.extra());
    } catch (const rt::DbError& e) {
      // The authorizer's own reason beats SQLite's bare "not authorized".
      if (!ctx.denied.empty()) {
        sendError(res, 403, ctx.denied);
      } else {
        sendError(res, statusForDbError(e.code()), e.dbMessage());
      }
    } catch (const db::InspectError& e) {
      sendError(res, 422, e.what());
    } catch (const workflow::Error& e) {  // e.g. a live schema that drift cannot read
      sendError(res, 422, e.what());
    } catch (const ErdError& e) {
      sendError(res, 500, e.what());
    } catch (const std::exception& e) {
      sendError(res, 500, std::string("internal error: ") + e.what());
    }
  };
}

}  // namespace schemac::studio
