// Export as CSV or JSON, streamed: GET /api/export?table=T&format=csv|json[&sort&dir&filters]
// (the table or its filtered view, in the listing's order) and POST /api/sql/export
// {sql, format} (a console query's whole result). Each export reads on its own read-only
// connection, a page of rows at a time, so memory stays bounded whatever the table's size and
// other requests go on meanwhile.
#include <charconv>
#include <map>
#include <memory>

#include "column_types.h"
#include "http_util.h"
#include "routes.h"
#include "row_query.h"
#include "schemac/rt/transaction.h"
#include "values.h"

namespace schemac::studio {
namespace {

constexpr int kRowsPerChunk = 500;

void appendHex(std::string& out, const std::vector<std::uint8_t>& bytes) {
  static const char* hex = "0123456789abcdef";
  for (std::uint8_t b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
}

std::string hexOf(const std::vector<std::uint8_t>& bytes) {
  std::string out;
  appendHex(out, bytes);
  return out;
}

// The shortest text that reads back as the same double.
void appendReal(std::string& out, double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  out += ec == std::errc() ? std::string_view(buf, end - buf) : std::string_view(std::to_string(d));
}

// RFC 4180: quoted when it holds a comma, a quote or a line break (quotes doubled); the
// empty string is "" so that it differs from NULL (an empty field). Appended in place: an
// export writes millions of cells.
void appendCsv(std::string& out, const rt::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return;
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *i);
    out.append(buf, end);
    return;
  }
  if (const auto* d = std::get_if<double>(&v)) return appendReal(out, *d);
  if (const auto* b = std::get_if<rt::Blob>(&v)) {
    out += "\\x";
    return appendHex(out, b->bytes);
  }
  const std::string& s = std::get<std::string>(v);
  if (!s.empty() && s.find_first_of(",\"\r\n") == std::string::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

json jsonValue(const rt::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return nullptr;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* b = std::get_if<rt::Blob>(&v)) return json{{"b", hexOf(b->bytes)}};
  return std::get<std::string>(v);
}

// One export in flight: its connection, the statement being stepped and how to write a row.
struct Export {
  std::unique_ptr<rt::Connection> db;
  std::optional<rt::Transaction> tx;  // a read transaction, never committed: one snapshot
  std::unique_ptr<rt::Statement> st;
  bool json = false;
  bool started = false;   // the header / '[' is out
  bool first = true;      // no row written yet (JSON commas)
  bool pending = false;   // st holds a row not yet written (the handler's first step)
  bool finished = false;  // st returned its last row (stepping again would rerun it)
  std::vector<std::string> names;
  // Output column i is statement column source[i]; decimal[i]: its exact text is column
  // decimalText[i] instead (-1 when none).
  std::vector<int> source, decimalText;

  ~Export() {
    st.reset();  // before the transaction and the connection
    tx.reset();
  }

  rt::Value cell(std::size_t i) const {
    rt::Value v = st->value(source[i]);
    if (decimalText[i] >= 0 && !std::holds_alternative<std::monostate>(v) &&
        !std::holds_alternative<rt::Blob>(v)) {
      return st->value(decimalText[i]);  // decimals: exact text, never a double
    }
    return v;
  }

  std::string header() const {
    if (json) return "[";
    std::string line;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i) line += ',';
      appendCsv(line, rt::Value{names[i]});
    }
    return line + "\r\n";
  }

  // One row, appended to `out`.
  void row(std::string& out) {
    if (json) {
      // Keys in the order nlohmann's object gave them before (sorted, the last of equal
      // names), without building an object per row.
      if (!ordered) jsonOrder();
      out += first ? "\n{" : ",\n{";
      for (std::size_t k = 0; k < jsonColumns.size(); ++k) {
        if (k) out += ',';
        out += jsonKeys[k];
        out += dumpJson(jsonValue(cell(jsonColumns[k])));
      }
      out += '}';
    } else {
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) out += ',';
        appendCsv(out, cell(i));
      }
      out += "\r\n";
    }
    first = false;
  }

  std::vector<std::size_t> jsonColumns;  // output column per key, in key order
  std::vector<std::string> jsonKeys;     // `"name":`
  bool ordered = false;

  void jsonOrder() {
    std::map<std::string, std::size_t> last;
    for (std::size_t i = 0; i < names.size(); ++i) last[names[i]] = i;
    for (const auto& [name, i] : last) {
      jsonColumns.push_back(i);
      jsonKeys.push_back(dumpJson(name) + ":");
    }
    ordered = true;
  }
};

