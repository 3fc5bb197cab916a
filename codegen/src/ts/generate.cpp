#include "schemac/codegen/ts.h"
#include "ts/ts_model.h"
#include "ts/ts_modules.h"

namespace schemac::codegen::ts {

TsModules generateModules(const ir::Schema& schema, const TsOptions& options) {
  TsModel model = buildModel(schema);
  return {schemaModule(schema, model, options), typesModule(schema, model, options)};
}

}  // namespace schemac::codegen::ts
