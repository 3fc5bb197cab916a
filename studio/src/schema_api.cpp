// The live schema as an ER diagram: GET /api/diagram?format=svg|dot|mmd.
#include "http_util.h"
#include "routes.h"
#include "schemac/db/inspect.h"
#include "schemac/studio/erd.h"

namespace schemac::studio {
namespace {

void handleDiagram(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  std::string format = req.has_param("format") ? req.get_param_value("format") : "svg";
  if (format != "svg" && format != "dot" && format != "mmd") {
    throw ApiError(400, "unknown diagram format '" + format + "' (svg, dot, mmd)");
  }
  ir::Schema live = db::inspect(*ctx.db, nullptr, nullptr, ctx.ignore());
  res.set_header("Cache-Control", "no-store");
  if (format == "dot") {
    res.set_content(erdDot(live), "text/vnd.graphviz; charset=utf-8");
  } else if (format == "mmd") {
    res.set_content(erdMermaid(live), "text/plain; charset=utf-8");
  } else {
    res.set_content(erdSvg(live), "image/svg+xml");
  }
}

}  // namespace

void registerSchemaRoutes(httplib::Server& http, Context& ctx) {
  http.Get("/api/diagram",
           api(ctx, [&ctx](const auto& req, auto& res) { handleDiagram(ctx, req, res); }));
}

}  // namespace schemac::studio
