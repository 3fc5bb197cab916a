#include "schemac/workflow/dump.h"

#include <fstream>
#include <sstream>

#include "guard.h"
#include "schemac/workflow/error.h"
#include "schemac/workflow/files.h"

namespace schemac::workflow {

DumpResult dump(const DumpOptions& options) {
  std::unique_ptr<rt::Connection> db =
      openDatabase(options.database, /*mustExist=*/true, /*readOnly=*/true, options.log);
  DumpResult result;
  result.database = db->displayUrl();
  result.text = guarded([&] { return rt::dumpDatabase(*db, &result.stats); });
  if (!isStandardOutput(options.output)) {
    writeFileAtomically(options.output, result.text);
    result.written = true;
  }
  return result;
}

RestoreResult restore(const RestoreOptions& options) {
  std::ifstream in(options.input, std::ios::binary);
  if (!in) throw Error("cannot read '" + options.input + "'");
  std::ostringstream text;
  text << in.rdbuf();
  std::unique_ptr<rt::Connection> db =
      openDatabase(options.database, /*mustExist=*/false, /*readOnly=*/false, options.log);
  runGuarded([&] { rt::restoreDatabase(*db, text.str()); });
  return {db->displayUrl()};
}

}  // namespace schemac::workflow
