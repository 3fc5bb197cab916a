// Finding and reading schemac.toml, and the precedence rules that turn it, the environment and
// the flags into the settings a command runs with.
#include "config.h"

#include <fmt/core.h>
#include <fnmatch.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <system_error>

#include "commands.h"
#include "schemac/support/input_file.h"

namespace fs = std::filesystem;

namespace schemac::cli {
namespace {

std::string where(const fs::path& file, const toml::source_region& r) {
  return fmt::format("{}:{}:{}", file.string(), r.begin.line, r.begin.column);
}

std::optional<std::string> stringKey(const toml::table& t, std::string_view key,
                                     const fs::path& file) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (auto s = n->value<std::string>()) return *s;
  throw CommandError(fmt::format("{}: error: `{}` must be a string", where(file, n->source()), key),
                     kExitUsage);
}

// A list of strings; a single string is accepted as a one-element list.
std::vector<std::string> stringListKey(const toml::table& t, std::string_view key,
                                       const fs::path& file) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  if (auto s = n->value<std::string>()) {
    out.push_back(*s);
    return out;
  }
  const toml::array* a = n->as_array();
  if (!a) {
    throw CommandError(
        fmt::format("{}: error: `{}` must be a list of strings", where(file, n->source()), key),
        kExitUsage);
  }
  for (const toml::node& el : *a) {
    auto s = el.value<std::string>();
    if (!s) {
      throw CommandError(
          fmt::format("{}: error: `{}` must be a list of strings", where(file, el.source()), key),
          kExitUsage);
    }
    out.push_back(*s);
  }
  return out;
}

bool hasGlobChars(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

// Recursive glob over path segments; `**` matches zero or more directories.
void globInto(const fs::path& dir, const std::vector<std::string>& segs, std::size_t i,
              std::set<std::string>& out) {
  std::error_code ec;
  if (i == segs.size()) {
    if (fs::is_regular_file(dir, ec)) out.insert(dir.lexically_normal().generic_string());
    return;
  }
  const std::string& seg = segs[i];
  if (seg == "**") {
    globInto(dir, segs, i + 1, out);
    if (!fs::is_directory(dir, ec)) return;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.starts_with(".")) continue;  // hidden directories are never schema folders
      if (it->is_directory(ec)) globInto(it->path(), segs, i, out);
    }
    return;
  }
  if (!hasGlobChars(seg)) {
    globInto(dir / seg, segs, i + 1, out);
    return;
  }
  if (!fs::is_directory(dir, ec)) return;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (fnmatch(seg.c_str(), name.c_str(), FNM_PERIOD) == 0) globInto(it->path(), segs, i + 1, out);
  }
}

}  // namespace

std::string Config::resolve(const std::string& path) const {
  fs::path p(path);
  if (p.is_absolute() || baseDir.empty() || baseDir == ".") return p.lexically_normal().string();
  return (baseDir / p).lexically_normal().string();
}

Config loadConfigFile(const fs::path& file, const fs::path& baseDir) {
  std::string text, error;
  if (!support::readInputFile(file.string(), &text, &error)) throw CommandError(error, kExitUsage);

  toml::table t;
  try {
    t = toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    throw CommandError(
        fmt::format("{}: error: {}", where(file, e.source()), std::string(e.description())),
        kExitUsage);
  }

  Config c;
  c.file = file;
  c.baseDir = baseDir;
  c.schema = stringListKey(t, "schema", file);
  c.ignore = stringListKey(t, "ignore", file);
  c.drizzle = stringKey(t, "drizzle", file);
  c.out = stringKey(t, "out", file);
  c.dialect = stringKey(t, "dialect", file);
  c.cppOut = stringKey(t, "cpp_out", file);
  c.tsOut = stringKey(t, "ts_out", file);
  c.ns = stringKey(t, "namespace", file);
  c.url = stringKey(t, "url", file);
  c.authTokenFile = stringKey(t, "auth_token_file", file);
  if (const toml::node* n = t.get("rebuild_autoincrement")) {
    auto b = n->value<bool>();
    if (!b) {
      throw CommandError(fmt::format("{}: error: `rebuild_autoincrement` must be true or false",
                                     where(file, n->source())),
                         kExitUsage);
    }
    c.rebuildAutoincrement = *b;
  }

  static const std::set<std::string, std::less<>> kKnown = {"schema",
                                                            "out",
                                                            "dialect",
                                                            "cpp_out",
                                                            "ts_out",
                                                            "namespace",
                                                            "url",
                                                            "rebuild_autoincrement",
                                                            "ignore",
                                                            "drizzle",
                                                            "auth_token_file"};
  // Sorted, so warnings come out in a stable order.
  std::vector<std::pair<std::string, toml::source_region>> unknown;
  for (auto&& [key, node] : t) {
    if (!kKnown.contains(key.str())) unknown.emplace_back(std::string(key.str()), key.source());
  }
  std::sort(unknown.begin(), unknown.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [key, region] : unknown) {
    fmt::print(
        stderr,
        "{}: warning: unknown key `{}` (known: schema, out, dialect, cpp_out, ts_out, namespace, "
        "url, rebuild_autoincrement, ignore, drizzle, auth_token_file)\n",
        where(file, region), key);
  }
  return c;
}

