#include "schemac/workflow/pull.h"

#include "guard.h"
#include "schemac/db/pull.h"
#include "schemac/workflow/files.h"

namespace schemac::workflow {

PullResult pull(const PullOptions& options) {
  std::unique_ptr<rt::Connection> db =
      openDatabase(options.database, /*mustExist=*/true, /*readOnly=*/true, options.log);
  PullResult result;
  result.database = db->displayUrl();
  result.text = guarded([&] { return db::pullSchemaText(*db); });
  if (!isStandardOutput(options.output)) {
    writeFileAtomically(options.output, result.text);
    result.written = true;
  }
  return result;
}

}  // namespace schemac::workflow
