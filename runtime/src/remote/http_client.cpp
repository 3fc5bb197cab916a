#include "remote/http_client.h"

#include <stdexcept>

#include "remote/curl_api.h"

namespace schemac::rt::remote {
namespace {

std::size_t appendBody(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
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
  const CurlApi& api = curl();
  CURL* c = static_cast<CURL*>(curl_);
  api.easy_reset(c);
  HttpResponse out;
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  headers = api.slist_append(headers, "Content-Type: application/json");
  headers = api.slist_append(headers, "Accept: application/json");
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
  api.easy_setopt(c, CURLOPT_WRITEFUNCTION, appendBody);
  api.easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
  api.easy_setopt(c, CURLOPT_USERAGENT, "schemac");
  api.easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
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
