#include "schemac/workflow/import_drizzle.h"

#include <algorithm>
#include <optional>
#include <regex>

#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/db/pull.h"
#include "schemac/diag.h"
#include "schemac/import/drizzle_import.h"
#include "schemac/parse.h"
#include "schemac/sema.h"
#include "schemac/support/input_file.h"
#include "schemac/workflow/error.h"
#include "schemac/workflow/files.h"
#include "toml_edit.h"

namespace schemac::workflow {

namespace {

namespace fs = std::filesystem;

// nullopt when the file does not exist; a file that exists but cannot be read (a FIFO, too
// large, no permission) is an error, never taken for an absent one (editConfig would replace it).
std::optional<std::string> readFile(const fs::path& p) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(p, ec)) && !fs::exists(p, ec)) return std::nullopt;
  std::string text, error;
  if (!support::readInputFile(p.string(), &text, &error)) throw Error(error);
  return text;
}

// A path as the user should see it: relative to the current directory when that is shorter.
std::string display(const fs::path& p) {
  std::error_code ec;
  fs::path rel = fs::relative(p, fs::current_path(), ec);
  std::string r = rel.generic_string();
  if (ec || r.empty() || r.rfind("../../../", 0) == 0) return p.generic_string();
  return r;
}

// `p` relative to `base` (both made absolute), with forward slashes, for schemac.toml.
std::string relativeTo(const fs::path& p, const fs::path& base) {
  fs::path rel =
      fs::absolute(p).lexically_normal().lexically_relative(fs::absolute(base).lexically_normal());
  std::string r = rel.generic_string();
  return r.empty() ? "." : r;
}

// ---- drizzle.config ----

struct DrizzleConfig {
  fs::path file;
  std::optional<std::string> out;
  std::vector<std::string> schema;  // as written: files, directories or globs
};

std::optional<DrizzleConfig> findDrizzleConfig(const std::vector<fs::path>& dirs) {
  for (const fs::path& dir : dirs) {
    for (const char* name :
         {"drizzle.config.ts", "drizzle.config.js", "drizzle.config.mjs", "drizzle.config.json"}) {
      fs::path file = dir / name;
      std::error_code ec;
      if (!fs::is_regular_file(file, ec)) continue;
      std::optional<std::string> text = readFile(file);
      if (!text) continue;
      DrizzleConfig c;
      c.file = file;
      // `out: './drizzle'`, `"schema": "./src/schema.ts"` or `schema: ['a.ts', 'b.ts']`: the
      // literal values only (a computed value is not read).
      static const std::regex out(R"re(["']?\bout["']?\s*:\s*["'`]([^"'`]+)["'`])re");
      static const std::regex schema(
          R"re(["']?\bschema["']?\s*:\s*(\[[^\]]*\]|["'`][^"'`]+["'`]))re");
      static const std::regex str(R"re(["'`]([^"'`]+)["'`])re");
      std::smatch m;
      if (std::regex_search(*text, m, out)) c.out = m[1].str();
      if (std::regex_search(*text, m, schema)) {
        std::string v = m[1].str();
        for (std::sregex_iterator it(v.begin(), v.end(), str), end; it != end; ++it) {
          c.schema.push_back((*it)[1].str());
        }
      }
      return c;
    }
  }
  return std::nullopt;
}

