// The page, its assets and the session: GET /?token=..., GET /assets/NAME, GET /api/session.
#include "routes.h"

#include <map>

#include "assets.h"
#include "http_util.h"
#include "page.h"
#include "schemac/support/sha256.h"

namespace schemac::studio {
namespace {

// For everything but the page (which allows its own inline blocks by hash, page.cpp).
constexpr const char* kCsp =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

void securityHeaders(httplib::Response& res, const std::string& csp = kCsp) {
  res.set_header("Content-Security-Policy", csp);
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");  // the token is in the page's URL
  res.set_header("X-Content-Type-Options", "nosniff");
}

// A strong validator per embedded file: they change only with the binary.
const std::string& etag(const Asset& a) {
  static std::mutex mu;
  static std::map<const Asset*, std::string> tags;
  std::lock_guard<std::mutex> lock(mu);
  std::string& tag = tags[&a];
  if (tag.empty()) tag = "\"" + support::sha256Hex(a.text()).substr(0, 32) + "\"";
  return tag;
}

// The page with the first view's data in it: the session (CSRF token, database) and the
// table list, so the landing draws without an API round trip. The page needs the access
// token, so nothing here is exposed that /api/session would not give the same caller.
void servePage(Context& ctx, httplib::Response& res) {
  json boot = json::object();
  {
    std::lock_guard<std::mutex> lock(ctx.mu);
    ctx.denied.clear();
    boot["session"] = sessionJson(ctx);
    try {
      boot["tables"] = tableListJson(ctx, false);
    } catch (const std::exception&) {
      // Left out: the page asks /api/tables and shows that call's error.
    }
  }
  const Page& p = page();
  securityHeaders(res, p.csp);
  res.set_header("Cache-Control", "no-store");  // it holds the CSRF token and live counts
  res.set_content(p.head + bootBlock(dumpJson(boot)) + p.tail, "text/html; charset=utf-8");
}

}  // namespace

json sessionJson(const Context& ctx) {
  return {{"csrf", ctx.csrf},
          {"readOnly", ctx.readOnly},
          {"database", ctx.db->displayUrl()},
          {"version", SCHEMAC_STUDIO_VERSION}};
}

void registerRoutes(httplib::Server& http, Context& ctx) {
  http.Get("/", [&ctx](const httplib::Request& req, httplib::Response& res) {
    if (req.get_param_value("token") != ctx.token) {
      securityHeaders(res);
      res.status = 401;
      res.set_content(
          "schemac studio: open the URL with the access token that `schemac studio` printed.\n",
          "text/plain; charset=utf-8");
      return;
    }
    servePage(ctx, res);
  });
  // The page inlines these; they stay served (one file each) for tools and debugging.
  http.Get(R"(/assets/([A-Za-z0-9_.-]+))", [](const httplib::Request& req, httplib::Response& res) {
    securityHeaders(res);
    const Asset* a = findAsset(std::string(req.matches[1]));
    if (!a) {
      sendError(res, 404, "no asset named '" + std::string(req.matches[1]) + "'");
      return;
    }
    const std::string& tag = etag(*a);
    res.set_header("ETag", tag);
    res.set_header("Cache-Control", "no-cache");  // revalidate: a new binary may serve new files
    if (req.get_header_value("If-None-Match") == tag) {
      res.status = 304;
      return;
    }
    res.set_content(std::string(a->text()), a->mime);
  });
  http.Get("/api/session", api(ctx, [&ctx](const httplib::Request&, httplib::Response& res) {
             sendJson(res, sessionJson(ctx));
           }));
  registerDataRoutes(http, ctx);
  registerWriteRoutes(http, ctx);
  registerSqlRoutes(http, ctx);
  registerSchemaRoutes(http, ctx);
  registerMismatchRoutes(http, ctx);
  registerExportRoutes(http, ctx);
  registerRelationRoutes(http, ctx);
  // Anything else under /api/ is a JSON 404 (httplib's default is an empty body).
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      sendError(res, res.status, res.status == 404 ? "no such endpoint" : "request refused");
    }
  });
}

}  // namespace schemac::studio
