// The two generated modules (codegen/src/ts/schema_module.cpp, types_module.cpp).
#pragma once

#include <string>

#include "schemac/codegen/ts.h"
#include "ts/ts_model.h"

namespace schemac::codegen::ts {

std::string schemaModule(const ir::Schema& schema, const TsModel& model, const TsOptions& options);
std::string typesModule(const ir::Schema& schema, const TsModel& model, const TsOptions& options);

}  // namespace schemac::codegen::ts
