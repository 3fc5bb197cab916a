// Linked into schemac only when it is built against the glibc 2.31 sysroot
// (SCHEMAC_GLIBC_SYSROOT, docs/building.md "Which glibc"). GCC 12's libstdc++ (its static
// archive and its headers) reads glibc 2.32's `__libc_single_threaded` to skip atomic reference
// counting while a process has one thread. glibc 2.31 has no such variable; this definition
// says "not known to be single-threaded", so libstdc++ always takes the atomic path: always
// correct, and only a few nanoseconds per shared_ptr copy or locale reference.
extern "C" {
char __libc_single_threaded = 0;
}
