// The one place that decides what of a URL, command line, header or log line is secret: every
// message, banner and log that can show a database URL or an argument goes through redact()
// (scripts through `schemac redact`), so a new kind of secret is hidden everywhere at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace schemac::support {

// `text` with every secret replaced by `***`:
//   scheme://user:PASSWORD@host   -> scheme://user:***@host   (scheme://TOKEN@host -> ***@host)
//   ?authToken=X &token=X auth_token=X password=X passwd=X access_token=X
//   DATABASE_AUTH_TOKEN=X         -> the value              (keys case-insensitive, anywhere)
//   --auth-token X, --auth-token=X, Bearer X, Authorization: ...(rest of the line)
// Everything else is kept byte for byte; redacting twice gives the same text.
std::string redact(std::string_view text);

// `text` cut to at most `max` bytes as head...tail (never inside a UTF-8 sequence), so that a
// huge URL or path still gives a one-line message.
std::string shortenMiddle(std::string_view text, std::size_t max = 200);

// What a message may show of a URL, path or argument: redacted, then shortened.
inline std::string forDisplay(std::string_view text, std::size_t max = 200) {
  return shortenMiddle(redact(text), max);
}

}  // namespace schemac::support
