#include "remote/curl_api.h"

#include <dlfcn.h>

#include <cstdlib>
#include <string>

#include "schemac/rt/connection.h"

namespace schemac::rt::remote {
namespace {

constexpr const char* kSoname = "libcurl.so.4";

// `why` names the file (dlerror's text does).
[[noreturn]] void unavailable(const std::string& why) {
  throw DbError("remote databases need libcurl, which could not be loaded (" + why +
                    "); install the Debian package libcurl4",
                "");
}

template <typename Fn>
void resolve(void* lib, const std::string& file, const char* name, Fn& out) {
  void* sym = dlsym(lib, name);
  if (!sym) unavailable(file + ": no symbol " + name);
  out = reinterpret_cast<Fn>(sym);
}

CurlApi load() {
  const char* override = std::getenv("SCHEMAC_LIBCURL");
  std::string file = override && *override ? override : kSoname;
  // Never closed: libcurl keeps global state until the process ends.
  void* lib = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char* err = dlerror();
    unavailable(err ? err : file + ": not found");
  }
  CurlApi api{};
  resolve(lib, file, "curl_global_init", api.global_init);
  resolve(lib, file, "curl_easy_init", api.easy_init);
  resolve(lib, file, "curl_easy_cleanup", api.easy_cleanup);
  resolve(lib, file, "curl_easy_reset", api.easy_reset);
  resolve(lib, file, "curl_easy_setopt", api.easy_setopt);
  resolve(lib, file, "curl_easy_perform", api.easy_perform);
  resolve(lib, file, "curl_easy_getinfo", api.easy_getinfo);
  resolve(lib, file, "curl_easy_strerror", api.easy_strerror);
  resolve(lib, file, "curl_slist_append", api.slist_append);
  resolve(lib, file, "curl_slist_free_all", api.slist_free_all);
  if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
    unavailable(file + ": curl_global_init failed");
  return api;
}

}  // namespace

const CurlApi& curl() {
  // A function-local static: loaded by the first caller, others wait (C++ guarantees it). A
  // failed load throws and is retried by the next caller.
  static const CurlApi api = load();
  return api;
}

}  // namespace schemac::rt::remote
