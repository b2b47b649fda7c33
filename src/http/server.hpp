// The HTTP/1.1 server: Boost.Beast with C++20 coroutines, one event loop per thread. It reads a
// request (header and body limits, read and idle timeouts so slow or stuck clients cannot hold
// it), hands it to the handler as a plain Request, and writes the Response, or streams
// server-sent events. stop() stops accepting, lets requests in flight finish, closes idle
// connections and event streams, then returns from run().
// The only translation unit that includes Beast.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "domain/result.hpp"
#include "http/request_response.hpp"

namespace pactum::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (see the result of listen())
  int threads = 2;            // event loops, one thread each
  std::size_t max_body_bytes = 1024 * 1024;
  // Paths whose bodies have a limit of their own instead (the evidence files' upload). Checked
  // once the header is read: a Content-Length over it is answered 413 before the body is read.
  std::vector<std::pair<std::string, std::size_t>> body_limits;
  std::size_t max_header_bytes = 16 * 1024;
  std::chrono::seconds read_timeout{30};  // to receive a whole request once it has begun
  std::chrono::seconds idle_timeout{60};  // a keep-alive connection waiting for its next request
  std::chrono::seconds write_timeout{30};
  std::size_t max_connections = 10000;
};

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();

  // Binds and listens; returns the port (useful with port 0).
  Result<std::uint16_t> listen();
  // Serves until stop(); blocks the calling thread (which is one of the pool's).
  void run();
  // Thread-safe; may be called from a signal handler's thread.
  void stop();

  std::size_t open_connections() const;

  // Runs `job` on the first event loop (the thread that called run()), after what is queued
  // there. For completions that would otherwise take a hop through a thread of their own (the
  // alert intake's). run() does not return while a job is queued: post before it returns, or
  // the job never runs.
  void post(std::function<void()> job);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pactum::http
