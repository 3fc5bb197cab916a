#include "schemac/codegen/printer.h"

#include <stdexcept>
#include <vector>

namespace schemac::codegen {
namespace {

// Drops the leading newline of a raw string and the indentation common to its lines.
std::string reindent(std::string_view text) {
  if (text.empty() || text.front() != '\n') return std::string(text);
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
  for (char c : s) {
    if (atLineStart_ && c != '\n') {
      for (int i = 0; i < level_; ++i) out_ += unit_;
      atLineStart_ = false;
    }
    out_ += c;
    if (c == '\n') atLineStart_ = true;
  }
}

void Printer::emitRaw(std::string_view text) { put(text); }

void Printer::emit(const Vars& vars, std::string_view raw) {
  std::string text = reindent(raw);
  std::string expanded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$') {
      expanded += text[i];
      continue;
    }
    std::size_t close = text.find('$', i + 1);
    if (close == std::string::npos) throw std::logic_error("Printer: unclosed $ in template");
    std::string_view name(text.data() + i + 1, close - i - 1);
    if (name.empty()) {
      expanded += '$';
    } else {
      auto it = vars.find(name);
      if (it == vars.end())
        throw std::logic_error("Printer: unknown variable $" + std::string(name) + "$");
      expanded += it->second;
    }
    i = close;
  }
  put(expanded);
}

}  // namespace schemac::codegen
