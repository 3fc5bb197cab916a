#include "schemac/studio/server.h"

#include <chrono>
#include <cstdio>
#include <thread>

#include "auth.h"
#include "caches.h"
#include "http_util.h"
#include "protect.h"
#include "routes.h"
#include "schemac/support/bump_heap.h"

namespace schemac::studio {

struct Server::Impl {
  Context ctx;
  httplib::Server http;
  std::thread thread;
  std::thread warm;  // fills the caches once, right after bind()
  bool bound = false;
  std::vector<std::string> notes;
};

rt::Connection& Context::readOnlyDb() {
  if (!readOnlyDb_) {
    rt::OpenOptions o;
    o.authToken = options.authToken;
    o.readOnly = true;
    o.create = false;
    readOnlyDb_ = rt::open(options.url, o);
    installAuthorizer(*this, *readOnlyDb_);
  }
  return *readOnlyDb_;
}

Server::Server(StudioOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->ctx.options = std::move(options);
  // The server recompiles on every change: a compile's memory must be freed, not bumped.
  support::bump::disable();
}

Server::~Server() { stop(); }

void Server::bind() {
  Context& ctx = impl_->ctx;
  const StudioOptions& o = ctx.options;
  rt::OpenOptions open;
  open.authToken = o.authToken;
  open.create = false;  // browsing a database that does not exist is a typo, not a request
  open.readOnly = o.readOnly;
  try {
    ctx.db = rt::open(o.url, open);
  } catch (const rt::DbError& e) {
    if (o.readOnly || (e.code() & 0xff) != 8) throw StudioError(e.what());
    open.readOnly = true;  // a read-only file: browse it read-only rather than not at all
    try {
      ctx.db = rt::open(o.url, open);
    } catch (const rt::DbError& again) {
      throw StudioError(again.what());
    }
    impl_->notes.push_back("the database file is read-only: studio opened it read-only");
  }
  ctx.readOnly = open.readOnly;
  installAuthorizer(ctx, *ctx.db);
  ctx.token = o.token.empty() ? randomToken() : o.token;
  ctx.csrf = randomToken();
  ctx.host = o.host;

  httplib::Server& http = impl_->http;
  http.set_payload_max_length(16 << 20);
  http.set_pre_routing_handler([&ctx](const httplib::Request& req, httplib::Response& res) {
    return refuseRequest(ctx, req, res) ? httplib::Server::HandlerResponse::Handled
                                        : httplib::Server::HandlerResponse::Unhandled;
  });
  registerRoutes(http, ctx);
  if (o.logRequests) {
    // The path only: the page's query string holds the token.
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "studio: %s %s %d\n", req.method.c_str(), req.path.c_str(), res.status);
    });
  }
  if (o.port == 0) {
    ctx.port = http.bind_to_any_port(o.host);
    if (ctx.port < 0) throw StudioError("cannot listen on " + o.host + " (any port)");
  } else {
    if (o.port < 0 || o.port > 65535) throw StudioError("port must be 0..65535");
    if (!http.bind_to_port(o.host, o.port)) {
      throw StudioError("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                        " (in use? try --port 0 for any free port)");
    }
    ctx.port = o.port;
  }
  impl_->bound = true;
  // The landing page needs the table list (a bounded count per table: ~8 ms cold for a 1M-row
  // table, pages not yet in SQLite's cache) and the schemas behind the column types: fill them
  // while the browser starts rather than on its first request (which waits on ctx.mu if early).
  impl_->warm = std::thread([&ctx] {
    std::lock_guard<std::mutex> lock(ctx.mu);
    try {
      caches(ctx).tables(ctx);
      caches(ctx).projectSchema(ctx);
      caches(ctx).liveSchema(ctx);
    } catch (const std::exception&) {
      // the first request meets the same error and reports it
    }
  });
}

void Server::listen() {
  if (!impl_->bound) bind();
  impl_->http.listen_after_bind();
}

void Server::start() {
  if (!impl_->bound) bind();
  impl_->thread = std::thread([this] { impl_->http.listen_after_bind(); });
  // The socket already listens (clients can connect); wait for the accept loop so that an
  // immediate stop() is not lost.
  for (int i = 0; i < 5000 && !impl_->http.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void Server::stop() {
  if (!impl_) return;
  impl_->http.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  if (impl_->warm.joinable()) impl_->warm.join();
}

int Server::port() const { return impl_->ctx.port; }
const std::string& Server::token() const { return impl_->ctx.token; }
bool Server::readOnly() const { return impl_->ctx.readOnly; }
const std::vector<std::string>& Server::notes() const { return impl_->notes; }

std::string Server::url() const {
  const std::string& h = impl_->ctx.host;
  std::string host = h.find(':') != std::string::npos ? "[" + h + "]" : h;
  if (host == "0.0.0.0" || host == "[::]") host = "127.0.0.1";
  return "http://" + host + ":" + std::to_string(port()) + "/?token=" + token();
}

}  // namespace schemac::studio
