// rt::RemoteConnection: Hrana over HTTP. Every failure becomes one DbError line that names the
// database (credentials removed) and says what to do; the token only ever goes into the
// Authorization header.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "remote/hrana_json.h"
#include "remote/http_client.h"
#include "remote/remote_statement.h"
#include "schemac/rt/dump.h"
#include "schemac/rt/remote.h"
#include "schemac/rt/sql_script.h"
#include "schemac/support/atomic_file.h"
#include "schemac/support/redact.h"
#include "sql_text.h"
#include "utc_stamp.h"

namespace schemac::rt {
namespace {

using nlohmann::json;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The first keyword of a statement, after whitespace and comments, in upper case.
std::string firstKeyword(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size()) {
    if (std::isspace(static_cast<unsigned char>(sql[i]))) {
      ++i;
    } else if (detail::skipComment(sql, &i)) {
    } else {
      break;
    }
  }
  std::string word;
  while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i]))) {
    word.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++]))));
  }
  return word;
}

// Safe to send twice: a retry after a lost answer cannot change the database.
bool isRead(std::string_view sql) {
  std::string kw = firstKeyword(sql);
  if (kw == "SELECT" || kw == "EXPLAIN" || kw == "VALUES") return true;
  if (kw == "PRAGMA") {
    std::string l = lower(sql);
    return l.find('=') == std::string::npos && l.find("optimize") == std::string::npos &&
           l.find("incremental_vacuum") == std::string::npos &&
           l.find("wal_checkpoint") == std::string::npos;
  }
  return false;
}

std::string firstLine(const std::string& s, std::size_t max = 200) {
  std::string out = s.substr(0, s.find('\n'));
  while (!out.empty() && (out.back() == '\r' || out.back() == ' ')) out.pop_back();
  if (out.size() > max) out = out.substr(0, max - 3) + "...";
  return out;
}

// The server's message for an HTTP error: a JSON {"error": ...} or {"message": ...}, else the
// first line of the body.
std::string serverMessage(const std::string& body) {
  try {
    json j = json::parse(body);
    if (j.is_object()) {
      for (const char* key : {"error", "message"}) {
        if (j.contains(key)) {
          const json& e = j[key];
          if (e.is_string()) return firstLine(e.get<std::string>());
          if (e.is_object() && e.contains("message") && e["message"].is_string()) {
            return firstLine(e["message"].get<std::string>());
          }
        }
      }
    }
  } catch (const json::exception&) {
  }
  return firstLine(body);
}

// scheme://host:port of an absolute http(s) URL, lower case, the default port spelled out;
// empty when `url` is not one.
std::string origin(const std::string& url) {
  std::size_t sep = url.find("://");
  if (sep == std::string::npos) return {};
  std::string scheme = lower(url.substr(0, sep));
  if (scheme != "http" && scheme != "https") return {};
  std::string authority = url.substr(sep + 3, url.find_first_of("/?#", sep + 3) - sep - 3);
  if (std::size_t at = authority.rfind('@'); at != std::string::npos) {
    authority = authority.substr(at + 1);
  }
  authority = lower(authority);
  if (authority.empty()) return {};
  std::size_t colon = authority.rfind(':');
  if (colon == std::string::npos || authority.find(']', colon) != std::string::npos) {
    authority += scheme == "https" ? ":443" : ":80";
  }
  return scheme + "://" + authority;
}

// The largest answer to read: $SCHEMAC_MAX_RESPONSE_MB, else 64 MiB. From the environment, so
// that every command and every generated program honours it without a flag of its own.
std::size_t maxResponseBytes() {
  const char* env = std::getenv("SCHEMAC_MAX_RESPONSE_MB");
  if (!env || !*env) return remote::kDefaultMaxResponseBytes;
  char* end = nullptr;
  unsigned long long mb = std::strtoull(env, &end, 10);
  if (*end || mb == 0 || mb > (1ull << 20) || env[0] == '-') {
    throw DbError("SCHEMAC_MAX_RESPONSE_MB must be a whole number of MiB from 1 to 1048576, not '" +
                      support::forDisplay(env, 40) + "'",
                  "");
  }
  return static_cast<std::size_t>(mb) << 20;
}

std::string errorMessage(const json& err) {
  if (err.is_object() && err.contains("message") && err["message"].is_string()) {
    return err["message"].get<std::string>();
  }
  return err.dump();
}

}  // namespace

