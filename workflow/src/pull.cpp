#include "schemac/workflow/pull.h"

#include "export_text.h"
#include "schemac/db/pull.h"

namespace schemac::workflow {

ExportResult pull(const ExportOptions& options) {
  return exportText<ExportResult>(options, [&](rt::Connection& db, ExportResult&) {
    return db::pullSchemaText(db, options.ignore);
  });
}

}  // namespace schemac::workflow
