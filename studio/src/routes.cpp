// The page, its assets and the session: GET /?token=..., GET /assets/NAME, GET /api/session.
#include "routes.h"

#include "assets.h"
#include "http_util.h"

namespace schemac::studio {
namespace {

const Asset* findAsset(const std::string& name) {
  for (const Asset& a : assets()) {
    if (name == a.name) return &a;
  }
  return nullptr;
}

void securityHeaders(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
                 "connect-src 'self'; frame-ancestors 'none'");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");  // the token is in the page's URL
  res.set_header("X-Content-Type-Options", "nosniff");
}

}  // namespace

void registerRoutes(httplib::Server& http, Context& ctx) {
  http.Get("/", [&ctx](const httplib::Request& req, httplib::Response& res) {
    securityHeaders(res);
    if (req.get_param_value("token") != ctx.token) {
      res.status = 401;
      res.set_content(
          "schemac studio: open the URL with the access token that `schemac studio` printed.\n",
          "text/plain; charset=utf-8");
      return;
    }
    const Asset* page = findAsset("index.html");
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::string(page->text()), page->mime);
  });
  http.Get(R"(/assets/([A-Za-z0-9_.-]+))", [](const httplib::Request& req, httplib::Response& res) {
    securityHeaders(res);
    const Asset* a = findAsset(req.matches[1]);
    if (!a) {
      sendError(res, 404, "no asset named '" + std::string(req.matches[1]) + "'");
      return;
    }
    res.set_content(std::string(a->text()), a->mime);
  });
  http.Get("/api/session", api(ctx, [&ctx](const httplib::Request&, httplib::Response& res) {
             sendJson(res, {{"csrf", ctx.csrf},
                            {"readOnly", ctx.readOnly},
                            {"database", ctx.db->displayUrl()},
                            {"version", SCHEMAC_STUDIO_VERSION}});
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
