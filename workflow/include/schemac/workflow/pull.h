// `pull`: a formatted .schema file from a live database (db::pullSchemaText).
#pragma once

#include "schemac/workflow/export.h"

namespace schemac::workflow {

ExportResult pull(const ExportOptions& options);

}  // namespace schemac::workflow
