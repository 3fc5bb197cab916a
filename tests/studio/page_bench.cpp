// Page speed of the studio API on a 1,000,000-row table (a bench run by hand, not a test):
// the landing sequence right after start (page, session, table list, first page: one cold
// run), then the first, 10,000th and last page (50 rows each, keyset on the rowid), the
// session and the table list, each the median of 20 HTTP calls through httplib's client to an
// in-process server; an exact count and a whole-table CSV export once each.
//   build/default/tests/schemac_studio_page_bench [rows]
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "schemac/rt/connection.h"
#include "schemac/studio/server.h"

namespace {

double onceMs(httplib::Client& client, const httplib::Headers& h, const std::string& path,
              std::size_t* bytes = nullptr) {
  auto t0 = std::chrono::steady_clock::now();
  auto r = client.Get(path, h);
  auto t1 = std::chrono::steady_clock::now();
  if (!r || r->status != 200) {
    std::fprintf(stderr, "%s failed: %s\n", path.c_str(), r ? r->body.c_str() : "no response");
    std::exit(1);
  }
  if (bytes) *bytes = r->body.size();
  return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

double medianMs(httplib::Client& client, const httplib::Headers& h, const std::string& path) {
  std::vector<double> ms;
  for (int i = 0; i < 20; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = client.Get(path, h);
    auto t1 = std::chrono::steady_clock::now();
    if (!r || r->status != 200) {
      std::fprintf(stderr, "request failed: %s\n", r ? r->body.c_str() : "no response");
      std::exit(1);
    }
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return (ms[9] + ms[10]) / 2;
}

std::string percentEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  long rows = argc > 1 ? std::atol(argv[1]) : 1000000;
  char pattern[] = "/tmp/schemac-studio-bench-XXXXXX";
  if (!mkdtemp(pattern)) return 1;
  std::filesystem::path dir = pattern;
  std::string url = "file:" + (dir / "bench.db").string();
  {
    auto db = schemac::rt::open(url);
    db->execute(
        "CREATE TABLE items (id INTEGER PRIMARY KEY, sku TEXT NOT NULL, name TEXT, "
        "price REAL, note TEXT)");
    auto t0 = std::chrono::steady_clock::now();
    db->execute("BEGIN");
    db->query("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
              std::to_string(rows) +
              ") INSERT INTO items SELECT i, 'SKU-' || i, 'item ' || (i % 977), i * 0.25, "
              "CASE WHEN i % 3 = 0 THEN NULL ELSE printf('%.80c', 'n') END FROM n");
    db->execute("COMMIT");
    std::printf(
        "filled %ld rows in %.0f ms\n", rows,
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  schemac::studio::StudioOptions o;
  o.url = url;
  o.port = 0;
  schemac::studio::Server server(o);
  server.start();
  httplib::Client client("127.0.0.1", server.port());
  httplib::Headers h = {{"X-Studio-Token", server.token()}};

  // Landing: what the browser asks for first, on a server that has not seen a request yet.
  double page0 = onceMs(client, h, "/?token=" + server.token());
  double session0 = onceMs(client, h, "/api/session");
  double tables0 = onceMs(client, h, "/api/tables");
  double rows0 = onceMs(client, h, "/api/rows?table=items&limit=50");
  std::printf("landing, cold: page %.2f + session %.2f + tables %.2f + first rows %.2f = %.2f ms\n",
              page0, session0, tables0, rows0, page0 + session0 + tables0 + rows0);

  long page = 10000, size = 50;
  long afterId = (page - 1) * size;  // the last rowid of page 9,999
  double first = medianMs(client, h, "/api/rows?table=items&limit=50");
  double deep = medianMs(client, h,
                         "/api/rows?table=items&limit=50&after=" +
                             percentEncode("[{\"i\":\"" + std::to_string(afterId) + "\"}]"));
  double last = medianMs(client, h, "/api/rows?table=items&limit=50&last=1");
  double tables = medianMs(client, h, "/api/tables");
  double session = medianMs(client, h, "/api/session");
  std::printf("first page (50 rows):       median %.2f ms\n", first);
  std::printf("page 10,000 (rows %ld..%ld): median %.2f ms\n", afterId + 1, afterId + size, deep);
  std::printf("last page (last=1):         median %.2f ms\n", last);
  std::printf("table list (cached counts): median %.2f ms\n", tables);
  std::printf("session:                    median %.2f ms\n", session);
  std::printf("exact count (/api/count):   once   %.2f ms\n",
              onceMs(client, h, "/api/count?table=items"));
  std::size_t bytes = 0;
  double csv = onceMs(client, h, "/api/export?table=items&format=csv", &bytes);
  std::printf("CSV export of every row:    once   %.0f ms, %.1f MB\n", csv, bytes / 1e6);
  server.stop();
  std::filesystem::remove_all(dir);
  return 0;
}