// A schema entry of drizzle.config: a file, a directory (its .ts/.js files) or a glob with `*`
// in its last part.
std::vector<fs::path> expandSchemaEntry(const fs::path& base, const std::string& entry,
                                        std::vector<std::string>& warnings) {
  fs::path p = base / entry;
  std::error_code ec;
  std::vector<fs::path> out;
  auto scriptFile = [](const fs::path& f) {
    std::string e = f.extension().string();
    return e == ".ts" || e == ".js" || e == ".mjs" || e == ".mts";
  };
  if (fs::is_directory(p, ec)) {
    for (const auto& e : fs::recursive_directory_iterator(p, ec)) {
      if (e.is_regular_file() && scriptFile(e.path())) out.push_back(e.path());
    }
  } else if (entry.find('*') != std::string::npos) {
    std::string pattern = p.filename().string();
    std::string re;
    for (char c : pattern) {
      if (c == '*') {
        re += ".*";
      } else if (std::isalnum(static_cast<unsigned char>(c))) {
        re += c;
      } else {
        re += std::string("\\") + c;
      }
    }
    std::regex match(re);
    fs::path dir = p.parent_path();
    if (entry.find("**") != std::string::npos || dir.string().find('*') != std::string::npos) {
      warnings.push_back("drizzle.config: schema \"" + entry +
                         "\": only a `*` in the file name is understood; not read");
      return out;
    }
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      if (e.is_regular_file() && std::regex_match(e.path().filename().string(), match)) {
        out.push_back(e.path());
      }
    }
  } else {
    out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// ---- compiling the result ----

struct Compiled {
  std::optional<ir::Schema> schema;
  std::string diagnostics;
};

Compiled compileText(const std::string& text, const std::string& name) {
  SourceManager sm;
  DiagEngine diags(sm);
  FileId file = sm.addBuffer(name, text);
  std::vector<ast::Module> modules;
  modules.push_back(parse(sm, file, diags));
  Compiled c;
  if (!diags.hadErrors()) c.schema = sema::analyze(modules, diags);
  if (diags.hadErrors()) c.schema.reset();
  for (const Diagnostic& d : diags.diagnostics()) c.diagnostics += renderText(d, sm);
  return c;
}

// Every expression of a schema (defaults, generated columns, checks, index predicates), in
// a fixed order, so that two schemas of the same shape pair slot by slot.
std::vector<ir::Expr*> expressionSlots(ir::Schema& s) {
  std::vector<ir::Expr*> out;
  for (ir::Table& t : s.tables) {
    for (ir::Column& c : t.columns) {
      if (c.defaultValue) out.push_back(&*c.defaultValue);
      if (c.generated) out.push_back(&c.generated->expr);
    }
    for (ir::Check& c : t.checks) out.push_back(&c.expr);
    for (ir::Index& i : t.indexes) {
      if (i.where) out.push_back(&*i.where);
    }
  }
  return out;
}

// The .schema text of the imported IR. Each expression the language can say (db's
// recoverExpressions) is written that way when the file still compiles to the same database
// with it; any other stays sql"..." (e.g. `(unixepoch())`: the language has no unixepoch).
std::string schemaText(const ir::Schema& imported, const std::string& name, const Log& log) {
  ir::Schema expected = db::normalizeForSqlite(imported);
  auto problem = [&](const ir::Schema& candidate) -> std::optional<std::string> {
    std::string text = db::renderSchemaText(candidate);
    Compiled c = compileText(text, name);
    if (!c.schema) return c.diagnostics;
    ir::Schema got = db::normalizeForSqlite(*c.schema);
    if (got == expected) return std::nullopt;
    std::string out;
    for (const std::string& d : db::describeDifferences(expected, got)) out += d + "\n";
    return out;
  };
  ir::Schema recovered = db::recoverExpressions(imported);
  if (!problem(recovered)) return db::renderSchemaText(recovered);
  ir::Schema raw = imported;
  if (std::optional<std::string> p = problem(raw)) {
    logTo(log, LogLevel::Error, *p);
    throw Error(
        "the imported schema does not compile to what the snapshot describes (a "
        "schemac bug: please report it with the snapshot)");
  }
  // Some recovered expression breaks the file: keep the ones that work on their own.
  std::vector<ir::Expr*> rawSlots = expressionSlots(raw);
  std::vector<ir::Expr*> recSlots = expressionSlots(recovered);
  if (rawSlots.size() != recSlots.size()) return db::renderSchemaText(raw);
  ir::Schema kept = raw;
  std::vector<ir::Expr*> keptSlots = expressionSlots(kept);
  for (std::size_t i = 0; i < rawSlots.size(); ++i) {
    if (*rawSlots[i] == *recSlots[i]) continue;
    ir::Schema one = raw;
    *expressionSlots(one)[i] = *recSlots[i];
    if (!problem(one)) *keptSlots[i] = *recSlots[i];
  }
  return db::renderSchemaText(problem(kept) ? raw : kept);
}

// ---- schemac.toml ----

struct ConfigEdit {
  std::string text;    // the new content (empty when nothing to write)
  std::string action;  // created / updated / unchanged / "" (advice only)
  std::string advice;
};

ConfigEdit editConfig(const fs::path& file, const std::string& output, const std::string& dir) {
  namespace te = toml_edit;
  const std::string ignore = "__drizzle_migrations";
  std::optional<std::string> existing = readFile(file);
  ConfigEdit edit;
  if (!existing) {
    edit.action = "created";
    edit.text =
        "# schemac project settings (docs/import-drizzle.md). Written by `schemac import "
        "drizzle`.\nschema = [" +
        te::quoted(output) +
        "]\nout = \"migrations\"\n# Tables schemac leaves alone.\n"
        "ignore = [" +
        te::quoted(ignore) +
        "]\n# The Drizzle migrations folder "
        "(`schemac baseline` checks it is fully applied).\ndrizzle = " +
        te::quoted(dir) + "\n";
    return edit;
  }
  std::optional<std::string> text = *existing;
  if (!te::hasKey(*text, "schema")) text = te::addToArray(*text, "schema", output);
  if (text) text = te::addToArray(*text, "ignore", ignore);
  if (text) text = te::setString(*text, "drizzle", dir);
  if (!text) {
    edit.advice = "add to " + display(file) + " (top level): ignore = [..., " + te::quoted(ignore) +
                  "] and drizzle = " + te::quoted(dir);
    return edit;
  }
  edit.action = *text == *existing ? "unchanged" : "updated";
  if (*text != *existing) edit.text = *text;
  return edit;
}

}  // namespace

