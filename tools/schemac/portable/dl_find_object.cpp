// Linked into schemac only when it is built against the glibc 2.31 sysroot
// (SCHEMAC_GLIBC_SYSROOT, docs/building.md "Which glibc"). The static unwinder of GCC 12
// (libgcc_eh.a, built on glibc 2.36) finds a frame's unwind tables with glibc 2.35's
// `_dl_find_object` and has no fallback: without this definition no C++ exception could be
// thrown. It does what the unwinder did before glibc 2.35: walk the loaded objects with
// dl_iterate_phdr (glibc 2.2.4) and hand back the PT_GNU_EH_FRAME segment of the object whose
// PT_LOAD segment holds the address. Same contract as glibc's (0 = found, -1 = not found).
#include <elf.h>
#include <link.h>

#include <cstdint>

#ifndef DLFO_EH_SEGMENT_TYPE
// glibc 2.35's struct dl_find_object on x86-64 (<bits/dl_find_object.h>: no eh_dbase, no
// eh_count), for headers older than 2.35. Newer headers declare it and the function.
struct dl_find_object {
  unsigned long long dlfo_flags;
  void* dlfo_map_start;
  void* dlfo_map_end;
  struct link_map* dlfo_link_map;
  void* dlfo_eh_frame;
  unsigned long long __dlfo_reserved[7];
};
#endif
static_assert(sizeof(dl_find_object) == 96, "layout of glibc 2.35's struct dl_find_object");

namespace {

struct Search {
  std::uintptr_t pc;
  dl_find_object* out;
};

int visit(dl_phdr_info* info, size_t, void* data) {
  auto* search = static_cast<Search*>(data);
  bool holds = false;
  std::uintptr_t lo = UINTPTR_MAX, hi = 0, eh_frame = 0;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    std::uintptr_t start = info->dlpi_addr + ph.p_vaddr;
    if (ph.p_type == PT_LOAD) {
      std::uintptr_t end = start + ph.p_memsz;
      holds = holds || (search->pc >= start && search->pc < end);
      lo = start < lo ? start : lo;
      hi = end > hi ? end : hi;
    } else if (ph.p_type == PT_GNU_EH_FRAME) {
      eh_frame = start;
    }
  }
  if (!holds) return 0;
  *search->out = dl_find_object{};
  search->out->dlfo_map_start = reinterpret_cast<void*>(lo);
  search->out->dlfo_map_end = reinterpret_cast<void*>(hi);
  search->out->dlfo_eh_frame = reinterpret_cast<void*>(eh_frame);
  return 1;
}

}  // namespace

extern "C" int _dl_find_object(void* pc, dl_find_object* result) noexcept {
  Search search{reinterpret_cast<std::uintptr_t>(pc), result};
  return dl_iterate_phdr(visit, &search) ? 0 : -1;
}
