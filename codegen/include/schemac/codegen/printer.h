// The one way emitters write text (SQL and C++), after protobuf's io::Printer:
//   p.emit({{"name", t.name}}, R"(
//     struct $name$ {
//   )");
//   { auto in = p.withIndent(); ... }
// `$var$` is replaced from the map (an unknown variable is a bug: it throws std::logic_error);
// `$$` is a literal dollar. A raw string starting with a newline is re-indented: that newline
// is dropped and the common leading whitespace of its lines removed. Every line written starts
// at the current indentation.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace schemac::codegen {

class Printer {
 public:
  // Views, not copies: emit() reads them before the call's temporaries end. A handful of
  // variables per call, so a list searched in order beats a map (no allocation at all).
  using Vars = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  explicit Printer(std::string indentUnit = "  ") : unit_(std::move(indentUnit)) {}

  void emit(Vars vars, std::string_view text);
  void emit(std::string_view text) { emit(Vars{}, text); }
  // Writes `text` verbatim as (possibly multi-line) content, indenting each line.
  void emitRaw(std::string_view text);

  void indent() { ++level_; }
  void outdent();

  class IndentGuard {
   public:
    explicit IndentGuard(Printer& p) : p_(&p) { p_->indent(); }
    IndentGuard(const IndentGuard&) = delete;
    IndentGuard& operator=(const IndentGuard&) = delete;
    ~IndentGuard() { p_->outdent(); }

   private:
    Printer* p_;
  };
  [[nodiscard]] IndentGuard withIndent() { return IndentGuard(*this); }

  // Room for `bytes` of output, so that a large text is not copied as it grows.
  void reserve(std::size_t bytes) { out_.reserve(bytes); }

  const std::string& str() const { return out_; }
  // The text so far; the printer starts over empty (at a line start, same indentation).
  std::string take() {
    std::string s = std::move(out_);
    out_.clear();
    atLineStart_ = true;
    return s;
  }

 private:
  void put(std::string_view s);

  std::string unit_;
  int level_ = 0;
  bool atLineStart_ = true;
  std::string out_;
};

}  // namespace schemac::codegen
