#include "schemac/codegen/printer.h"

#include <stdexcept>
#include <vector>

namespace schemac::codegen {
namespace {

// Drops the leading newline of a raw string and the indentation common to its lines.
// (Called only for text that starts with a newline.)
std::string reindent(std::string_view text) {
  text.remove_prefix(1);
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  std::size_t common = std::string_view::npos;
  for (std::string_view l : lines) {
    std::size_t ws = l.find_first_not_of(" \t");
    if (ws == std::string_view::npos) continue;  // blank lines do not count
    common = std::min(common, ws);
  }
  if (common == std::string_view::npos) common = 0;
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    bool lastFragment = i + 1 == lines.size();
    if (l.find_first_not_of(" \t") == std::string_view::npos) {
      if (!lastFragment) out += '\n';  // a trailing all-blank fragment is only the closing indent
      continue;
    }
    out.append(l.substr(common));
    if (!lastFragment) out += '\n';
  }
  return out;
}

}  // namespace

void Printer::outdent() {
  if (level_ == 0) throw std::logic_error("Printer::outdent below zero");
  --level_;
}

void Printer::put(std::string_view s) {
  if (level_ == 0) {  // nothing to insert: the whole text at once (a 1 MB CREATE script)
    if (!s.empty()) {
      out_.append(s);
      atLineStart_ = s.back() == '\n';
    }
    return;
  }
  // Line by line: indentation goes before the first character of every non-empty line.
  while (!s.empty()) {
    std::size_t nl = s.find('\n');
    std::size_t len = nl == std::string_view::npos ? s.size() : nl;
    if (len > 0) {
      if (atLineStart_) {
        for (int i = 0; i < level_; ++i) out_ += unit_;
        atLineStart_ = false;
      }
      out_.append(s.data(), len);
    }
    if (nl == std::string_view::npos) return;
    out_ += '\n';
    atLineStart_ = true;
    s.remove_prefix(nl + 1);
  }
}

void Printer::emitRaw(std::string_view text) { put(text); }

void Printer::emit(Vars vars, std::string_view raw) {
  std::string reindented;
  std::string_view text = raw;
  if (!text.empty() && text.front() == '\n') {
    reindented = reindent(text);
    text = reindented;
  }
  // Literal runs and variable values go straight to put(): no intermediate string.
  while (!text.empty()) {
    std::size_t open = text.find('$');
    if (open == std::string_view::npos) {
      put(text);
      return;
    }
    put(text.substr(0, open));
    std::size_t close = text.find('$', open + 1);
    if (close == std::string_view::npos) throw std::logic_error("Printer: unclosed $ in template");
    std::string_view name = text.substr(open + 1, close - open - 1);
    if (name.empty()) {
      put("$");
    } else {
      const std::pair<std::string_view, std::string_view>* found = nullptr;
      for (const auto& var : vars) {
        if (var.first == name) {
          found = &var;
          break;
        }
      }
      if (found == nullptr)
        throw std::logic_error("Printer: unknown variable $" + std::string(name) + "$");
      put(found->second);
    }
    text.remove_prefix(close + 1);
  }
}

}  // namespace schemac::codegen
