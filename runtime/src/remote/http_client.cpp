#include "remote/http_client.h"

#include <cstdio>
#include <stdexcept>

#include "remote/curl_api.h"

namespace schemac::rt::remote {
namespace {

struct BodySink {
  std::string* body;
  std::size_t max;
  bool tooLarge = false;
};

// Stops the transfer (libcurl: CURLE_WRITE_ERROR) once the answer would exceed the limit.
std::size_t appendBody(char* data, std::size_t size, std::size_t n, void* out) {
  auto* sink = static_cast<BodySink*>(out);
  if (sink->body->size() + size * n > sink->max) {
    sink->tooLarge = true;
    return 0;
  }
  sink->body->append(data, size * n);
  return size * n;
}

HttpFailure classify(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return HttpFailure::Dns;
    case CURLE_COULDNT_CONNECT:
      return HttpFailure::Refused;
    case CURLE_OPERATION_TIMEDOUT:
      return HttpFailure::Timeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_USE_SSL_FAILED:
      return HttpFailure::Tls;
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      return HttpFailure::Dropped;
    default:
      return HttpFailure::Other;
  }
}

int abortWhenCancelled(void* cancel, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::atomic<bool>*>(cancel)->load() ? 1 : 0;
}

}  // namespace

std::string headerValueProblem(std::string_view value) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      const char* name = c == '\r' ? " (CR)" : c == '\n' ? " (LF)" : c == 0 ? " (NUL)" : "";
      return std::string("control character ") + hex + name + " at byte " + std::to_string(i + 1) +
             " of " + std::to_string(value.size());
    }
  }
  return {};
}

HttpClient::HttpClient(HttpTimeouts timeouts) : timeouts_(timeouts) {
  curl_ = curl().easy_init();
  if (!curl_) throw std::runtime_error("libcurl could not be initialised");
}

HttpClient::~HttpClient() { curl().easy_cleanup(static_cast<CURL*>(curl_)); }

HttpResponse HttpClient::post(const std::string& url, const std::string& body,
                              const std::string& bearer) {
  return perform(url, &body, bearer);
}

HttpResponse HttpClient::get(const std::string& url, const std::string& bearer) {
  return perform(url, nullptr, bearer);
}

HttpResponse HttpClient::perform(const std::string& url, const std::string* body,
                                 const std::string& bearer) {
  HttpResponse out;
  // A CR/LF in the token would add headers of the server's choosing: refuse before sending.
  if (std::string problem = headerValueProblem(bearer); !problem.empty()) {
    out.failure = HttpFailure::BadHeader;
    out.failureDetail = "the auth token contains a " + problem;
    return out;
  }
  const CurlApi& api = curl();
  CURL* c = static_cast<CURL*>(curl_);
  api.easy_reset(c);
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  headers = api.slist_append(headers, "Content-Type: application/json");
  headers = api.slist_append(headers, "Accept: application/json");
  // No gzip/br/zstd: nothing to decompress, so no decompression bomb and no codec's bugs.
  headers = api.slist_append(headers, "Accept-Encoding: identity");
  // Keeps the token out of libcurl's own messages: it only ever sits in this header.
  std::string auth;
  if (!bearer.empty()) {
    auth = "Authorization: Bearer " + bearer;
    headers = api.slist_append(headers, auth.c_str());
  }
  api.easy_setopt(c, CURLOPT_URL, url.c_str());
  api.easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  api.easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  api.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  api.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeouts_.connectMs));
  api.easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeouts_.totalMs));
  BodySink sink{&out.body, timeouts_.maxResponseBytes};
  api.easy_setopt(c, CURLOPT_WRITEFUNCTION, appendBody);
  api.easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  // An announced Content-Length over the limit is refused before any byte of the body.
  api.easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
                  static_cast<curl_off_t>(timeouts_.maxResponseBytes));
  api.easy_setopt(c, CURLOPT_USERAGENT, "schemac");
  if (timeouts_.cancel) {
    api.easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    api.easy_setopt(c, CURLOPT_XFERINFOFUNCTION, abortWhenCancelled);
    api.easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(timeouts_.cancel));
  }
  if (body) {
    api.easy_setopt(c, CURLOPT_POST, 1L);
    api.easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
    api.easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  }
  CURLcode rc = api.easy_perform(c);
  api.slist_free_all(headers);
  // Wipe the copy of the token that lived in this frame.
  std::fill(auth.begin(), auth.end(), '\0');
  long connectCode = 0;
  api.easy_getinfo(c, CURLINFO_HTTP_CONNECTCODE, &connectCode);
  double connectTime = 0;
  api.easy_getinfo(c, CURLINFO_CONNECT_TIME, &connectTime);
  if (rc != CURLE_OK && (sink.tooLarge || rc == CURLE_FILESIZE_EXCEEDED)) {
    out.body.clear();
    out.body.shrink_to_fit();
    out.failure = HttpFailure::TooLarge;
    out.requestSent = true;
    std::size_t max = timeouts_.maxResponseBytes;
    out.failureDetail =
        "the answer is larger than " + (max % (1u << 20) == 0 ? std::to_string(max >> 20) + " MiB"
                                                              : std::to_string(max) + " bytes");
    return out;
  }
  if (rc != CURLE_OK) {
    out.failure = classify(rc);
    // A timeout before the connection was made is a connect timeout; nothing was sent.
    if (out.failure == HttpFailure::Timeout && connectTime <= 0.0) {
      out.failure = HttpFailure::ConnectTimeout;
    }
    out.requestSent = out.failure != HttpFailure::Dns && out.failure != HttpFailure::Refused &&
                      out.failure != HttpFailure::ConnectTimeout;
    out.failureDetail = errbuf[0] ? errbuf : api.easy_strerror(rc);
    return out;
  }
  out.requestSent = true;
  api.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
  return out;
}

}  // namespace schemac::rt::remote
