#include "schemac/diag.h"

#include <algorithm>
#include <cstdio>

#include "schemac/utf8.h"

namespace schemac {
namespace {

const char* severityName(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

// Longest source line shown, in bytes: the window is taken around the caret.
constexpr std::size_t kMaxShownLine = 200;

// One displayed unit of the source line: its text (a character, or `\x1b` for a control
// character or a stray byte) and how wide its caret-line cell is.
struct Shown {
  std::string text;
  bool tab = false;
};

// Splits `s` into displayed units: control characters (C0, DEL, C1) and bytes that are not
// UTF-8 become `\xNN` so that no terminal escape from a schema reaches the terminal.
template <typename F>
void forEachUnit(std::string_view s, F&& f) {
  char buf[8];
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = utf8SequenceLength(s, i);
    if (n == 0 || c < 0x20 || c == 0x7f) {
      if (c == '\t') {
        f(i, 1, std::string_view("\t"), true);
      } else {
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        f(i, 1, std::string_view(buf), false);
      }
      i += 1;
      continue;
    }
    if (n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(s[i + 1]));
      f(i, 2, std::string_view(buf), false);
    } else {
      f(i, n, s.substr(i, n), false);
    }
    i += n;
  }
}

void renderOne(std::string& out, Severity sev, const std::optional<SourceRange>& range,
               const std::string& message, const SourceManager& sm) {
  if (!range) {
    out += "schemac: ";
    out += severityName(sev);
    out += ": " + escapeForTerminal(message) + "\n";
    return;
  }
  LineCol lc = sm.lineCol(range->begin);
  out += escapeForTerminal(sm.path(range->begin.file)) + ":" + std::to_string(lc.line) + ":" +
         std::to_string(lc.column) + ": " + severityName(sev) + ": " + escapeForTerminal(message) +
         "\n";
  std::string_view line = sm.lineText(range->begin.file, lc.line);
  std::size_t caretAt = std::min<std::size_t>(lc.column - 1, line.size());
  std::size_t len = 0;
  if (range->end.file == range->begin.file && range->end.offset > range->begin.offset) {
    len = range->end.offset - range->begin.offset;
  }
  std::size_t rangeEnd = std::min(line.size(), caretAt + std::max<std::size_t>(len, 1));
  // A long line (minified, or garbage) is cut to a window around the caret.
  std::size_t from = 0;
  std::size_t to = line.size();
  if (line.size() > kMaxShownLine) {
    from = caretAt > kMaxShownLine / 2 ? caretAt - kMaxShownLine / 2 : 0;
    to = std::min(line.size(), from + kMaxShownLine);
    while (from > 0 && (static_cast<unsigned char>(line[from]) & 0xC0) == 0x80) --from;
    while (to < line.size() && (static_cast<unsigned char>(line[to]) & 0xC0) == 0x80) ++to;
  }
  std::string text = from > 0 ? "..." : "";
  std::string caret = from > 0 ? "   " : "";
  forEachUnit(line.substr(from, to - from),
              [&](std::size_t i, std::size_t, std::string_view shown, bool tab) {
                std::size_t at = from + i;
                text.append(shown);
                char mark = at == caretAt ? '^' : (at > caretAt && at < rangeEnd ? '~' : ' ');
                if (tab && mark == ' ') {
                  caret += '\t';
                  return;
                }
                caret += mark;
                // Escapes are several cells wide; a multi-byte character is one.
                std::size_t width = shown.size() > 1 && shown[0] == '\\' ? shown.size() : 1;
                for (std::size_t k = 1; k < width; ++k) caret += mark == ' ' ? ' ' : '~';
              });
  if (caretAt >= to) caret += '^';
  if (to < line.size()) text += "...";
  while (!caret.empty() && (caret.back() == ' ' || caret.back() == '\t')) caret.pop_back();
  out += text + "\n" + caret + "\n";
}

}  // namespace

std::string escapeForTerminal(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  forEachUnit(s, [&](std::size_t, std::size_t, std::string_view shown, bool) { out += shown; });
  return out;
}

void DiagEngine::report(Diagnostic d) {
  if (d.severity == Severity::Error) ++errorCount_;
  if (d.severity == Severity::Warning) ++warningCount_;
  // Past this many only the counts grow: a megabyte of stray characters is a million errors.
  if (diags_.size() >= kMaxKept) return;
  diags_.push_back(std::move(d));
}

void DiagEngine::append(DiagEngine&& other) {
  std::size_t keptErrors = 0, keptWarnings = 0;
  for (Diagnostic& d : other.diags_) {
    keptErrors += d.severity == Severity::Error;
    keptWarnings += d.severity == Severity::Warning;
    report(std::move(d));
  }
  errorCount_ += other.errorCount_ - keptErrors;
  warningCount_ += other.warningCount_ - keptWarnings;
  other.diags_.clear();
  other.errorCount_ = other.warningCount_ = 0;
}

void DiagEngine::errorWithNote(SourceRange r, std::string msg, SourceRange noteAt,
                               std::string note) {
  report({Severity::Error, r, std::move(msg), {DiagNote{noteAt, std::move(note)}}});
}

std::string renderText(const Diagnostic& d, const SourceManager& sm) {
  std::string out;
  renderOne(out, d.severity, d.range, d.message, sm);
  for (const DiagNote& n : d.notes) renderOne(out, Severity::Note, n.range, n.message, sm);
  return out;
}

void DiagEngine::print(std::ostream& os) const {
  // Stable order: by file, then offset; diagnostics without a location come last.
  std::vector<const Diagnostic*> order;
  order.reserve(diags_.size());
  for (const auto& d : diags_) order.push_back(&d);
  std::stable_sort(order.begin(), order.end(), [](const Diagnostic* a, const Diagnostic* b) {
    if (!a->range || !b->range) return a->range.has_value() && !b->range.has_value();
    if (a->range->begin.file != b->range->begin.file)
      return a->range->begin.file < b->range->begin.file;
    return a->range->begin.offset < b->range->begin.offset;
  });
  // The first kMaxShownErrors errors (and as many warnings and notes) are shown; the rest,
  // and those past kMaxKept that were only counted, are summed up in one line.
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t notes = 0;
  for (const Diagnostic* d : order) {
    std::size_t& shown = d->severity == Severity::Error     ? errors
                         : d->severity == Severity::Warning ? warnings
                                                            : notes;
    if (shown >= kMaxShownErrors) continue;
    ++shown;
    os << renderText(*d, *sm_);
  }
  std::size_t hiddenErrors = errorCount_ - errors;
  std::size_t hiddenWarnings = warningCount_ - warnings;
  if (hiddenErrors > 0) {
    os << "schemac: error: too many errors (" << hiddenErrors << " more not shown)\n";
  }
  if (hiddenWarnings > 0) {
    os << "schemac: warning: too many warnings (" << hiddenWarnings << " more not shown)\n";
  }
}

}  // namespace schemac