ImportDrizzleResult importDrizzle(const ImportDrizzleOptions& options) {
  ImportDrizzleResult result;
  auto warn = [&](const std::string& w) {
    result.warnings.push_back(w);
    logTo(options.log, LogLevel::Warning, "warning: " + w);
  };
  fs::path configDir = options.configFile.parent_path();
  if (configDir.empty()) configDir = ".";

  // The folder, then drizzle.config (current directory first, then the folder's parent).
  std::vector<fs::path> configDirs = {fs::path(".")};
  if (!options.dir.empty()) configDirs.push_back(fs::path(options.dir).parent_path());
  std::optional<DrizzleConfig> dconfig = findDrizzleConfig(configDirs);
  fs::path dir;
  if (!options.dir.empty()) {
    dir = options.dir;
  } else if (dconfig && dconfig->out) {
    dir = dconfig->file.parent_path() / *dconfig->out;
  } else {
    dir = "drizzle";
  }
  dir = dir.lexically_normal();
  result.dir = display(dir);

  importer::DrizzleImport imported;
  try {
    importer::DrizzleJournal journal = importer::readDrizzleJournal(dir);
    importer::DrizzleSnapshot snapshot = importer::readNewestDrizzleSnapshot(dir, journal);
    result.snapshot = display(snapshot.file);

    std::vector<fs::path> tsFiles;
    if (!options.schemaTs.empty()) {
      tsFiles.push_back(options.schemaTs);
    } else if (dconfig) {
      std::vector<std::string> w;
      for (const std::string& entry : dconfig->schema) {
        for (fs::path& f : expandSchemaEntry(dconfig->file.parent_path(), entry, w)) {
          tsFiles.push_back(std::move(f));
        }
      }
      for (const std::string& x : w) warn(x);
    }
    importer::TsSchema modes;
    for (const fs::path& f : tsFiles) {
      std::optional<std::string> text = readFile(f);
      if (!text) throw Error("cannot read the Drizzle schema '" + display(f) + "'");
      importer::TsSchema one = importer::scanDrizzleSchemaTs(*text, display(f));
      modes.file = modes.file.empty() ? one.file : modes.file + ", " + one.file;
      modes.columns.insert(modes.columns.end(), one.columns.begin(), one.columns.end());
      modes.tables.insert(modes.tables.end(), one.tables.begin(), one.tables.end());
      for (const std::string& w : one.warnings) warn(w);
      result.schemaTs.push_back(display(f));
    }
    if (tsFiles.empty()) {
      logTo(options.log, LogLevel::Info,
            "note: no Drizzle schema.ts given or found in a drizzle.config: column modes "
            "(timestamps, booleans, JSON, enums) were not read; pass --schema-ts FILE");
    }
    imported = importer::importDrizzleSnapshot(snapshot, tsFiles.empty() ? nullptr : &modes);
  } catch (const importer::ImportError& e) {
    throw Error(e.what());
  }
  for (const std::string& w : imported.warnings) warn(w);

  fs::path output =
      options.output.empty() ? configDir / kDefaultImportOutput : fs::path(options.output);
  result.output = display(output);
  std::error_code ec;
  if (fs::exists(output, ec) && !options.force) {
    throw Error("'" + result.output + "' exists; pass --force to overwrite it");
  }
  result.text = schemaText(imported.schema, result.output, options.log);

  ConfigEdit config =
      editConfig(options.configFile, relativeTo(output, configDir), relativeTo(dir, configDir));
  result.configAction = config.action;
  result.configAdvice = config.advice;

  if (!output.parent_path().empty()) {
    fs::create_directories(output.parent_path(), ec);
    if (ec) throw Error("cannot create '" + display(output.parent_path()) + "': " + ec.message());
  }
  writeFileAtomically(output.string(), result.text);
  if (!config.text.empty()) writeFileAtomically(options.configFile.string(), config.text);
  return result;
}

}  // namespace schemac::workflow
