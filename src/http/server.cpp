#include "http/server.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

#include "base/this_thread.hpp"
#include "http/errors.hpp"
#include "http/incoming_request.hpp"
#include "http/response_head.hpp"
#include "obs/log.hpp"

namespace pactum::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;
// Everything runs on an io_context's executor, named as such rather than type-erased
// (any_io_executor): each co_await and handler copied and compared an erased executor.
using Executor = asio::io_context::executor_type;
template <class T>
using awaitable = asio::awaitable<T, Executor>;
constexpr asio::use_awaitable_t<Executor> use_task;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Acceptor = asio::basic_socket_acceptor<tcp, Executor>;
using Timer = asio::basic_waitable_timer<std::chrono::steady_clock,
                                         asio::wait_traits<std::chrono::steady_clock>, Executor>;
// Errors come back through `ec` (redirect_error), not as exceptions nor as structured bindings
// of tuples: g++ 12 mishandles the latter's temporaries across co_await.
auto with(beast::error_code& ec) { return asio::redirect_error(use_task, ec); }

constexpr std::size_t kFirstReadBytes = 16 * 1024;  // a connection's read buffer, to begin with
constexpr std::size_t kMaxReadBytes = 64 * 1024;    // read at once at most (as Beast does)
// How long the acceptor waits when the process is out of file descriptors: accept() would fail
// again at once, and in a loop took a whole core from the connections it serves.
constexpr std::chrono::milliseconds kAcceptPause{500};
// A warning about refused connections is logged at most this often while they go on.
constexpr std::chrono::seconds kWarningInterval{10};

bool out_of_descriptors(const beast::error_code& ec) {
  return ec == asio::error::no_descriptors ||
         ec == boost::system::errc::too_many_files_open_in_system ||
         ec == asio::error::no_buffer_space || ec == asio::error::no_memory;
}

std::uint64_t descriptor_limit() {
  rlimit limit{};
  return ::getrlimit(RLIMIT_NOFILE, &limit) == 0 ? limit.rlim_cur : 0;
}

// A warning logged at most once per kWarningInterval while its cause lasts (the acceptor would
// otherwise log a line per refused connection). Used by the accept loop only.
class Warning {
 public:
  bool due() {
    auto now = std::chrono::steady_clock::now();
    if (now < next_) return false;
    next_ = now + kWarningInterval;
    return true;
  }

 private:
  std::chrono::steady_clock::time_point next_{};
};

// Frames waiting to be written to one event stream, and the timer its writer sleeps on.
struct EventQueue {
  explicit EventQueue(Executor ex) : timer(ex) {}
  std::mutex mutex;
  std::deque<std::string> frames;
  std::size_t bytes = 0;
  bool closed = false;
  Timer timer;
};

// One connection: its socket, and the time by which the current read or write must be done.
// (Beast 1.81's tcp_stream timeouts are not used: its timer handling has a use-after-free fixed
// only in later releases.) Moving the deadline is a store: one sweeper checks every connection's
// deadline a few times a second and closes those past it. A timer per connection cost four
// cancellations and watchdog wake-ups per request. The registry holds it for stop() and the sweep.
struct Connection {
  using Clock = std::chrono::steady_clock;
  explicit Connection(Socket s) : socket(std::move(s)) {}
  Socket socket;
  std::shared_ptr<EventQueue> events;
  bool busy = false;  // a request is being answered
  std::atomic<Clock::rep> deadline{Clock::time_point::max().time_since_epoch().count()};

  void expires_after(Clock::duration d) {
    deadline = (Clock::now() + d).time_since_epoch().count();
  }
  void expires_never() { deadline = Clock::time_point::max().time_since_epoch().count(); }
  bool expired(Clock::time_point now) const {
    return deadline.load() <= now.time_since_epoch().count();
  }
};

}  // namespace

// One thread's event loop. Each connection lives on one loop for its whole life, so its socket,
// its coroutine and its event queue's timer need no strand, and the threads share no scheduler
// lock: one io_context per thread rather than one io_context run by a pool.
struct Loop {
  asio::io_context ioc{1};  // run by one thread (others only post to it)
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work{
      ioc.get_executor()};
};

struct Server::Impl {
  ServerOptions options;
  Handler handler;
  std::vector<std::unique_ptr<Loop>> loops;  // loops[0] also runs the acceptor and the sweeper
  Acceptor acceptor;
  Timer sweeper;
  Timer accept_pause;  // the acceptor waits on it while out of file descriptors
  Warning over_limit, out_of_fds;
  std::size_t next_loop = 0;  // where the next connection goes (round robin; accept loop only)
  std::atomic<bool> stopping{false};
  std::mutex registry_mutex;
  std::set<std::shared_ptr<Connection>> connections;
  std::vector<std::thread> threads;

