// Inside the workflow only: the one body of pull and dump.
#pragma once

#include <memory>

#include "guard.h"
#include "schemac/workflow/export.h"
#include "schemac/workflow/files.h"

namespace schemac::workflow {

// Opens the database read-only, fills result.text with read(db, result) and writes it to
// options.output when that names a file.
template <class Result, class Read>
Result exportText(const ExportOptions& options, Read&& read) {
  std::unique_ptr<rt::Connection> db =
      openDatabase(options.database, /*mustExist=*/true, /*readOnly=*/true, options.log);
  Result result;
  result.database = db->displayUrl();
  runGuarded([&] { result.text = read(*db, result); });
  if (!isStandardOutput(options.output)) {
    writeFileAtomically(options.output, result.text);
    result.written = true;
  }
  return result;
}

}  // namespace schemac::workflow
