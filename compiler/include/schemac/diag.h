// Diagnostics in the style of LLVM: `file:line:col: error: message`, the source line, a caret
// under the range, then notes. The engine collects everything so all errors are reported.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "schemac/source.h"

namespace schemac {

enum class Severity { Error, Warning, Note };

struct DiagNote {
  std::optional<SourceRange> range;  // a note may have no location
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  std::optional<SourceRange> range;  // none for errors not tied to a file
  std::string message;
  std::vector<DiagNote> notes;
};

class DiagEngine {
 public:
  explicit DiagEngine(const SourceManager& sm) : sm_(&sm) {}

  void report(Diagnostic d);
  void error(SourceRange r, std::string msg) { report({Severity::Error, r, std::move(msg), {}}); }
  void warning(SourceRange r, std::string msg) {
    report({Severity::Warning, r, std::move(msg), {}});
  }
  // Error with one note pointing at an earlier place (e.g. "previous definition is here").
  void errorWithNote(SourceRange r, std::string msg, SourceRange noteAt, std::string note);

  bool hadErrors() const { return errorCount_ > 0; }
  std::size_t errorCount() const { return errorCount_; }
  std::size_t warningCount() const { return warningCount_; }
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }

  // At most this many errors (and as many warnings) are printed, then one line with the count
  // of the rest: a file of garbage must not print megabytes.
  static constexpr std::size_t kMaxShownErrors = 20;
  // At most this many diagnostics are kept (diagnostics()); the counts include the rest.
  static constexpr std::size_t kMaxKept = 10000;

  // Reports `other`'s diagnostics after this engine's, as if they had been reported here (the
  // counts include those `other` did not keep). For work done on a second thread.
  void append(DiagEngine&& other);
  const SourceManager& sources() const { return *sm_; }

  // Renders the diagnostics sorted by file and location, capped as above.
  void print(std::ostream& os) const;

 private:
  const SourceManager* sm_;
  std::vector<Diagnostic> diags_;
  std::size_t errorCount_ = 0;
  std::size_t warningCount_ = 0;
};

// Renders one diagnostic: header line, source line (a window of about 200 bytes around the
// caret when longer), caret line, then its notes. Control characters and stray bytes are shown
// escaped (`\x1b`), never raw.
std::string renderText(const Diagnostic& d, const SourceManager& sm);

// `s` with control characters (C0, DEL, C1) and bytes that are not UTF-8 written as `\xNN` (or
// `\u0080`..`\u009f`), so that text from a schema cannot drive the terminal. Tabs stay.
std::string escapeForTerminal(std::string_view s);

}  // namespace schemac
