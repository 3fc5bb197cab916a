#include "toml_edit.h"

#include <cctype>
#include <vector>

namespace schemac::workflow::toml_edit {

namespace {

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(at) + "\n");
      break;
    }
    lines.push_back(text.substr(at, nl + 1 - at));
    at = nl + 1;
  }
  return lines;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l;
  return out;
}

std::string trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// The line without its comment (a `#` outside strings), trimmed.
std::string code(const std::string& line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == '\\' && quote == '"') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      return trim(line.substr(0, i));
    }
  }
  return trim(line);
}

// [ minus ] outside strings and comments.
int bracketBalance(const std::string& line) {
  int depth = 0;
  for (char c : code(line)) {
    if (c == '[') ++depth;
    if (c == ']') --depth;
  }
  return depth;
}

struct Entry {
  std::size_t first = 0, last = 0;  // line range of `key = value`
  std::string value;                // the value's code (comments dropped), lines joined by \n
};

// The top-level region: the lines before the first [table] header.
std::size_t topEnd(const std::vector<std::string>& lines) {
  int depth = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string c = code(lines[i]);
    if (depth == 0 && !c.empty() && c[0] == '[') return i;
    depth += bracketBalance(lines[i]);
  }
  return lines.size();
}

std::optional<Entry> find(const std::vector<std::string>& lines, const std::string& key) {
  std::size_t end = topEnd(lines);
  int depth = 0;
  for (std::size_t i = 0; i < end; ++i) {
    std::string c = code(lines[i]);
    if (depth == 0) {
      std::size_t eq = c.find('=');
      std::string k = eq == std::string::npos ? "" : trim(c.substr(0, eq));
      if (k.size() >= 2 && (k.front() == '"' || k.front() == '\'') && k.back() == k.front()) {
        k = k.substr(1, k.size() - 2);
      }
      if (eq != std::string::npos && k == key) {
        Entry e;
        e.first = i;
        e.value = trim(c.substr(eq + 1));
        int d = bracketBalance(lines[i]);
        std::size_t j = i;
        while (d > 0 && j + 1 < end) {
          ++j;
          d += bracketBalance(lines[j]);
          e.value += "\n" + code(lines[j]);
        }
        e.last = j;
        return e;
      }
    }
    depth += bracketBalance(lines[i]);
  }
  return std::nullopt;
}

// Where a new top-level key goes: after the last non-blank line before the first [table].
std::size_t insertionPoint(const std::vector<std::string>& lines) {
  std::size_t end = topEnd(lines);
  while (end > 0 && trim(lines[end - 1]).empty() && end < lines.size()) --end;
  return end;
}

std::vector<std::string> insertLine(std::vector<std::string> lines, const std::string& line) {
  lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(insertionPoint(lines)), line + "\n");
  return lines;
}

// The strings of a TOML array's code, or nullopt when it holds anything else.
std::optional<std::vector<std::string>> strings(const std::string& value) {
  if (value.empty() || value.front() != '[' || value.back() != ']') return std::nullopt;
  std::vector<std::string> out;
  std::size_t i = 1;
  while (i < value.size() - 1) {
    char c = value[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',') {
      ++i;
    } else if (c == '"' || c == '\'') {
      std::string s;
      ++i;
      while (i < value.size() && value[i] != c) {
        if (c == '"' && value[i] == '\\' && i + 1 < value.size()) ++i;
        s += value[i++];
      }
      if (i >= value.size()) return std::nullopt;
      ++i;
      out.push_back(s);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

bool hasKey(const std::string& text, const std::string& key) {
  return find(splitLines(text), key).has_value();
}

std::optional<std::string> addToArray(const std::string& text, const std::string& key,
                                      const std::string& value) {
  std::vector<std::string> lines = splitLines(text);
  std::optional<Entry> e = find(lines, key);
  if (!e) return join(insertLine(lines, key + " = [" + quoted(value) + "]"));
  std::optional<std::vector<std::string>> items = strings(e->value);
  if (!items) return std::nullopt;
  for (const std::string& s : *items) {
    if (s == value) return text;
  }
  if (e->first == e->last) {
    // One line: insert before its closing bracket.
    std::string& line = lines[e->first];
    std::string c = code(line);
    std::size_t close = line.find(c) + c.size() - 1;  // the `]` ending the value
    std::size_t prev = close;
    while (prev > 0 && std::isspace(static_cast<unsigned char>(line[prev - 1]))) --prev;
    std::string insert = line[prev - 1] == '['   ? quoted(value)
                         : line[prev - 1] == ',' ? " " + quoted(value)
                                                 : ", " + quoted(value);
    line.insert(prev, insert);
    return join(lines);
  }
  // Several lines: the closing bracket must be alone on its line, the item before it end
  // with a comma or a string.
  if (code(lines[e->last]) != "]") return std::nullopt;
  std::size_t prevItem = e->last - 1;
  while (prevItem > e->first && code(lines[prevItem]).empty()) --prevItem;
  std::string prevCode = code(lines[prevItem]);
  std::string indent = "  ";
  if (prevItem > e->first) {
    const std::string& l = lines[prevItem];
    indent = l.substr(0, l.find_first_not_of(" \t"));
    if (prevCode.back() != ',') {
      if (prevCode != trim(lines[prevItem])) return std::nullopt;  // a comment after it
      std::string& pl = lines[prevItem];
      pl.insert(pl.find_last_not_of(" \t\r\n") + 1, ",");
    }
  } else if (prevCode.back() != '[' && prevCode.back() != ',') {
    return std::nullopt;
  }
  lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(e->last),
               indent + quoted(value) + ",\n");
  return join(lines);
}

std::optional<std::string> setString(const std::string& text, const std::string& key,
                                     const std::string& value) {
  std::vector<std::string> lines = splitLines(text);
  std::optional<Entry> e = find(lines, key);
  if (!e) return join(insertLine(lines, key + " = " + quoted(value)));
  if (e->first != e->last || e->value.empty() ||
      (e->value.front() != '"' && e->value.front() != '\'') ||
      e->value.back() != e->value.front()) {
    return std::nullopt;
  }
  std::string& line = lines[e->first];
  std::string c = code(line);
  std::string rest = line.substr(line.find(c) + c.size());  // spaces and a comment, newline
  std::string indent = line.substr(0, line.find_first_not_of(" \t"));
  line = indent + key + " = " + quoted(value) + rest;
  return join(lines);
}

}  // namespace schemac::workflow::toml_edit
