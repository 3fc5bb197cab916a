#include "schemac/diag.h"

#include <algorithm>

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

void renderOne(std::string& out, Severity sev, const std::optional<SourceRange>& range,
               const std::string& message, const SourceManager& sm) {
  if (!range) {
    out += "schemac: ";
    out += severityName(sev);
    out += ": " + message + "\n";
    return;
  }
  LineCol lc = sm.lineCol(range->begin);
  out += sm.path(range->begin.file) + ":" + std::to_string(lc.line) + ":" +
         std::to_string(lc.column) + ": " + severityName(sev) + ": " + message + "\n";
  std::string_view line = sm.lineText(range->begin.file, lc.line);
  out.append(line);
  out += "\n";
  // Caret under the first character, tildes under the rest of the range on this line.
  std::string caret;
  for (std::uint32_t i = 1; i < lc.column && i - 1 < line.size(); ++i) {
    caret += line[i - 1] == '\t' ? '\t' : ' ';
  }
  caret += '^';
  std::uint32_t len = 0;
  if (range->end.file == range->begin.file && range->end.offset > range->begin.offset) {
    len = range->end.offset - range->begin.offset;
  }
  for (std::uint32_t i = 1; i < len && lc.column - 1 + i < line.size(); ++i) caret += '~';
  out += caret + "\n";
}

}  // namespace

void DiagEngine::report(Diagnostic d) {
  if (d.severity == Severity::Error) ++errorCount_;
  if (d.severity == Severity::Warning) ++warningCount_;
  diags_.push_back(std::move(d));
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
  for (const auto& d : diags_) order.push_back(&d);
  std::stable_sort(order.begin(), order.end(), [](const Diagnostic* a, const Diagnostic* b) {
    if (!a->range || !b->range) return a->range.has_value() && !b->range.has_value();
    if (a->range->begin.file != b->range->begin.file)
      return a->range->begin.file < b->range->begin.file;
    return a->range->begin.offset < b->range->begin.offset;
  });
  for (const Diagnostic* d : order) os << renderText(*d, *sm_);
}

}  // namespace schemac
