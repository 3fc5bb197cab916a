// The HTTP routes, one registration function per area (each in its own file).
#pragma once

#include "context.h"
#include "http_server.h"

namespace schemac::studio {

void registerRoutes(httplib::Server& http, Context& ctx);       // routes.cpp: page, assets, session
void registerDataRoutes(httplib::Server& http, Context& ctx);   // data_api.cpp
void registerWriteRoutes(httplib::Server& http, Context& ctx);  // write_api.cpp
void registerSqlRoutes(httplib::Server& http, Context& ctx);    // sql_api.cpp
void registerSchemaRoutes(httplib::Server& http, Context& ctx);    // schema_api.cpp
void registerMismatchRoutes(httplib::Server& http, Context& ctx);  // mismatch_api.cpp

}  // namespace schemac::studio
