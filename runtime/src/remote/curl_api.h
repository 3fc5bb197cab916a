// libcurl, loaded on first use with dlopen: schemac links no TLS/HTTP stack, so a command that
// never opens a remote URL never pays libcurl's start-up (docs/building.md). Only the few
// functions the HTTP client calls, resolved once, thread-safe.
#pragma once

#include <curl/curl.h>

namespace schemac::rt::remote {

struct CurlApi {
  CURLcode (*global_init)(long flags);
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL*);
  void (*easy_reset)(CURL*);
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  const char* (*easy_strerror)(CURLcode);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
};

// The loaded table (curl_global_init already called). Throws DbError naming the Debian package
// when libcurl cannot be loaded. SCHEMAC_LIBCURL overrides the file name (a test hook).
const CurlApi& curl();

}  // namespace schemac::rt::remote
