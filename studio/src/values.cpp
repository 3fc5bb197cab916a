#include "values.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "http_util.h"

namespace schemac::studio {
namespace {

std::string hexOf(const std::vector<std::uint8_t>& bytes, std::size_t limit) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes.size() && i < limit; ++i) {
    out += hex[bytes[i] >> 4];
    out += hex[bytes[i] & 15];
  }
  return out;
}

std::string realText(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  return buf;
}

// Cuts at most `limit` bytes without splitting a UTF-8 sequence.
std::string utf8Prefix(const std::string& s, std::size_t limit) {
  std::size_t n = std::min(limit, s.size());
  while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

nlohmann::json encodeCell(const rt::Value& v, bool full) {
  using nlohmann::json;
  if (const auto* s = std::get_if<std::string>(&v)) {
    json cell;
    bool cut = !full && s->size() > kTextPreview;
    cell["s"] = cut ? utf8Prefix(*s, kTextPreview) : *s;
    if (cut) cell["n"] = s->size();
    // JSON documents are shown pretty-printed (only when short enough to show whole).
    if (!cut && !s->empty() && (s->front() == '{' || s->front() == '[')) {
      json doc = json::parse(*s, nullptr, false);
      if (!doc.is_discarded()) cell["j"] = doc.dump(2, ' ', false, json::error_handler_t::replace);
    }
    return cell;
  }
  if (const auto* b = std::get_if<rt::Blob>(&v)) {
    return json{{"b", hexOf(b->bytes, full ? b->bytes.size() : kBlobPreview)},
                {"n", b->bytes.size()}};
  }
  return encodeExact(v);
}

nlohmann::json encodeExact(const rt::Value& v) {
  using nlohmann::json;
  switch (v.index()) {
    case 0:
      return nullptr;
    case 1:
      return json{{"i", std::to_string(std::get<std::int64_t>(v))}};
    case 2:
      return json{{"r", realText(std::get<double>(v))}};
    case 3:
      return json{{"s", std::get<std::string>(v)}};
    default: {
      const auto& bytes = std::get<rt::Blob>(v).bytes;
      return json{{"b", hexOf(bytes, bytes.size())}};
    }
  }
}

rt::Value decodeValue(const nlohmann::json& j, const std::string& what) {
  auto bad = [&](const std::string& why) { return ApiError(400, what + ": " + why); };
  if (j.is_null()) return std::monostate{};
  if (j.is_boolean()) return std::int64_t{j.get<bool>() ? 1 : 0};
  if (j.is_number_integer()) return j.get<std::int64_t>();
  if (j.is_number_unsigned()) throw bad("integer out of range");
  if (j.is_number_float()) return j.get<double>();
  if (j.is_string()) return j.get<std::string>();
  if (!j.is_object() || j.size() != 1 || !j.begin().value().is_string()) {
    throw bad("expected null, a number, a string or {\"i\"|\"r\"|\"s\"|\"b\": string}");
  }
  const std::string& tag = j.begin().key();
  const std::string text = j.begin().value().get<std::string>();
  if (tag == "s" || tag == "d") return text;  // d: a decimal's exact text, bound as text
  if (tag == "i") {
    errno = 0;
    char* end = nullptr;
    long long n = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno == ERANGE) throw bad("not an integer: " + text);
    return std::int64_t{n};
  }
  if (tag == "r") {
    char* end = nullptr;
    double d = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(d)) throw bad("not a number: " + text);
    return d;
  }
  if (tag == "b") {
    if (text.size() % 2) throw bad("odd number of hex digits");
    rt::Blob blob;
    for (std::size_t i = 0; i < text.size(); i += 2) {
      int hi = hexDigit(text[i]), lo = hexDigit(text[i + 1]);
      if (hi < 0 || lo < 0) throw bad("not hex: " + text);
      blob.bytes.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
    }
    return blob;
  }
  throw bad("unknown value tag '" + tag + "'");
}

}  // namespace schemac::studio
