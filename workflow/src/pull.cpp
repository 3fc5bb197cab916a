#include "schemac/workflow/pull.h"

#include "export_text.h"
#include "schemac/db/pull.h"

namespace schemac::workflow {

PullResult pull(const PullOptions& options) {
  return exportText<PullResult>(options, [&](rt::Connection& db, PullResult& result) {
    db::PullOptions pullOptions;
    pullOptions.ignore = options.ignore;
    pullOptions.lossy = options.lossy;
    db::PullResult pulled = db::pull(db, pullOptions);
    for (const db::Unrepresentable& u : pulled.lost) {
      logTo(options.log, LogLevel::Warning, "warning: " + db::describeLost(u));
    }
    result.lost = std::move(pulled.lost);
    return std::move(pulled.text);
  });
}

}  // namespace schemac::workflow
