#include "schemac/compile.h"

#include "base/helper_thread.h"
#include "schemac/parse.h"
#include "schemac/sema.h"
#include "schemac/support/bump_heap.h"

namespace schemac {

std::optional<ir::Schema> compileFiles(const std::vector<std::string>& paths, SourceManager& sm,
                                       DiagEngine& diags) {
  support::bump::Scope bump;
  HelperThread::Session helper;  // the second thread of a big schema's parse and checks
  std::vector<ast::Module> modules;
  std::size_t errorsBefore = diags.errorCount();
  for (const std::string& path : paths) {
    FileId id = 0;
    std::string error;
    if (!sm.addFile(path, &id, &error)) {
      diags.report({Severity::Error, std::nullopt, error, {}});
      continue;
    }
    modules.push_back(parse(sm, id, diags));
  }
  // Semantic checks need whole files: after a syntax error (or an unreadable file) the
  // missing declarations would show up as a cascade of unknown tables and columns.
  if (diags.errorCount() != errorsBefore) return std::nullopt;
  std::optional<ir::Schema> schema = sema::analyze(modules, diags);
  // The AST's memory came from bump chunks that are never reused (schemac's one-shot commands):
  // destroying it would only walk it. Its few large blocks (the declaration vectors) stay too.
  if (support::bump::routed()) new std::vector<ast::Module>(std::move(modules));
  if (diags.hadErrors()) return std::nullopt;
  return schema;
}

}  // namespace schemac
