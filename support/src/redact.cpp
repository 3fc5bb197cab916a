#include "schemac/support/redact.h"

#include <array>

#include "schemac/support/ascii.h"

namespace schemac::support {
namespace {

bool isIdent(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool isSpace(char c) { return c == ' ' || c == '\t'; }

// Where a secret value ends: URL separators, whitespace and quotes.
bool endsValue(char c) {
  return c == '&' || c == '#' || c == ';' || c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
         c == '"' || c == '\'' || c == '<' || c == '>' || c == '\0';
}

bool startsWithIgnoreCase(std::string_view text, std::size_t at, std::string_view word) {
  return text.size() - at >= word.size() && equalsIgnoreCase(text.substr(at, word.size()), word);
}

bool isCredentialKey(std::string_view key) {
  static constexpr std::array<std::string_view, 7> kKeys = {
      "authtoken",    "auth_token",         "token", "password", "passwd",
      "access_token", "database_auth_token"};
  for (std::string_view k : kKeys) {
    if (equalsIgnoreCase(key, k)) return true;
  }
  return false;
}

std::size_t valueEnd(std::string_view text, std::size_t from) {
  while (from < text.size() && !endsValue(text[from])) ++from;
  return from;
}

// Appends `***` for a non-empty value [from, end) and returns `end`.
std::size_t hideValue(std::size_t from, std::size_t end, std::string& out) {
  if (end > from) out += "***";
  return end;
}

}  // namespace

std::string redact(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    bool boundary = i == 0 || !isIdent(text[i - 1]);
    // scheme://userinfo@host: the userinfo ends at the last '@' before the path.
    if (text.compare(i, 3, "://") == 0) {
      out += "://";
      std::size_t start = i + 3, end = start;
      while (end < text.size() && text[end] != '/' && text[end] != '?' && text[end] != '#' &&
             !endsValue(text[end])) {
        ++end;
      }
      std::size_t at = text.rfind('@', end == 0 ? 0 : end - 1);
      if (at != std::string_view::npos && at > start && end > start) {
        std::size_t colon = text.find(':', start);
        if (colon != std::string_view::npos && colon < at)
          out += text.substr(start, colon + 1 - start);
        out += "***";
        i = at;  // the '@' and the host are copied as they are
      } else {
        i = start;
      }
      continue;
    }
    if (text.compare(i, 12, "--auth-token") == 0 && i + 12 < text.size() &&
        (text[i + 12] == '=' || isSpace(text[i + 12]))) {
      out += "--auth-token";
      std::size_t v = i + 12;
      while (v < text.size() && (text[v] == '=' || isSpace(text[v]))) out += text[v++];
      std::size_t end = v;
      while (end < text.size() && !endsValue(text[end])) ++end;
      i = hideValue(v, end, out);
      continue;
    }
    if (boundary && (startsWithIgnoreCase(text, i, "bearer ") ||
                     startsWithIgnoreCase(text, i, "authorization:"))) {
      bool header = text[i] == 'a' || text[i] == 'A';
      std::size_t v = i + (header ? 14 : 7);
      out += text.substr(i, v - i);
      while (v < text.size() && isSpace(text[v])) out += text[v++];
      std::size_t end = v;
      // A header hides the rest of its line; Bearer only its value.
      while (end < text.size() && text[end] != '\r' && text[end] != '\n' &&
             (header || (!endsValue(text[end]) && text[end] != ',' && text[end] != ')'))) {
        ++end;
      }
      i = hideValue(v, end, out);
      continue;
    }
    if (boundary && isIdent(text[i])) {
      std::size_t end = i;
      while (end < text.size() && isIdent(text[end])) ++end;
      std::string_view key = text.substr(i, end - i);
      out += key;
      if (end < text.size() && text[end] == '=' && isCredentialKey(key)) {
        out += '=';
        i = hideValue(end + 1, valueEnd(text, end + 1), out);
      } else {
        i = end;
      }
      continue;
    }
    out += text[i++];
  }
  return out;
}

std::string shortenMiddle(std::string_view text, std::size_t max) {
  constexpr std::string_view kGap = "...";
  if (text.size() <= max) return std::string(text);
  if (max <= kGap.size() + 2) return std::string(text.substr(0, max));
  std::size_t head = (max - kGap.size()) / 2;
  std::size_t tail = max - kGap.size() - head;
  auto continuation = [&](std::size_t at) {
    return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;
  };
  while (head > 0 && continuation(head)) --head;
  std::size_t tailStart = text.size() - tail;
  while (tailStart < text.size() && continuation(tailStart)) ++tailStart;
  return std::string(text.substr(0, head)) + std::string(kGap) +
         std::string(text.substr(tailStart));
}

}  // namespace schemac::support
