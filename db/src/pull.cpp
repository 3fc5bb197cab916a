// schemac pull: introspect, write the schema as text, and prove the text before returning it.
#include "schemac/db/pull.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "inspect_internal.h"
#include "pull_internal.h"
#include "schemac/diag.h"
#include "schemac/parse.h"
#include "schemac/sema.h"

namespace schemac::db {
namespace {

struct Compiled {
  std::optional<ir::Schema> schema;
  std::string error;  // "line 6: unknown table 'orgs'": the first error, when it does not compile
  std::vector<std::pair<std::size_t, std::size_t>> errorRanges;  // byte ranges of the errors
};

Compiled compile(const std::string& text) {
  SourceManager sm;
  DiagEngine diags(sm);
  FileId file = sm.addBuffer("pulled.schema", text);
  std::vector<ast::Module> modules;
  modules.push_back(parse(sm, file, diags));
  Compiled out;
  if (!diags.hadErrors()) out.schema = sema::analyze(modules, diags);
  if (!diags.hadErrors() && out.schema) return out;
  out.schema.reset();
  for (const Diagnostic& d : diags.diagnostics()) {
    if (d.severity != Severity::Error) continue;
    if (d.range) out.errorRanges.push_back({d.range->begin.offset, d.range->end.offset});
    if (!out.error.empty()) continue;
    out.error = d.message;
    if (d.range)
      out.error = "line " + std::to_string(sm.lineCol(d.range->begin).line) + ": " + out.error;
  }
  if (out.error.empty()) out.error = "it does not compile";
  return out;
}

// Chooses, expression by expression, between the raw SQL introspection read and what
// recoverExpressions() made of it. Each candidate lowers to its SQL on its own; in the file it
// may still fail (a function sema does not know, a name sema resolves to an enum value, a type
// error), and then only that expression stays raw.
class ExpressionChooser {
 public:
  explicit ExpressionChooser(const ir::Schema& live)
      : live_(live), recovered_(recoverExpressions(live)) {
    // Both are `live` with some expressions changed, so their slots pair one to one.
    liveSlots_ = detail::expressionSlots(live_);
    recoveredSlots_ = detail::expressionSlots(recovered_);
    for (std::size_t i = 0; i < liveSlots_.size(); ++i) {
      if (*liveSlots_[i].expr != *recoveredSlots_[i].expr) candidates_.push_back(i);
    }
  }

  ExpressionChooser(const ExpressionChooser&) = delete;
  ExpressionChooser& operator=(const ExpressionChooser&) = delete;

  ir::Schema choose() {
    if (candidates_.empty()) return live_;
    Trial all = trial(candidates_);
    if (all.compiles && all.mismatched.empty()) return recovered_;
    // When the all-raw text does not compile either, no choice of expressions helps: the
    // round-trip check reports why.
    if (!trial({}).compiles) return live_;
    return with(keep(candidates_, all));
  }

 private:
  struct Trial {
    bool compiles = false;
    std::set<std::size_t> mismatched;  // slots of the subset whose compiled SQL differs
    std::set<std::size_t> suspects;    // slots of the subset an error points into
  };

  ir::Schema with(const std::vector<std::size_t>& subset) const {
    ir::Schema s = live_;
    std::vector<detail::ExprSlot> slots = detail::expressionSlots(s);
    for (std::size_t i : subset) *slots[i].expr = *recoveredSlots_[i].expr;
    return s;
  }

  Trial trial(const std::vector<std::size_t>& subset) const {
    ir::Schema candidate = with(subset);
    detail::ExprSpans spans;
    Compiled c = compile(renderSchemaText(candidate, &spans));
    Trial t;
    if (!c.schema) {
      std::vector<detail::ExprSlot> slots = detail::expressionSlots(candidate);
      for (std::size_t i : subset) {
        auto span = spans.find(slots[i].expr);
        if (span == spans.end()) continue;
        for (const auto& [begin, end] : c.errorRanges) {
          // An empty range is a point: inside the expression or at its end.
          if (begin <= span->second.second && std::max(end, begin + 1) > span->second.first) {
            t.suspects.insert(i);
          }
        }
      }
      return t;
    }
    t.compiles = true;
    ir::Schema normalized = normalizeForSqlite(*c.schema);
    std::map<std::string, const ir::Expr*> got;
    std::set<std::string> unnamedChecks;  // "table\tcanonical SQL"
    for (const detail::ExprSlot& slot : detail::expressionSlots(normalized)) {
      got.emplace(slot.key, slot.expr);
      if (slot.unnamedCheck && slot.expr->kind == ir::ExprKind::Raw) {
        unnamedChecks.insert(slot.table->name + "\t" + detail::canonicalSql(slot.expr->text));
      }
    }
    for (std::size_t i : subset) {
      const detail::ExprSlot& slot = liveSlots_[i];
      const ir::Expr& want = *slot.expr;
      bool same = false;
      if (slot.unnamedCheck) {
        same = unnamedChecks.count(slot.table->name + "\t" + detail::canonicalSql(want.text)) > 0;
      } else if (auto it = got.find(slot.key); it != got.end()) {
        same = it->second->kind == ir::ExprKind::Raw && want.kind == ir::ExprKind::Raw
                   ? detail::sameSql(it->second->text, want.text)
                   : *it->second == want;
      }
      if (!same) t.mismatched.insert(i);
    }
    return t;
  }

