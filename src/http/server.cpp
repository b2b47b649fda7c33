#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

#include "http/errors.hpp"
#include "obs/log.hpp"

namespace pactum::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::awaitable;
using asio::ip::tcp;
constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Frames waiting to be written to one event stream, and the timer its writer sleeps on.
struct EventQueue {
  explicit EventQueue(asio::any_io_executor ex) : timer(ex) {}
  std::mutex mutex;
  std::deque<std::string> frames;
  std::size_t bytes = 0;
  bool closed = false;
  asio::steady_timer timer;
};

// A connection as the server's registry sees it, for stop().
struct Connection {
  beast::tcp_stream* stream = nullptr;
  std::shared_ptr<EventQueue> events;
  bool busy = false;  // a request is being answered
  asio::any_io_executor executor;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Handler handler;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::atomic<bool> stopping{false};
  std::mutex registry_mutex;
  std::set<std::shared_ptr<Connection>> connections;
  std::vector<std::thread> threads;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;

  Impl(ServerOptions o, Handler h) : options(std::move(o)), handler(std::move(h)) {}

  // Awaits the handler's reply, which may come from any thread.
  awaitable<Response> call(Request& request) {
    auto ex = co_await asio::this_coro::executor;
    co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
        [this, &request, ex](auto completion) {
          auto shared = std::make_shared<decltype(completion)>(std::move(completion));
          auto once = std::make_shared<std::atomic<bool>>(false);
          handler(request, [shared, once, ex](Response r) {
            if (once->exchange(true)) return;  // a handler replies once; ignore extras
            asio::post(ex, [shared, r = std::move(r)]() mutable { (*shared)(std::move(r)); });
          });
        },
        asio::use_awaitable);
  }

  static std::optional<Request> to_request(const bhttp::request<bhttp::string_body>& msg,
                                           const std::string& remote, std::string& problem) {
    auto url = boost::urls::parse_origin_form(msg.target());
    if (!url) {
      problem = "the request target is not a valid path";
      return std::nullopt;
    }
    Request r;
    r.method = std::string(msg.method_string());
    r.path = url->path();
    if (r.path.empty()) r.path = "/";
    for (auto p : url->params()) r.query[p.key] = p.value;
    for (const auto& field : msg) r.headers[lower(field.name_string())] = std::string(field.value());
    r.body = msg.body();
    r.remote = remote;
    return r;
  }

  static bhttp::response<bhttp::string_body> to_message(const Response& r, unsigned version,
                                                        bool keep_alive, bool head) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
    res.set(bhttp::field::server, "pactum");
    res.set(bhttp::field::content_type, r.content_type);
    res.set("X-Content-Type-Options", "nosniff");
    for (const auto& [k, v] : r.headers) res.insert(k, v);
    res.keep_alive(keep_alive);
    res.body() = head ? std::string() : r.body;
    res.prepare_payload();
    if (head) res.content_length(r.body.size());
    return res;
  }

  awaitable<void> write_error(beast::tcp_stream& stream, int status, const std::string& code,
                              const std::string& message, unsigned version) {
    auto res = to_message(error_response(status, code, message), version, false, false);
    stream.expires_after(options.write_timeout);
    co_await bhttp::async_write(stream, res, use_tuple);
  }

  awaitable<void> stream_events(beast::tcp_stream& stream, std::shared_ptr<Connection> conn,
                                Response& response, unsigned version) {
    auto queue = std::make_shared<EventQueue>(stream.get_executor());
    {
      std::lock_guard lock(registry_mutex);
      conn->events = queue;
    }
    bhttp::response<bhttp::empty_body> head{bhttp::status::ok, version};
    head.set(bhttp::field::server, "pactum");
    head.set(bhttp::field::content_type, "text/event-stream; charset=utf-8");
    for (const auto& [k, v] : response.headers) head.insert(k, v);
    head.keep_alive(false);  // the stream ends when either side closes
    bhttp::response_serializer<bhttp::empty_body> serializer{head};
    stream.expires_after(options.write_timeout);
    auto [ec, n] = co_await bhttp::async_write_header(stream, serializer, use_tuple);
    if (ec) co_return;
    stream.expires_never();

    constexpr std::size_t kMaxBacklog = 8 * 1024 * 1024;  // a reader this far behind is dropped
    response.events->open([queue](std::string frame) {
      std::lock_guard lock(queue->mutex);
      if (queue->closed) return;
      queue->bytes += frame.size();
      queue->frames.push_back(std::move(frame));
      if (queue->bytes > kMaxBacklog) queue->closed = true;
      asio::post(queue->timer.get_executor(), [queue] { queue->timer.cancel(); });
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
        auto [wait_ec] = co_await queue->timer.async_wait(use_tuple);
        if (!wait_ec) chunk = ": keep-alive\n\n";  // the timer ran out: keep proxies from closing
        else continue;
      }
      stream.expires_after(options.write_timeout);
      auto [wec, written] = co_await asio::async_write(stream.socket(), asio::buffer(chunk), use_tuple);
      if (wec) break;
    }
    response.events->close();
    std::lock_guard lock(queue->mutex);
    queue->closed = true;
  }

  awaitable<void> session(tcp::socket socket) {
    std::string remote;
    beast::error_code ec;
    auto endpoint = socket.remote_endpoint(ec);
    if (!ec) remote = endpoint.address().to_string();
    beast::tcp_stream stream(std::move(socket));
    auto conn = std::make_shared<Connection>();
    conn->stream = &stream;
    conn->executor = stream.get_executor();
    {
      std::lock_guard lock(registry_mutex);
      connections.insert(conn);
    }
    beast::flat_buffer buffer;
    while (!stopping) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
      parser.body_limit(options.max_body_bytes);
      // Idle until the first byte, then the whole request within read_timeout.
      stream.expires_after(buffer.size() > 0 ? options.read_timeout : options.idle_timeout);
      auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, use_tuple);
      if (!hec) {
        stream.expires_after(options.read_timeout);
        auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
        hec = bec;
      }
      if (hec) {
        if (hec == bhttp::error::body_limit) {
          co_await write_error(stream, 413, "payload_too_large",
                               fmt::format("the body is larger than {} bytes", options.max_body_bytes), 11);
        } else if (hec == bhttp::error::header_limit) {
          co_await write_error(stream, 431, "headers_too_large", "the request headers are too large", 11);
        } else if (hec != bhttp::error::end_of_stream &&
                   hec.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) {
          co_await write_error(stream, 400, "bad_request", "malformed HTTP request: " + hec.message(), 11);
        }
        break;
      }
      auto& msg = parser.get();
      {
        std::lock_guard lock(registry_mutex);
        conn->busy = true;
      }
      std::string problem;
      auto request = to_request(msg, remote, problem);
      Response response = request ? co_await call(*request)
                                  : error_response(400, "bad_request", problem);
      if (response.events) {
        co_await stream_events(stream, conn, response, msg.version());
        break;
      }
      bool keep_alive = msg.keep_alive() && !stopping;
      auto res = to_message(response, msg.version(), keep_alive, msg.method() == bhttp::verb::head);
      stream.expires_after(options.write_timeout);
      auto [wec, wn] = co_await bhttp::async_write(stream, res, use_tuple);
      {
        std::lock_guard lock(registry_mutex);
        conn->busy = false;
      }
      if (wec || !keep_alive) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    std::lock_guard lock(registry_mutex);
    connections.erase(conn);
    conn->stream = nullptr;
  }

  awaitable<void> accept_loop() {
    while (!stopping) {
      auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        continue;  // e.g. too many open files: keep serving the connections we have
      }
      std::size_t open;
      {
        std::lock_guard lock(registry_mutex);
        open = connections.size();
      }
      if (open >= options.max_connections) {
        beast::error_code ignored;
        socket.close(ignored);
        continue;
      }
      socket.set_option(tcp::no_delay(true));
      asio::co_spawn(asio::make_strand(ioc), session(std::move(socket)), asio::detached);
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
  impl_->work.emplace(impl_->ioc.get_executor());
  asio::co_spawn(impl_->ioc, impl_->accept_loop(), asio::detached);
  for (int i = 1; i < impl_->options.threads; ++i) {
    impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  }
  impl_->ioc.run();
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
}

void Server::stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    std::lock_guard lock(impl_->registry_mutex);
    for (const auto& c : impl_->connections) {
      if (c->events) {
        std::lock_guard q(c->events->mutex);
        c->events->closed = true;
        asio::post(c->events->timer.get_executor(), [e = c->events] { e->timer.cancel(); });
      } else if (!c->busy) {
        asio::post(c->executor, [c] {
          if (c->stream) c->stream->cancel();  // an idle keep-alive wait ends now
        });
      }
    }
    impl_->work.reset();  // run() returns once the last connection has finished
  });
}

std::size_t Server::open_connections() const {
  std::lock_guard lock(impl_->registry_mutex);
  return impl_->connections.size();
}

}  // namespace pactum::http
