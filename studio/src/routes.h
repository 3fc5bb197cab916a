// The HTTP routes, one registration function per area (each in its own file).
#pragma once

#include "context.h"
#include "http_server.h"
#include "http_util.h"

namespace schemac::studio {

void registerRoutes(httplib::Server& http, Context& ctx);       // routes.cpp: page, assets, session
void registerDataRoutes(httplib::Server& http, Context& ctx);   // data_api.cpp
void registerWriteRoutes(httplib::Server& http, Context& ctx);  // write_api.cpp
void registerSqlRoutes(httplib::Server& http, Context& ctx);    // sql_api.cpp
void registerSchemaRoutes(httplib::Server& http, Context& ctx);    // schema_api.cpp
void registerMismatchRoutes(httplib::Server& http, Context& ctx);  // mismatch_api.cpp
void registerExportRoutes(httplib::Server& http, Context& ctx);    // export_api.cpp
void registerRelationRoutes(httplib::Server& http, Context& ctx);  // relations_api.cpp

// The bodies of GET /api/session and GET /api/tables[?all=1], also put into the page as its
// boot data (the first view needs no request). The caller holds ctx.mu.
json sessionJson(const Context& ctx);        // routes.cpp
json tableListJson(Context& ctx, bool all);  // data_api.cpp

}  // namespace schemac::studio