Config loadConfig() {
  std::error_code ec;
  fs::path dir = fs::current_path(ec);
  if (ec) return Config{};
  fs::path rel = ".";
  for (;;) {
    fs::path candidate = dir / kConfigFileName;
    if (fs::is_regular_file(candidate, ec)) {
      return loadConfigFile(rel == "." ? fs::path(kConfigFileName) : rel / kConfigFileName, rel);
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
    rel = rel == "." ? fs::path("..") : rel / "..";
  }
  return Config{};
}

std::vector<std::string> expandSchemaPatterns(const std::vector<std::string>& patterns,
                                              const fs::path& baseDir) {
  std::set<std::string> files;
  for (const std::string& pattern : patterns) {
    fs::path full = fs::path(pattern).is_absolute() ? fs::path(pattern) : baseDir / pattern;
    if (!hasGlobChars(pattern)) {
      files.insert(full.lexically_normal().generic_string());
      continue;
    }
    std::vector<std::string> segs;
    fs::path root;
    for (const fs::path& part : full.lexically_normal()) {
      if (part.empty()) continue;
      if (segs.empty() && !hasGlobChars(part.string()) && part.string() != "**") {
        root /= part;
      } else {
        segs.push_back(part.string());
      }
    }
    std::set<std::string> matched;
    globInto(root.empty() ? fs::path(".") : root, segs, 0, matched);
    if (matched.empty()) {
      throw CommandError(fmt::format("schema pattern `{}` matches no file", pattern));
    }
    files.insert(matched.begin(), matched.end());
  }
  return {files.begin(), files.end()};
}

std::vector<std::string> resolveSchemaFiles(const std::vector<std::string>& cliFiles,
                                            const Config& config) {
  if (!cliFiles.empty()) return cliFiles;
  if (config.found() && !config.schema.empty()) {
    return expandSchemaPatterns(config.schema, config.baseDir);
  }
  throw CommandError(
      "no schema files: pass them on the command line or set `schema` in schemac.toml", kExitUsage);
}

std::string resolveOutDir(const std::string& cliOut, const Config& config) {
  if (!cliOut.empty()) return cliOut;
  if (config.out) return config.resolve(*config.out);
  return config.resolve("migrations");
}

std::string resolveDialect(const std::string& cliDialect, const Config& config) {
  std::string d = !cliDialect.empty() ? cliDialect : config.dialect.value_or("sqlite");
  if (d != "sqlite") {
    throw CommandError(fmt::format("unsupported dialect `{}` (supported: sqlite)", d), kExitUsage);
  }
  return d;
}

std::string resolveUrl(const std::string& cliUrl, const Config& config) {
  if (!cliUrl.empty()) return cliUrl;
  if (const char* env = std::getenv("DATABASE_URL")) {
    if (*env) return env;
    throw CommandError(
        "DATABASE_URL is set but empty (a missing CI secret?): set it to a database URL, or "
        "unset it to use schemac.toml's url or file:./local.db",
        kExitUsage);
  }
  if (config.url) return *config.url;
  return "file:./local.db";
}

}  // namespace schemac::cli