void stream(httplib::Response& res, std::shared_ptr<Export> ex, const std::string& filename) {
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  res.set_chunked_content_provider(
      ex->json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      [ex](std::size_t, httplib::DataSink& sink) {
        std::string chunk;
        if (!ex->started) {
          chunk = ex->header();
          ex->started = true;
        }
        try {
          for (int n = 0; n < kRowsPerChunk; ++n) {
            if (!ex->pending && (ex->finished || !ex->st->step())) {
              chunk += ex->json ? "\n]\n" : "";
              if (!chunk.empty() && !sink.write(chunk.data(), chunk.size())) return false;
              sink.done();
              return true;
            }
            ex->pending = false;
            ex->row(chunk);
          }
        } catch (const std::exception&) {
          return false;  // the connection is cut: a broken download, never a silently short one
        }
        return sink.write(chunk.data(), chunk.size());
      });
}

std::shared_ptr<Export> openExport(Context& ctx, const std::string& format) {
  if (format != "csv" && format != "json") {
    throw ApiError(400, "unknown export format '" + format + "' (csv, json)");
  }
  auto ex = std::make_shared<Export>();
  ex->json = format == "json";
  ex->db = ctx.db->openAnother([](rt::OpenOptions& o) { o.readOnly = true; });
  if (!ex->db) throw ApiError(422, "export needs a database another connection can open");
  ex->tx.emplace(*ex->db);
  return ex;
}

// A file name made of the table's letters and digits only (it goes into a header).
std::string safeName(const std::string& table, const std::string& format) {
  std::string out;
  for (char c : table) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return (out.empty() ? "export" : out) + "." + format;
}

void handleTableExport(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  Listing l = parseListing(*ctx.db, req);
  std::string format = req.has_param("format") ? req.get_param_value("format") : "csv";
  std::vector<LogicalColumn> logical = logicalColumns(ctx, l.table);
  std::vector<bool> decimal;
  for (const LogicalColumn& c : logical) decimal.push_back(isDecimal(c));
  addDecimalText(l, decimal);
  SelectSql q = selectSql(l, nullptr, false, std::nullopt);
  std::shared_ptr<Export> ex = openExport(ctx, format);
  ex->st = ex->db->prepare(q.sql);
  for (std::size_t i = 0; i < q.params.size(); ++i)
    ex->st->bind(static_cast<int>(i + 1), q.params[i]);
  const std::size_t keys = l.table.keySql.size(), extras = keys + l.table.columns.size();
  for (std::size_t i = 0; i < l.table.columns.size(); ++i) {
    ex->names.push_back(l.table.columns[i].name);
    ex->source.push_back(static_cast<int>(keys + i));
    ex->decimalText.push_back(l.decimalExtra[i] < 0 ? -1
                                                    : static_cast<int>(extras) + l.decimalExtra[i]);
  }
  stream(res, ex, safeName(l.table.name, format));
}

void handleSqlExport(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  json body = parseBody(req);
  std::string sql = requireString(body, "sql");
  std::shared_ptr<Export> ex = openExport(ctx, body.value("format", "csv"));
  try {
    ex->st = ex->db->prepare(sql);
    // The first row now, so that a statement that writes (refused on this read-only
    // connection) is a clean 403 instead of a cut download.
    ex->pending = ex->st->step();
    ex->finished = !ex->pending;
  } catch (const rt::DbError& e) {
    int code = e.code() & 0xff;
    if (code == 8) {
      throw ApiError(403, "this statement writes to the database (" + e.dbMessage() +
                              "); only queries can be exported");
    }
    if (!ctx.denied.empty()) throw ApiError(403, ctx.denied);
    throw ApiError(code == 23 ? 403 : 400, e.dbMessage());
  }
  for (int i = 0; i < ex->st->columnCount(); ++i) {
    ex->names.push_back(ex->st->columnName(i));
    ex->source.push_back(i);
    ex->decimalText.push_back(-1);
  }
  stream(res, ex, std::string("query.") + (ex->json ? "json" : "csv"));
}

}  // namespace

void registerExportRoutes(httplib::Server& http, Context& ctx) {
  http.Get("/api/export",
           api(ctx, [&ctx](const auto& req, auto& res) { handleTableExport(ctx, req, res); }));
  http.Post("/api/sql/export",
            api(ctx, [&ctx](const auto& req, auto& res) { handleSqlExport(ctx, req, res); }));
}

}  // namespace schemac::studio