  // The candidates of `subset` that compile back to their SQL, given `first` = trial(subset).
  // An expression an error points into stays raw; a file that still does not compile is split
  // in halves until each error is one expression's.
  std::vector<std::size_t> keep(const std::vector<std::size_t>& subset, const Trial& first) const {
    if (subset.empty()) return {};
    if (first.compiles) {
      if (first.mismatched.empty()) return subset;
      std::vector<std::size_t> rest;
      for (std::size_t i : subset) {
        if (!first.mismatched.count(i)) rest.push_back(i);
      }
      return keep(rest, trial(rest));
    }
    if (subset.size() == 1) return {};
    if (!first.suspects.empty()) {
      // An error inside an expression: that one stays raw (usually a function sema does
      // not know).
      std::vector<std::size_t> rest;
      for (std::size_t i : subset) {
        if (!first.suspects.count(i)) rest.push_back(i);
      }
      return keep(rest, trial(rest));
    }
    // An error elsewhere (a name that now resolves differently, ...): halve the suspects.
    std::size_t half = subset.size() / 2;
    std::vector<std::size_t> left(subset.begin(), subset.begin() + half);
    std::vector<std::size_t> right(subset.begin() + half, subset.end());
    std::vector<std::size_t> merged = keep(left, trial(left));
    for (std::size_t i : keep(right, trial(right))) merged.push_back(i);
    if (merged.size() < subset.size()) return keep(merged, trial(merged));
    // Each half works alone, both together do not: add them one at a time.
    std::vector<std::size_t> kept;
    for (std::size_t i : merged) {
      kept.push_back(i);
      Trial t = trial(kept);
      if (!t.compiles || !t.mismatched.empty()) kept.pop_back();
    }
    return kept;
  }

