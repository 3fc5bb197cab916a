// DATABASE_URL classification: which backend, and what is safe to print.
#include "schemac/rt/url.h"

#include <cctype>

#include "schemac/rt/connection.h"
#include "schemac/support/redact.h"

namespace schemac::rt {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// `scheme://...`: the scheme, or empty when the URL has no `://` authority form.
std::string authorityScheme(const std::string& url) {
  std::size_t i = 0;
  if (url.empty() || !std::isalpha(static_cast<unsigned char>(url[0]))) return {};
  while (i < url.size() && (std::isalnum(static_cast<unsigned char>(url[i])) || url[i] == '+' ||
                            url[i] == '-' || url[i] == '.')) {
    ++i;
  }
  if (url.compare(i, 3, "://") != 0) return {};
  return lower(url.substr(0, i));
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = hexDigit(s[i + 1]), lo = hexDigit(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace

// support::redact is the one rule for secrets; a URL in a message is also kept short.
std::string redactUrl(const std::string& url) { return support::forDisplay(url); }

DatabaseUrl parseDatabaseUrl(const std::string& url) {
  DatabaseUrl out;
  out.original = url;
  out.display = redactUrl(url);
  if (url.empty()) throw DbError("empty database URL (expected e.g. file:./local.db)", "");

  std::string scheme = authorityScheme(url);
  if (scheme == "libsql" || scheme == "https" || scheme == "http" || scheme == "ws" ||
      scheme == "wss") {
    out.kind = UrlKind::RemoteLibsql;
    return out;
  }
  if (scheme == "postgres" || scheme == "postgresql") {
    out.kind = UrlKind::Postgres;
    return out;
  }
  if (!scheme.empty() && scheme != "file") {
    throw DbError("unsupported database URL scheme '" + support::shortenMiddle(scheme, 40) +
                      "://' in '" + out.display +
                      "' (expected file:PATH, file::memory:, libsql://, https:// or postgres://)",
                  "");
  }

  if (url == ":memory:" || lower(url).rfind("file::memory:", 0) == 0) {
    out.kind = UrlKind::SqliteMemory;
    out.sqliteName = url == ":memory:" ? std::string(":memory:") : url;
    return out;
  }

  out.kind = UrlKind::SqliteFile;
  if (lower(url).rfind("file:", 0) == 0) {
    // SQLite's URI rules: file:PATH, file:///PATH or file://localhost/PATH; ?query; %XX.
    std::string rest = url.substr(5);
    if (rest.rfind("//", 0) == 0) {
      std::size_t slash = rest.find('/', 2);
      std::string authority =
          rest.substr(2, slash == std::string::npos ? std::string::npos : slash - 2);
      if (!authority.empty() && lower(authority) != "localhost") {
        throw DbError("unsupported host '" + support::forDisplay(authority, 80) +
                          "' in file URL '" + out.display +
                          "' (use file:./PATH, file:/ABS/PATH or file:///ABS/PATH)",
                      "");
      }
      rest = slash == std::string::npos ? std::string() : rest.substr(slash);
    }
    std::size_t cut = rest.find_first_of("?#");
    out.path = percentDecode(rest.substr(0, cut));
    if (out.path.empty()) throw DbError("database URL '" + out.display + "' has no path", "");
    out.sqliteName = url;
  } else {
    out.path = url;
    out.sqliteName = url;
  }
  return out;
}

}  // namespace schemac::rt
