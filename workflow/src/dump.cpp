#include "schemac/workflow/dump.h"

#include <fstream>
#include <sstream>

#include "export_text.h"
#include "guard.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {

DumpResult dump(const ExportOptions& options) {
  return exportText<DumpResult>(options, [&](rt::Connection& db, DumpResult& result) {
    return rt::dumpDatabase(
        db, &result.stats, [&](const std::string& table) { return options.ignore.matches(table); });
  });
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
