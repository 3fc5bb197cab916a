// schemac studio: an HTTP server on one database, serving the embedded single-page UI and a
// JSON API (docs/studio.md). Every API call needs the per-run token; writes also need the
// CSRF token of /api/session; the Host header must name the bound address (DNS rebinding).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace schemac::studio {

// A failure to start (database cannot be opened, port taken): one line.
class StudioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StudioOptions {
  std::string url;        // database URL, as rt::open takes it
  std::string authToken;  // for remote URLs
  std::string host = "127.0.0.1";
  int port = 4983;            // 0: any free port (see Server::port())
  bool readOnly = false;      // refuse every write (also forced when the file is read-only)
  std::string token;          // the access token; empty: a random one per run
  std::string migrationsDir;  // for the mismatch view; empty: none
  std::vector<std::string> schemaFiles;  // for the mismatch view; empty: none
  bool logRequests = false;              // one stderr line per request (never the token)
  std::vector<std::string> ignore;  // tables left to other tools (globs): hidden, never written
};

class Server {
 public:
  explicit Server(StudioOptions options);
  ~Server();  // stops the server
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Opens the database and binds the port; throws StudioError.
  void bind();
  // Serves requests until stop() (blocking) / on a background thread.
  void listen();
  void start();
  void stop();

  int port() const;
  const std::string& token() const;
  bool readOnly() const;
  // http://HOST:PORT/?token=TOKEN
  std::string url() const;
  // Warnings worth printing at start (e.g. a read-only file opened read-only).
  const std::vector<std::string>& notes() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// True for 127.0.0.1 (any 127/8 address), ::1 and localhost.
bool isLoopbackHost(const std::string& host);

}  // namespace schemac::studio