std::unique_ptr<RemoteConnection> RemoteConnection::open(const DatabaseUrl& url,
                                                         const OpenOptions& options) {
  // libsql://host[:port][/path][?query] -> https://host[:port]; ws(s):// likewise.
  const std::string& u = url.original;
  std::size_t sep = u.find("://");
  std::string scheme = lower(u.substr(0, sep));
  std::string rest = u.substr(sep + 3);
  std::size_t end = rest.find_first_of("/?#");
  std::string authority = rest.substr(0, end);
  std::string query;
  if (std::size_t q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1, rest.find('#', q) - q - 1);
  }
  if (std::size_t at = authority.rfind('@'); at != std::string::npos) {
    authority = authority.substr(at + 1);
  }
  if (authority.empty()) {
    throw DbError(
        "database URL '" + url.display + "' has no host (expected e.g. libsql://db-org.turso.io)",
        "");
  }
  std::string token = options.authToken;
  bool tls = scheme == "libsql" || scheme == "https" || scheme == "wss";
  // Query parameters the libSQL clients accept: authToken=..., tls=0 (libsql:// over plain HTTP).
  std::size_t pos = 0;
  while (pos <= query.size() && !query.empty()) {
    std::size_t amp = query.find('&', pos);
    std::string part = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    std::size_t eq = part.find('=');
    std::string key = lower(part.substr(0, eq));
    std::string value = eq == std::string::npos ? "" : part.substr(eq + 1);
    if ((key == "authtoken" || key == "auth_token") && token.empty()) token = value;
    if (key == "tls" && scheme == "libsql") tls = !(value == "0" || lower(value) == "false");
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  std::string path = end == std::string::npos ? "" : rest.substr(end);
  path = path.substr(0, path.find_first_of("?#"));
  while (!path.empty() && path.back() == '/') path.pop_back();
  // Refused before any request: a CR/LF in the Authorization header would let the token's
  // source (a file, a CI variable) add headers of its own.
  if (std::string problem = remote::headerValueProblem(token); !problem.empty()) {
    throw DbError("remote database " + url.display + ": the auth token contains a " + problem +
                      " (check DATABASE_AUTH_TOKEN, --auth-token or the token file for a "
                      "stray line break)",
                  "");
  }
  std::string base = std::string(tls ? "https://" : "http://") + authority + path;
  std::string host = support::shortenMiddle(authority, 100);
  std::unique_ptr<RemoteConnection> conn(
      new RemoteConnection(base, host, url.display, token, options));
  conn->url_ = url;
  conn->options_ = options;
  conn->options_.authToken.clear();
  return conn;
}

std::unique_ptr<Connection> RemoteConnection::openAnother(
    const std::function<void(OpenOptions&)>& adjust) const {
  OpenOptions options = options_;
  if (adjust) adjust(options);
  options.authToken = token_;  // the one in use, whether from the options or the URL
  auto conn = open(url_, options);
  std::fill(options.authToken.begin(), options.authToken.end(), '\0');
  return conn;
}

RemoteConnection::RemoteConnection(std::string baseUrl, std::string host, std::string display,
                                   std::string token, const OpenOptions& options)
    : http_(std::make_unique<remote::HttpClient>(remote::HttpTimeouts{
          options.connectTimeoutMs, options.requestTimeoutMs, maxResponseBytes(), options.cancel})),
      baseUrl_(std::move(baseUrl)),
      host_(std::move(host)),
      display_(std::move(display)),
      token_(std::move(token)),
      retries_(options.readRetries),
      foreignKeys_(options.foreignKeys),
      httpLog_(options.httpLog) {}

RemoteConnection::~RemoteConnection() {
  if (!baton_) return;
  // Close the server-side stream; a failure only means the server will expire it.
  json body{{"baton", *baton_}, {"requests", json::array({json{{"type", "close"}}})}};
  try {
    http_->post(endpoint(), body.dump(), token_);
  } catch (...) {
  }
  std::fill(token_.begin(), token_.end(), '\0');
}

std::string RemoteConnection::endpoint() const {
  const std::string& base = streamBaseUrl_.empty() ? baseUrl_ : streamBaseUrl_;
  return base + (version_ == 3 ? "/v3/pipeline" : "/v2/pipeline");
}