  static std::vector<std::unique_ptr<Loop>> make_loops(int n) {
    std::vector<std::unique_ptr<Loop>> loops;
    for (int i = 0; i < std::max(1, n); ++i) loops.push_back(std::make_unique<Loop>());
    return loops;
  }
  Impl(ServerOptions o, Handler h)
      : options(std::move(o)),
        handler(std::move(h)),
        loops(make_loops(options.threads)),
        acceptor(loops[0]->ioc.get_executor()),
        sweeper(loops[0]->ioc.get_executor()),
        accept_pause(loops[0]->ioc.get_executor()) {}
  asio::io_context& main_loop() { return loops[0]->ioc; }

  // The largest body any path may have, and the limit of a request's target (its path).
  std::size_t largest_body = [this] {
    std::size_t n = options.max_body_bytes;
    for (const auto& [path, limit] : options.body_limits) n = std::max(n, limit);
    return n;
  }();
  std::size_t body_limit_for(beast::string_view target) const {
    auto path = target.substr(0, target.find('?'));
    for (const auto& [p, limit] : options.body_limits) {
      if (path == beast::string_view(p)) return limit;
    }
    return options.max_body_bytes;
  }

  // Awaits the handler's reply, which may come from any thread. The initiation captures only
  // trivially destructible things: g++ 12 may destroy temporaries of a co_await expression twice,
  // and an executor destroyed twice corrupts its reference count.
  awaitable<Response> call(Request& request) {
    Impl* self = this;
    Request* req = &request;
    co_return co_await asio::async_initiate<decltype(use_task), void(Response)>(
        [self, req](auto completion) {
          auto ex = asio::get_associated_executor(completion);
          auto shared = std::make_shared<decltype(completion)>(std::move(completion));
          auto once = std::make_shared<std::atomic<bool>>(false);
          self->handler(*req, [shared, once, ex](Response r) {
            if (once->exchange(true)) return;  // a handler replies once; ignore extras
            asio::post(ex, [shared, r = std::move(r)]() mutable { (*shared)(std::move(r)); });
          });
        },
        use_task);
  }

  awaitable<void> write_response(Connection& conn, const Response& response, unsigned version,
                                 bool keep_alive, bool head, beast::error_code& ec) {
    std::string start = response_head(response, version, keep_alive);
    std::array<asio::const_buffer, 2> buffers{
        asio::buffer(start), head ? asio::const_buffer() : asio::buffer(response.body)};
    conn.expires_after(options.write_timeout);
    co_await asio::async_write(conn.socket, buffers, with(ec));
  }

  awaitable<void> write_error(Connection& conn, HttpProblem problem, const std::string& message) {
    Response response = error_response(problem, message);
    beast::error_code ec;
    co_await write_response(conn, response, 11, false, false, ec);
  }

  awaitable<void> stream_events(Connection& conn, Response& response, unsigned version) {
    auto queue = std::make_shared<EventQueue>(conn.socket.get_executor());
    {
      std::lock_guard lock(registry_mutex);
      conn.events = queue;
    }
    bhttp::response<bhttp::empty_body> head{bhttp::status::ok, version};
    head.set(bhttp::field::server, "pactum");
    head.set(bhttp::field::content_type, "text/event-stream; charset=utf-8");
    for (const auto& [k, v] : response.headers) head.insert(k, v);
    head.keep_alive(false);  // the stream ends when either side closes
    bhttp::response_serializer<bhttp::empty_body> serializer{head};
    conn.expires_after(options.write_timeout);
    beast::error_code ec;
    co_await bhttp::async_write_header(conn.socket, serializer, with(ec));
    if (ec) co_return;
    conn.expires_never();

    constexpr std::size_t kMaxBacklog = 8 * 1024 * 1024;  // a reader this far behind is dropped
    response.events->open([queue](std::string frame) {
      std::lock_guard lock(queue->mutex);
      if (queue->closed) return false;
      queue->bytes += frame.size();
      queue->frames.push_back(std::move(frame));
      if (queue->bytes > kMaxBacklog) queue->closed = true;
      asio::post(queue->timer.get_executor(), [queue] { queue->timer.cancel(); });
      return !queue->closed;
    });
    while (!stopping) {
      std::string chunk;
      bool closed = false;
      {
        std::lock_guard lock(queue->mutex);
        while (!queue->frames.empty()) {
          chunk += queue->frames.front();
          queue->frames.pop_front();
        }
        queue->bytes = 0;
        closed = queue->closed;
      }
      if (closed) break;
      if (chunk.empty()) {
        queue->timer.expires_after(std::chrono::seconds(15));
        beast::error_code wait_ec;
        co_await queue->timer.async_wait(with(wait_ec));
        if (wait_ec) continue;       // woken: frames arrived, or the stream is closing
        chunk = ": keep-alive\n\n";  // the timer ran out: keep proxies from closing the stream
      }
      conn.expires_after(options.write_timeout);
      beast::error_code wec;
      co_await asio::async_write(conn.socket, asio::buffer(chunk), with(wec));
      conn.expires_never();
      if (wec) break;
    }
    response.events->close();
    std::lock_guard lock(queue->mutex);
    queue->closed = true;
  }