  ir::Schema live_;
  ir::Schema recovered_;
  // Point into live_ and recovered_: the chooser is never copied.
  std::vector<detail::ExprSlot> liveSlots_;
  std::vector<detail::ExprSlot> recoveredSlots_;
  std::vector<std::size_t> candidates_;
};

std::string lowerCase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string upperCase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

// With --lossy, what hangs on an object left out goes with it, so the text still compiles: a
// foreign key to a table that is not kept, a trigger on a table or view that is not kept. Each
// is listed in `lost` when that is not null. Names compare as SQLite compares them.
void dropDependents(ir::Schema& s, const std::vector<Unrepresentable>& gone,
                    std::vector<Unrepresentable>* lost) {
  std::set<std::string> names;
  for (const Unrepresentable& u : gone) {
    if (u.kind == "table" || u.kind == "view" || u.kind == "virtual table") {
      names.insert(lowerCase(u.name));
    }
  }
  if (names.empty()) return;
  for (ir::Table& t : s.tables) {
    std::erase_if(t.foreignKeys, [&](const ir::ForeignKey& fk) {
      if (!names.count(lowerCase(fk.refTable))) return false;
      if (lost) {
        lost->push_back(
            {"foreign key", fk.name,
             "on \"" + t.name + "\" references \"" + fk.refTable + "\", which is not kept",
             "FOREIGN KEY (" + joinNames(fk.columns) + ") REFERENCES " + fk.refTable + " (" +
                 joinNames(fk.refColumns) + ")"});
      }
      return true;
    });
  }
  std::erase_if(s.triggers, [&](const ir::Trigger& tr) {
    if (!names.count(lowerCase(tr.table))) return false;
    if (lost) {
      std::string sql = "CREATE TRIGGER " + tr.name + " " +
                        upperCase(ir::triggerTimingName(tr.timing)) + " " +
                        upperCase(ir::triggerEventName(tr.event)) +
                        (tr.columns.empty() ? "" : " OF " + joinNames(tr.columns)) + " ON " +
                        tr.table + (tr.forEachRow ? " FOR EACH ROW" : "") +
                        (tr.when.empty() ? "" : " WHEN " + tr.when) + "\n" + tr.body;
      lost->push_back(
          {"trigger", tr.name, "on \"" + tr.table + "\", which is not kept", std::move(sql)});
    }
    return true;
  });
}

// Why `text` does not describe the database exactly, or nullopt when it does: it compiles,
// and introspecting the database against it (as `status` does) gives what it lowers to.
std::optional<std::string> roundTripProblem(rt::Connection& conn, const std::string& text,
                                            const IgnoreList& ignore) {
  Compiled c = compile(text);
  if (!c.schema) return "the text would not compile (" + c.error + ")";
  ir::Schema expected = normalizeForSqlite(*c.schema);
  // What was left out (and reported) is left out of the comparison too.
  std::vector<Unrepresentable> lost;
  ir::Schema actual = inspect(conn, &*c.schema, &expected, ignore, &lost);
  dropDependents(actual, lost, nullptr);
  if (actual == expected) return std::nullopt;
  std::vector<std::string> diffs = describeDifferences(expected, actual);
  if (diffs.empty()) return "the text would compile to a different schema";
  std::string out = "the text would differ from the database: " + diffs.front();
  if (diffs.size() > 1) out += " (and " + std::to_string(diffs.size() - 1) + " more differences)";
  return out;
}

std::string objectName(const Unrepresentable& u) { return u.kind + " \"" + u.name + "\""; }

std::string lostError(const std::vector<Unrepresentable>& lost) {
  std::string out = objectName(lost.front()) + " cannot be described in the schema language";
  if (!lost.front().reason.empty()) out += ": " + lost.front().reason;
  if (lost.size() > 1) {
    out += " (and " + std::to_string(lost.size() - 1) + " more:";
    for (std::size_t i = 1; i < lost.size(); ++i) out += (i > 1 ? ", " : " ") + objectName(lost[i]);
    out += ")";
  }
  return out +
         "; nothing was written (`schemac pull --lossy` writes the rest, with a warning and a "
         "comment for each object left out)";
}

// The comment block at the top of a lossy pull: each object left out, with its SQL.
std::string lossyNotes(const std::vector<Unrepresentable>& lost) {
  std::string out;
  for (const Unrepresentable& u : lost) {
    out += "// lossy: " + describeLost(u) + "\n";
    std::size_t pos = 0;
    while (pos < u.sql.size()) {
      std::size_t nl = u.sql.find('\n', pos);
      std::string line = u.sql.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
        line.pop_back();
      out += line.empty() ? "//\n" : "//   " + line + "\n";
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
  }
  return out.empty() ? out : out + "\n";
}

}  // namespace

std::string describeLost(const Unrepresentable& lost) {
  std::string out = objectName(lost) + " not kept";
  return lost.reason.empty() ? out : out + ": " + lost.reason;
}

PullResult pull(rt::Connection& conn, const PullOptions& options) {
  PullResult result;
  ir::Schema live = inspect(conn, nullptr, nullptr, options.ignore, &result.lost);
  if (!result.lost.empty() && !options.lossy) throw InspectError(lostError(result.lost));
  dropDependents(live, std::vector<Unrepresentable>(result.lost), &result.lost);
  std::string notes = lossyNotes(result.lost);
  ir::Schema chosen = ExpressionChooser(live).choose();
  result.text = notes + renderSchemaText(chosen);
  std::optional<std::string> problem = roundTripProblem(conn, result.text, options.ignore);
  if (problem && chosen != live) {
    // A safety net: the all-raw text, when the readable one does not round-trip.
    std::string raw = notes + renderSchemaText(live);
    if (!roundTripProblem(conn, raw, options.ignore)) {
      result.text = raw;
      problem.reset();
    }
  }
  if (problem) {
    throw InspectError("pull cannot write a schema for this database: " + *problem +
                       "; nothing was written");
  }
  return result;
}

std::string pullSchemaText(rt::Connection& conn, const IgnoreList& ignore) {
  PullOptions options;
  options.ignore = ignore;
  return pull(conn, options).text;
}

}  // namespace schemac::db