void RemoteConnection::fail(const std::string& what, const std::string& problem,
                            const std::string& advice, const std::string& sql) const {
  std::string message = "remote database " + display_ + ": " + problem;
  if (!what.empty()) message += " while " + what;
  if (!advice.empty()) message += " (" + advice + ")";
  // Belt and braces: whatever a server echoes, the token never reaches a message.
  if (token_.size() >= 4) {
    for (std::size_t p; (p = message.find(token_)) != std::string::npos;) {
      message.replace(p, token_.size(), "***");
    }
  }
  throw DbError(message, sql);
}

std::vector<json> RemoteConnection::pipeline(json requests, bool readOnly, const std::string& what,
                                             const std::string& sql) {
  // Each request without a live stream starts a new server connection: turn foreign key
  // enforcement on first, as a local connection does.
  std::size_t prefix = 0;
  if (foreignKeys_ && !baton_) {
    requests.insert(requests.begin(),
                    json{{"type", "execute"}, {"stmt", {{"sql", "PRAGMA foreign_keys=ON"}}}});
    prefix = 1;
  }
  std::string failure;
  for (int attempt = 0;; ++attempt) {
    json body{{"baton", baton_ ? json(*baton_) : json(nullptr)}, {"requests", requests}};
    std::string text = body.dump(-1, ' ', false, json::error_handler_t::strict);
    ++requests_;
    auto sent = std::chrono::steady_clock::now();
    remote::HttpResponse r = http_->post(endpoint(), text, token_);
    if (httpLog_) {
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - sent)
                    .count();
      std::string path = endpoint().substr(endpoint().rfind("/v"));
      httpLog_("  HTTP POST " + path + " (" + std::to_string(text.size()) + " bytes) -> " +
               (r.failure == remote::HttpFailure::None ? std::to_string(r.status)
                                                       : std::string("failed")) +
               " in " + std::to_string(ms) + " ms");
    }
    bool retryable = false;
    std::string problem, advice;
    if (r.failure != remote::HttpFailure::None) {
      // libcurl's message may name the host or URL: kept short and without credentials.
      r.failureDetail = support::forDisplay(r.failureDetail);
      baton_.reset();  // the stream is gone with the connection
      streamBaseUrl_.clear();
      switch (r.failure) {
        case remote::HttpFailure::Dns:
          problem = "cannot resolve host " + host_;
          advice = "check the host name in DATABASE_URL";
          break;
        case remote::HttpFailure::Refused:
          problem = "connection refused by " + host_;
          advice = "is the server running and the port right?";
          retryable = true;
          break;
        case remote::HttpFailure::ConnectTimeout:
          problem = "timed out connecting to " + host_;
          advice = "check the network or raise --connect-timeout";
          retryable = true;
          break;
        case remote::HttpFailure::Timeout:
          problem = "no complete answer from " + host_ + " within the request timeout";
          advice = readOnly ? "raise --timeout or retry later"
                            : "the write may or may not have been applied; run `schemac status`";
          retryable = true;
          break;
        case remote::HttpFailure::Tls:
          problem = "TLS error with " + host_ + ": " + r.failureDetail;
          advice =
              "check the certificate and the system CA store, or use http:// for a local "
              "server";
          break;
        case remote::HttpFailure::TooLarge:
          problem = "the answer from " + host_ + " is too large (" + r.failureDetail + ")";
          advice = std::string(readOnly ? "" : "the write may or may not have been applied; ") +
                   "select fewer rows, or raise SCHEMAC_MAX_RESPONSE_MB";
          break;
        case remote::HttpFailure::BadHeader:
          problem = r.failureDetail;
          advice = "nothing was sent; check DATABASE_AUTH_TOKEN, --auth-token or the token file";
          break;
        case remote::HttpFailure::Dropped:
          problem = "the connection to " + host_ + " was dropped mid-response";
          advice = readOnly ? "retry later"
                            : "the write may or may not have been applied; run `schemac status`";
          retryable = true;
          break;
        default:
          problem = "HTTP request to " + host_ + " failed: " + r.failureDetail;
          retryable = true;
          break;
      }
    } else if (r.status == 404 && version_ == 3) {
      version_ = 2;  // the server speaks Hrana 2 only; nothing ran, resend
      --attempt;
      continue;
    } else if (r.status == 401 || r.status == 403) {
      problem = "the server refused the auth token (HTTP " + std::to_string(r.status) + ": " +
                serverMessage(r.body) + ")";
      advice = token_.empty() ? "set DATABASE_AUTH_TOKEN or pass --auth-token"
                              : "check DATABASE_AUTH_TOKEN / --auth-token: it is invalid, "
                                "expired or lacks write access";
    } else if (r.status == 404) {
      problem = "no libSQL endpoint at " + support::forDisplay(endpoint()) + " (HTTP 404)";
      advice = "check the URL in DATABASE_URL";
    } else if (r.status >= 500) {
      problem = "server error from " + host_ + " (HTTP " + std::to_string(r.status) + ": " +
                serverMessage(r.body) + ")";
      advice = "retry later";
      retryable = r.status == 502 || r.status == 503 || r.status == 504;
      baton_.reset();
    } else if (r.status != 200) {
      problem = "unexpected HTTP " + std::to_string(r.status) + " from " + host_ + ": " +
                serverMessage(r.body);
    } else {
      json parsed;
      try {
        parsed = json::parse(r.body);
      } catch (const json::exception&) {
        baton_.reset();
        fail(what, "malformed or truncated JSON response from " + host_,
             readOnly ? "retry; if it persists the server is not a libSQL server"
                      : "the write may or may not have been applied; run `schemac status`",
             sql);
      }
      if (!parsed.is_object() || !parsed.contains("results") || !parsed["results"].is_array() ||
          parsed["results"].size() != requests.size()) {
        baton_.reset();
        fail(what, "unexpected response from " + host_ + " (not a Hrana pipeline response)",
             "is the URL a libSQL server?", sql);
      }
      if (parsed.contains("baton") && parsed["baton"].is_string()) {
        baton_ = parsed["baton"].get<std::string>();
        batons_ = 1;
      } else {
        baton_.reset();
        batons_ = 0;
      }
      if (parsed.contains("base_url") && parsed["base_url"].is_string() && baton_) {
        std::string next = parsed["base_url"].get<std::string>();
        if (next.rfind('/', 0) == 0 && next.rfind("//", 0) != 0) next = origin(baseUrl_) + next;
        // The token goes only to the host the user named: a server (or whatever sits in
        // front of it) cannot redirect the stream, and the token with it, elsewhere.
        if (origin(next) != origin(baseUrl_)) {
          baton_.reset();
          streamBaseUrl_.clear();
          fail(what,
               "the server asked to continue on another host (base_url " +
                   support::forDisplay(next, 120) + "); refused, nothing was sent there",
               readOnly ? "" : "this request itself was answered by " + host_, sql);
        }
        streamBaseUrl_ = next;
        while (!streamBaseUrl_.empty() && streamBaseUrl_.back() == '/') streamBaseUrl_.pop_back();
      } else if (!baton_) {
        streamBaseUrl_.clear();
      }
      std::vector<json> results;
      const json& all = parsed["results"];
      for (std::size_t i = prefix; i < all.size(); ++i) results.push_back(all[i]);
      if (prefix && all[0].value("type", "") != "ok") {
        fail(what,
             "the server cannot turn foreign keys on: " +
                 errorMessage(all[0].value("error", json())),
             "", sql);
      }
      return results;
    }
    if (retryable && readOnly && attempt < retries_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100 << attempt));
      continue;
    }
    fail(what, problem, advice, sql);
  }
}