  // Reads one request and answers it. Returns whether the connection may carry another.
  awaitable<bool> serve_one(Connection& conn, beast::flat_buffer& buffer,
                            const std::string& remote) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser.body_limit(largest_body);  // Beast checks a Content-Length as it reads the header
    std::size_t body_limit = options.max_body_bytes;
    beast::error_code ec;
    // Idle until the next request's first byte, then the whole request, headers included,
    // within read_timeout of it: a client trickling its headers must not hold the connection
    // for the idle timeout. (This first read is one Beast would make anyway.)
    if (buffer.size() == 0) {
      conn.expires_after(options.idle_timeout);
      auto room = buffer.prepare(beast::read_size(buffer, kMaxReadBytes));
      std::size_t n = co_await conn.socket.async_read_some(room, with(ec));
      if (ec) co_return false;  // the client left, or the idle timeout closed it
      buffer.commit(n);
    }
    conn.expires_after(options.read_timeout);
    co_await bhttp::async_read_header(conn.socket, buffer, parser, with(ec));
    std::string framing;
    if (!ec) framing = framing_problem(parser.get());
    if (!ec) {
      body_limit = body_limit_for(parser.get().target());
      auto length = parser.content_length();
      if (length && *length > body_limit) ec = bhttp::error::body_limit;
      parser.body_limit(body_limit);  // a chunked body is counted as it comes
    }
    if (!ec && framing.empty()) co_await bhttp::async_read(conn.socket, buffer, parser, with(ec));
    if (ec || !framing.empty()) {
      // Named locals, not temporaries, in co_await expressions (see call()). The connection is
      // closed after the answer: what follows a request that failed to parse is no request.
      std::optional<HttpProblem> problem;
      std::string message;
      if (!framing.empty()) {
        problem = HttpProblem::bad_request;
        message = framing;
      } else if (ec == bhttp::error::body_limit) {
        problem = HttpProblem::payload_too_large;
        message = fmt::format("the body is larger than {} bytes", body_limit);
      } else if (ec == bhttp::error::header_limit) {
        problem = HttpProblem::headers_too_large;
        message = "the request headers are too large";
      } else if (ec != bhttp::error::end_of_stream &&
                 ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) {
        problem = HttpProblem::bad_request;
        message = "malformed HTTP request: " + ec.message();
      }
      if (problem) {
        HttpProblem answer = *problem;  // a named local in the co_await expression (see call())
        co_await write_error(conn, answer, message);
      }
      co_return false;
    }
    auto& msg = parser.get();
    set_busy(conn, true);
    std::string problem;
    auto request = to_request(msg, remote, problem);
    // (No co_await inside a conditional expression: g++ 12 miscompiles the temporaries.)
    Response response;
    if (request) {
      conn.expires_never();  // the handler may take its time; the client waits
      response = co_await call(*request);
    } else {
      response = error_response(HttpProblem::bad_request, problem);
    }
    if (response.events) {
      co_await stream_events(conn, response, msg.version());
      co_return false;
    }
    bool keep_alive = msg.keep_alive() && !stopping;
    bool head = msg.method() == bhttp::verb::head;
    co_await write_response(conn, response, msg.version(), keep_alive, head, ec);
    set_busy(conn, false);
    co_return !ec && keep_alive;
  }

  void set_busy(Connection& conn, bool busy) {
    std::lock_guard lock(registry_mutex);
    conn.busy = busy;
  }

  awaitable<void> session(std::shared_ptr<Connection> conn) {
    std::string remote;
    beast::error_code ec;
    auto endpoint = conn->socket.remote_endpoint(ec);
    if (!ec) remote = endpoint.address().to_string();
    conn->expires_never();
    // Beast reads into whatever room the buffer has, 512 bytes at the least: an empty buffer
    // took three reads for a 1 KB alert. Room for a typical request reads it in one.
    beast::flat_buffer buffer;
    buffer.reserve(kFirstReadBytes);
    bool more = true;
    while (more && !stopping) more = co_await serve_one(*conn, buffer, remote);
    conn->socket.shutdown(Socket::shutdown_send, ec);
    conn->socket.close(ec);
    std::lock_guard lock(registry_mutex);
    connections.erase(conn);
    if (stopping && connections.empty()) {
      asio::post(main_loop(), [this] { sweeper.cancel(); });  // it may end now
    }
  }

  // Closes the connections whose read or write is past its deadline, every `period`, until
  // stop() and the last connection has gone (a client that stops reading must not hold up the
  // shutdown: its write still times out). A socket is closed on its own loop; the pending
  // operation fails with operation_aborted.
  awaitable<void> sweep() {
    using namespace std::chrono;
    auto shortest = std::min({options.read_timeout, options.idle_timeout, options.write_timeout});
    auto period = std::clamp<steady_clock::duration>(shortest / 4, milliseconds(100), seconds(1));
    while (true) {
      sweeper.expires_after(period);
      beast::error_code ec;
      co_await sweeper.async_wait(with(ec));  // woken early when the last connection goes
      auto now = Connection::Clock::now();
      std::lock_guard lock(registry_mutex);
      if (stopping && connections.empty()) co_return;
      for (const auto& c : connections) {
        if (!c->expired(now)) continue;
        asio::post(c->socket.get_executor(), [c] {
          // Decided again on its loop: a new request may have moved the deadline meanwhile.
          if (!c->expired(Connection::Clock::now())) return;
          beast::error_code ignored;
          c->socket.close(ignored);
        });
      }
    }
  }

  std::size_t open_connections() {
    std::lock_guard lock(registry_mutex);
    return connections.size();
  }

  awaitable<void> accept_loop() {
    while (!stopping) {
      beast::error_code ec;
      Socket socket(loops[next_loop]->ioc.get_executor());
      next_loop = (next_loop + 1) % loops.size();
      co_await acceptor.async_accept(socket, with(ec));
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        if (out_of_descriptors(ec)) {
          // Keep serving the connections we have; the waiting ones stay queued in the kernel.
          if (out_of_fds.due()) {
            obs::log(obs::Level::warn, "out of file descriptors: accepting paused",
                     {{"limit", descriptor_limit()},
                      {"connections", open_connections()},
                      {"pause_ms", kAcceptPause.count()},
                      {"error", ec.message()}});
          }
          accept_pause.expires_after(kAcceptPause);
          co_await accept_pause.async_wait(with(ec));  // cut short by stop()
        }
        continue;  // other errors concern one connection (e.g. it was reset before accept)
      }
      if (open_connections() >= options.max_connections) {
        // Closed at once rather than left waiting in the kernel's queue.
        if (over_limit.due()) {
          obs::log(obs::Level::warn, "connection limit reached: closing new connections",
                   {{"max_connections", options.max_connections}});
        }
        beast::error_code ignored;
        socket.close(ignored);
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);  // best effort: never ends the accept loop
      auto conn = std::make_shared<Connection>(std::move(socket));
      {
        std::lock_guard lock(registry_mutex);
        connections.insert(conn);
      }
      asio::co_spawn(conn->socket.get_executor(), session(conn), asio::detached);
    }
  }
};

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() {
  stop();
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
}

