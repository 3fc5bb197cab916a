// Inside the workflow only: the exceptions of the layers below (runtime, introspection, the
// migrations directory reader) become the workflow's one Error, message unchanged.
#pragma once

#include <functional>

namespace schemac::workflow {

void runGuarded(const std::function<void()>& work);

// The same for work with a result.
template <class F>
auto guarded(F&& work) -> decltype(work()) {
  decltype(work()) result{};
  runGuarded([&] { result = work(); });
  return result;
}

}  // namespace schemac::workflow
