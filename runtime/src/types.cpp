// Decimal, Uuid and date conversions of the typed-query layer (schemac/rt/types.h).
#include "schemac/rt/types.h"

#include <charconv>
#include <random>
#include <stdexcept>
#include <string>

namespace schemac::rt {

namespace {

constexpr std::int64_t kPow10[] = {1,
                                   10,
                                   100,
                                   1000,
                                   10000,
                                   100000,
                                   1000000,
                                   10000000,
                                   100000000,
                                   1000000000,
                                   10000000000,
                                   100000000000,
                                   1000000000000,
                                   10000000000000,
                                   100000000000000,
                                   1000000000000000,
                                   10000000000000000,
                                   100000000000000000,
                                   1000000000000000000};

// units * 10^k, or false on overflow.
bool scaleUp(std::int64_t units, int k, std::int64_t* out) {
  if (k < 0 || k > Decimal::kMaxScale) return false;
  return !__builtin_mul_overflow(units, kPow10[k], out);
}

}  // namespace

std::optional<Decimal> Decimal::tryParse(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  std::int64_t units = 0;
  int scale = 0, digits = 0;
  bool seenPoint = false, any = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.' && !seenPoint) {
      seenPoint = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any = true;
    if (seenPoint) ++scale;
    if (units != 0 || c != '0') ++digits;
    if (digits > 18 || scale > kMaxScale) return std::nullopt;
    units = units * 10 + (c - '0');
  }
  if (!any) return std::nullopt;
  return Decimal(negative ? -units : units, scale);
}

Decimal Decimal::parse(std::string_view text) {
  if (auto d = tryParse(text)) return *d;
  throw std::invalid_argument("not a decimal number: '" + std::string(text) + "'");
}

Decimal Decimal::rescaled(int scale) const {
  if (scale < 0 || scale > kMaxScale) throw std::overflow_error("decimal scale out of range");
  if (scale >= scale_) {
    std::int64_t out;
    if (!scaleUp(units_, scale - scale_, &out)) throw std::overflow_error("decimal overflow");
    return Decimal(out, scale);
  }
  std::int64_t div = kPow10[scale_ - scale];
  std::int64_t q = units_ / div, r = units_ % div;
  // Half away from zero; |r| * 2 cannot overflow since |r| < div <= 10^18.
  if ((r < 0 ? -r : r) * 2 >= div) q += units_ < 0 ? -1 : 1;
  return Decimal(q, scale);
}

std::string Decimal::toString() const {
  std::uint64_t mag =
      units_ < 0 ? 0 - static_cast<std::uint64_t>(units_) : static_cast<std::uint64_t>(units_);
  std::string digits = std::to_string(mag);
  if (scale_ > 0) {
    if (digits.size() <= static_cast<std::size_t>(scale_))
      digits.insert(0, static_cast<std::size_t>(scale_) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(scale_), ".");
  }
  return units_ < 0 ? "-" + digits : digits;
}

int Decimal::compare(const Decimal& a, const Decimal& b) {
  int scale = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
  std::int64_t x, y;
  bool okA = scaleUp(a.units_, scale - a.scale_, &x);
  bool okB = scaleUp(b.units_, scale - b.scale_, &y);
  if (okA && okB) return x < y ? -1 : (x > y ? 1 : 0);
  // One side overflowed when scaled, so it is the larger in magnitude.
  const Decimal& big = okA ? b : a;
  int sign = big.units_ < 0 ? -1 : 1;
  return okA ? -sign : sign;
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  int scale = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
  std::int64_t x, y, sum;
  if (!scaleUp(a.units_, scale - a.scale_, &x) || !scaleUp(b.units_, scale - b.scale_, &y) ||
      __builtin_add_overflow(x, y, &sum))
    throw std::overflow_error("decimal overflow");
  return Decimal(sum, scale);
}

Decimal operator-(const Decimal& a, const Decimal& b) {
  if (b.units_ == INT64_MIN) throw std::overflow_error("decimal overflow");
  return a + Decimal(-b.units_, b.scale_);
}

// ---- Uuid ----

namespace {
int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<Uuid> Uuid::tryParse(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  std::array<std::uint8_t, 16> bytes{};
  std::size_t b = 0;
  for (std::size_t i = 0; i < 36;) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return std::nullopt;
      ++i;
      continue;
    }
    int hi = hexValue(text[i]), lo = hexValue(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    bytes[b++] = static_cast<std::uint8_t>(hi * 16 + lo);
    i += 2;
  }
  return Uuid(bytes);
}

Uuid Uuid::parse(std::string_view text) {
  if (auto u = tryParse(text)) return *u;
  throw std::invalid_argument("not a UUID: '" + std::string(text) + "'");
}

Uuid Uuid::random() {
  thread_local std::mt19937_64 gen([] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }());
  std::array<std::uint8_t, 16> bytes{};
  for (std::size_t i = 0; i < 16; i += 8) {
    std::uint64_t r = gen();
    for (std::size_t k = 0; k < 8; ++k) bytes[i + k] = static_cast<std::uint8_t>(r >> (8 * k));
  }
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return Uuid(bytes);
}

std::string Uuid::toString() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes_[i] >> 4];
    out += kHex[bytes_[i] & 0xf];
  }
  return out;
}

// ---- dates ----

std::string formatDate(const Date& d) {
  if (!d.ok()) throw std::invalid_argument("invalid date");
  int y = static_cast<int>(d.year());
  if (y < 0 || y > 9999) throw std::invalid_argument("date year out of range 0..9999");
  char buf[16];
  auto put = [&](int v, int width, char* at) {
    for (int i = width - 1; i >= 0; --i, v /= 10) at[i] = static_cast<char>('0' + v % 10);
  };
  put(y, 4, buf);
  buf[4] = '-';
  put(static_cast<int>(static_cast<unsigned>(d.month())), 2, buf + 5);
  buf[7] = '-';
  put(static_cast<int>(static_cast<unsigned>(d.day())), 2, buf + 8);
  return std::string(buf, 10);
}

Date parseDate(std::string_view text) {
  auto bad = [&] {
    return std::invalid_argument("not a date (YYYY-MM-DD): '" + std::string(text) + "'");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') throw bad();
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) {
      if (text[i] < '0' || text[i] > '9') throw bad();
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  Date d{std::chrono::year(num(0, 4)), std::chrono::month(static_cast<unsigned>(num(5, 2))),
         std::chrono::day(static_cast<unsigned>(num(8, 2)))};
  if (!d.ok()) throw bad();
  return d;
}

void throwBadColumnValue(const Statement& st, int column, std::string_view type,
                         std::string_view text) {
  throw DbError("column '" + st.columnName(column) + "' holds '" + std::string(text) +
                    "', which is not a valid " + std::string(type),
                st.sql());
}

}  // namespace schemac::rt
