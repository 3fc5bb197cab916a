// The per-table part of a pass on two threads, for a big schema (base/helper_thread.h).
#pragma once

#include <cstddef>
#include <utility>

#include "base/helper_thread.h"
#include "sema/context.h"

namespace schemac::sema {

// Runs `fn(TableInfo&)` for every table. With many tables the second half runs on a helper
// thread while this one does the first, and the helper's diagnostics are reported after the
// first half's: the order one thread would report them in. `fn` may read what earlier passes
// recorded anywhere, and write only to the table it is given.
template <class F>
void forEachTable(Context& ctx, F&& fn) {
  std::vector<TableInfo>& tables = ctx.tables;
  if (!useHelperFor(tables.size())) {
    for (TableInfo& t : tables) fn(t);
    return;
  }
  const std::size_t half = tables.size() / 2;
  DiagEngine second(ctx.diags().sources());
  {
    HelperThread helper([&] {
      struct Redirect {
        explicit Redirect(DiagEngine* d) { tHelperDiags = d; }
        ~Redirect() { tHelperDiags = nullptr; }
      } redirect(&second);
      for (std::size_t i = half; i < tables.size(); ++i) fn(tables[i]);
    });
    for (std::size_t i = 0; i < half; ++i) fn(tables[i]);
    helper.join();
  }
  ctx.diags().append(std::move(second));
}

}  // namespace schemac::sema