ResultSet RemoteConnection::query(std::string_view sql, std::span<const Value> params) {
  json req{{"type", "execute"}, {"stmt", remote::encodeStmt(sql, params)}};
  requireStreamFor(sql, false);
  std::vector<json> results =
      pipeline(json::array({req}), isRead(sql), "running a statement", std::string(sql));
  requireStreamFor(sql, true);
  const json& r = results.at(0);
  try {
    if (r.at("type") == "error") throw DbError(errorMessage(r.at("error")), std::string(sql));
    return remote::decodeStmtResult(r.at("response").at("result"));
  } catch (const json::exception& e) {
    fail("running a statement", "malformed result from " + host_ + " (" + e.what() + ")", "",
         std::string(sql));
  } catch (const DbError&) {
    throw;
  } catch (const std::runtime_error& e) {
    fail("running a statement", "malformed result from " + host_ + " (" + e.what() + ")", "",
         std::string(sql));
  }
}

namespace {

json okCondition(int step) { return json{{"type", "ok"}, {"step", step}}; }

// Another writer held the database: the batch was rolled back whole and may be sent again.
bool isLockedMessage(const std::string& message) {
  std::string m = message;
  for (char& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return m.find("database is locked") != std::string::npos || m.find("busy") != std::string::npos;
}

}  // namespace

void RemoteConnection::execute(std::string_view sql) {
  std::vector<std::string> stmts = splitScript(sql, false);
  if (stmts.empty()) return;
  bool reads =
      std::all_of(stmts.begin(), stmts.end(), [](const std::string& s) { return isRead(s); });
  json steps = json::array();
  for (std::size_t i = 0; i < stmts.size(); ++i) {
    json step{{"stmt", remote::encodeStmt(stmts[i], {})}};
    if (i > 0) step["condition"] = okCondition(static_cast<int>(i - 1));
    steps.push_back(std::move(step));
  }
  json req{{"type", "batch"}, {"batch", {{"steps", steps}}}};
  // A script may hold a whole transaction; one left open needs the stream to outlive it.
  std::string opened;
  for (const std::string& st : stmts) {
    std::string kw = firstKeyword(st);
    if (kw == "BEGIN") opened = st;
    if (kw == "COMMIT" || kw == "END" ||
        (kw == "ROLLBACK" && lower(st).find(" to ") == std::string::npos)) {
      opened.clear();
    }
  }
  if (!opened.empty()) requireStreamFor(opened, false);
  std::vector<json> results =
      pipeline(json::array({req}), reads, "running a script", std::string(sql));
  if (!opened.empty()) requireStreamFor(opened, true);
  const json& r = results.at(0);
  if (r.value("type", "") == "error") throw DbError(errorMessage(r["error"]), std::string(sql));
  try {
    const json& errors = r.at("response").at("result").at("step_errors");
    for (std::size_t i = 0; i < stmts.size() && i < errors.size(); ++i) {
      if (!errors[i].is_null()) throw DbError(errorMessage(errors[i]), stmts[i]);
    }
  } catch (const json::exception& e) {
    fail("running a script", "malformed result from " + host_ + " (" + e.what() + ")", "");
  }
}

Capabilities RemoteConnection::capabilities() const {
  Capabilities caps;
  caps.remote = true;
  // tursodb has no PRAGMA foreign_key_check; the applier derives the checks instead.
  caps.foreignKeyCheck = false;
  // Without a baton a transaction cannot span requests; only transaction() batches are atomic.
  caps.interactiveTransactions = false;
  return caps;
}

std::string RemoteConnection::backup(const std::string& label) {
  std::string host;
  for (char c : host_) host += std::isalnum(static_cast<unsigned char>(c)) || c == '.' ? c : '_';
  std::string base = host + ".backup-" + detail::utcStamp() + "-" + label;
  std::string path = base + ".sql";
  for (int n = 2; std::filesystem::exists(path); ++n)
    path = base + "-" + std::to_string(n) + ".sql";
  std::string text = dumpDatabase(*this);
  std::string error;
  if (!support::writeFileAtomically(path, text, &error)) {
    throw DbError("cannot write the backup dump: " + error, "");
  }
  return path;
}

BatchOutcome RemoteConnection::transaction(std::span<const BatchStep> body,
                                           const TransactionOptions& options) {
  // PRAGMA foreign_keys is a no-op inside a transaction: off before BEGIN, on after.
  std::vector<BatchStep> before, after;
  if (options.foreignKeysOff) {
    before.push_back(BatchStep{"PRAGMA foreign_keys=OFF", {}});
    if (foreignKeys_) after.push_back(BatchStep{"PRAGMA foreign_keys=ON", {}});
  }
  json steps = json::array();
  auto add = [&](std::string_view sql, std::span<const Value> params, json condition) {
    json step{{"stmt", remote::encodeStmt(sql, params)}};
    if (!condition.is_null()) step["condition"] = std::move(condition);
    steps.push_back(std::move(step));
    return static_cast<int>(steps.size() - 1);
  };
  // Each step only runs when the one before it succeeded, from the first `before` step on.
  int previous = -1;
  for (const BatchStep& s : before) {
    previous = add(s.sql, s.params, previous < 0 ? json(nullptr) : okCondition(previous));
  }
  int begin = add("BEGIN", {}, previous < 0 ? json(nullptr) : okCondition(previous));
  previous = begin;
  int firstBody = begin + 1;
  for (const BatchStep& s : body) {
    // A check that must return no row errors instead (malformed JSON) when it does.
    std::string sql = s.failIfRows ? "SELECT CASE WHEN EXISTS (" + s.sql +
                                         ") THEN json('schemac: check failed') ELSE 1 END"
                                   : s.sql;
    previous = add(sql, s.params, okCondition(previous));
  }
  int commit = add("COMMIT", {}, okCondition(previous));
  // Everything that ran is undone when any step (or the COMMIT itself) failed.
  int rollback = add("ROLLBACK", {}, json{{"type", "not"}, {"cond", okCondition(commit)}});
  (void)rollback;
  for (const BatchStep& s : after) add(s.sql, s.params, nullptr);

  json req{{"type", "batch"}, {"batch", {{"steps", steps}}}};
  std::vector<json> results = pipeline(json::array({req}), false, "applying a transaction");
  const json& r = results.at(0);
  if (r.value("type", "") == "error") {
    fail("applying a transaction", "the server rejected the batch: " + errorMessage(r["error"]),
         "nothing was applied");
  }
  BatchOutcome out;
  try {
    const json& result = r.at("response").at("result");
    const json& stepResults = result.at("step_results");
    const json& stepErrors = result.at("step_errors");
    if (stepResults.size() != steps.size() || stepErrors.size() != steps.size()) {
      throw std::runtime_error("the batch result does not have one entry per step");
    }
    for (std::size_t i = 0; i < before.size(); ++i) {
      if (!stepErrors[i].is_null()) {
        out.failedStep = -1;
        out.error = before[i].sql + " failed: " + errorMessage(stepErrors[i]);
        return out;  // nothing after it ran
      }
    }
    if (!stepErrors[begin].is_null()) {
      out.failedStep = -1;
      out.error = "BEGIN failed: " + errorMessage(stepErrors[begin]);
    }
    for (std::size_t i = 0; i < body.size(); ++i) {
      std::size_t k = firstBody + i;
      if (!stepErrors[k].is_null() && out.failedStep == -1 && out.error.empty()) {
        out.failedStep = static_cast<int>(i);
        out.error = errorMessage(stepErrors[k]);
      }
      if (!stepResults[k].is_null()) {
        out.results.push_back(remote::decodeStmtResult(stepResults[k]));
      } else {
        out.results.push_back(std::nullopt);
      }
    }
    if (out.error.empty() && !stepErrors[commit].is_null()) {
      out.failedStep = static_cast<int>(body.size());
      out.error = "COMMIT failed: " + errorMessage(stepErrors[commit]);
    }
    if (out.error.empty() && stepResults[commit].is_null()) {
      throw std::runtime_error("the COMMIT step neither ran nor failed");
    }
  } catch (const DbError&) {
    throw;
  } catch (const std::exception& e) {
    fail("applying a transaction",
         std::string("malformed batch result from ") + host_ + " (" + e.what() + ")",
         "the transaction may or may not have been committed; run `schemac status`");
  }
  out.locked = !out.ok() && isLockedMessage(out.error);
  return out;
}

// A transaction opened by one request lasts only if the server keeps the stream (returns a
// baton); otherwise the statements after it would silently run outside it.
void RemoteConnection::requireStreamFor(std::string_view sql, bool sent) {
  std::string kw = firstKeyword(sql);
  if ((kw != "BEGIN" && kw != "SAVEPOINT") || batons_ != 0) return;
  if (sent) {
    // Learned only now that the server keeps no stream: undo the open transaction, which such
    // a server may keep on a connection it shares between requests.
    try {
      pipeline(json::array({json{{"type", "execute"}, {"stmt", {{"sql", "ROLLBACK"}}}}}), false,
               "rolling back");
    } catch (const DbError&) {
    }
  }
  fail("",
       "the server keeps no stream between requests (it returns no baton), so a "
       "transaction cannot span requests",
       "run the whole transaction as one script: Connection::execute(\"BEGIN; ...; COMMIT\")",
       std::string(sql));
}

std::unique_ptr<Statement> RemoteConnection::prepare(std::string_view sql) {
  return std::make_unique<remote::RemoteStatement>(*this, std::string(sql));
}

}  // namespace schemac::rt
