// Process-wide malloc settings for the schemac executable (docs/performance.md).
#pragma once

namespace schemac::cli {

// Call first in main(). Lets the heap grow in one 256 MiB step of address space marked for
// transparent huge pages, and serves large strings (snapshots) from it too. Under a data or
// address-space limit below 2 GiB (ulimit -d, -v) it changes nothing.
void tuneHeap();

}  // namespace schemac::cli