Result<std::uint16_t> Server::listen() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.address, ec);
  if (ec) {
    return invalid("listen", fmt::format("\"{}\" is not an IP address", impl_->options.address));
  }
  tcp::endpoint endpoint{address, impl_->options.port};
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error{ErrorCode::unavailable,
                 fmt::format("cannot listen on {}:{}: {}", impl_->options.address,
                             impl_->options.port, ec.message()),
                 "listen"};
  }
  return a.local_endpoint().port();
}

void Server::run() {
  asio::co_spawn(impl_->main_loop(), impl_->accept_loop(), asio::detached);
  asio::co_spawn(impl_->main_loop(), impl_->sweep(), asio::detached);
  for (std::size_t i = 1; i < impl_->loops.size(); ++i) {
    impl_->threads.push_back(
        base::start_thread(fmt::format("http-{}", i), [this, i] { impl_->loops[i]->ioc.run(); }));
  }
  impl_->main_loop().run();
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
}

void Server::stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->main_loop(), [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    impl_->sweeper.cancel();  // ends it if idle
    impl_->accept_pause.cancel();
    std::lock_guard lock(impl_->registry_mutex);
    for (const auto& c : impl_->connections) {
      if (c->events) {
        std::lock_guard q(c->events->mutex);
        c->events->closed = true;
        asio::post(c->events->timer.get_executor(), [e = c->events] { e->timer.cancel(); });
      } else {
        // An idle keep-alive wait ends now: its socket is closed and the pending read fails.
        // Whether it is idle is decided on its own loop, where a request may just have begun.
        asio::post(c->socket.get_executor(), [this, c] {
          bool busy;
          {
            std::lock_guard lock(impl_->registry_mutex);
            busy = c->busy;
          }
          beast::error_code ignored;
          if (!busy) c->socket.close(ignored);
        });
      }
    }
    for (auto& loop : impl_->loops)
      loop->work.reset();  // run() returns once the last connection has finished
  });
}

void Server::post(std::function<void()> job) { asio::post(impl_->main_loop(), std::move(job)); }

std::size_t Server::open_connections() const { return impl_->open_connections(); }

}  // namespace pactum::http
