// The audit chain: its head, a full verification, the export of every event in pages, and the
// live stream of applied events (server-sent events).
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <mutex>

#include "engine/audit.hpp"
#include "engine/file_audit.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/views.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

// Server-sent events of every applied event, after an optional Last-Event-ID (a seq). The
// backlog is read from the log without holding the lock that live events take (a listener runs
// on the log's completion thread and must never wait for a slow replay); live events that arrive
// meanwhile wait in `held_` and follow the backlog in seq order.
class EngineEvents final : public EventSource, public std::enable_shared_from_this<EngineEvents> {
 public:
  EngineEvents(engine::Engine& engine, store::EventLog& log, std::int64_t after)
      : engine_(engine), log_(log), after_(after) {}

  void open(Sink sink) override {
    {
      std::lock_guard lock(mutex_);
      sink_ = std::move(sink);
      replaying_ = after_ >= 0;
      last_ = replaying_ ? after_ : engine_.applied_seq();
      subscription_ = engine_.subscribe([self = weak_from_this()](const store::RecordedEvent& e) {
        if (auto s = self.lock()) s->live(e);
      });
      if (!sink_(": pactum event stream\nretry: 2000\n\n")) return;
    }
    if (!replaying_) return;
    for (std::int64_t from = after_;;) {
      auto page = log_.read(from, 500);
      if (!page || page->empty()) break;
      std::lock_guard lock(mutex_);
      for (const auto& e : *page) {
        if (!send_locked(e)) return;
      }
      from = page->back().seq;
    }
    std::lock_guard lock(mutex_);
    replaying_ = false;
    for (const auto& e : held_) {
      if (!send_locked(e)) break;
    }
    held_.clear();
  }

  void close() override {
    std::lock_guard lock(mutex_);
    if (subscription_) engine_.unsubscribe(subscription_);
    subscription_ = 0;
    sink_ = nullptr;
    held_.clear();
  }

 private:
  void live(const store::RecordedEvent& e) {
    std::lock_guard lock(mutex_);
    if (replaying_) {
      if (held_.size() < 10000) held_.push_back(e);
      return;
    }
    send_locked(e);
  }
  // False once the stream has ended.
  bool send_locked(const store::RecordedEvent& e) {
    if (!sink_) return false;
    if (e.seq <= last_) return true;
    last_ = e.seq;
    return sink_(fmt::format("id: {}\nevent: {}\ndata: {}\n\n", e.seq, e.type,
                             boost::json::serialize(event_json(e))));
  }

  engine::Engine& engine_;
  store::EventLog& log_;
  std::int64_t after_;
  std::int64_t last_ = 0;
  bool replaying_ = false;
  std::vector<store::RecordedEvent> held_;
  std::mutex mutex_;
  Sink sink_;
  std::uint64_t subscription_ = 0;
};

}  // namespace

void add_event_routes(Api& api) {
  api.route("GET", "/api/v1/audit", Access::read, [&api](Call&, Reply reply) {
    auto head = api.log().head();
    if (!head) return reply(error_response(head.error()));
    reply(json_response(200, object{{"seq", head->seq}, {"head_hash", head->hash}}));
  });

  api.route(
      "POST", "/api/v1/audit/verify", Access::read,
      [&api](Call&, Reply reply) {
        auto report = engine::verify_log(api.log());
        object body{{"intact", report.intact()},
                    {"events", report.events},
                    {"head_hash", report.head_hash},
                    {"verified_at", format_instant(api.engine().clock().now())}};
        if (report.failure) body["failure"] = *report.failure;
        if (auto* files = api.options().files; files && report.intact()) {
          // L4: the evidence files the chain references, by their bytes.
          auto audit = engine::verify_files(api.log(), *files);
          if (!audit) return reply(error_response(audit.error()));
          array problems;
          for (const auto& p : audit->problems) {
            problems.push_back(object{
                {"seq", p.seq}, {"sha256", p.sha256}, {"name", p.name}, {"problem", p.problem}});
          }
          body["files"] = object{{"referenced", audit->files}, {"problems", problems}};
          if (!audit->intact()) {
            body["intact"] = false;
            body["failure"] = audit->problems.front().describe();
          }
        }
        reply(json_response(200, body));
      },
      Pace::slow);  // the whole log: seconds for a big one

  // The export: every recorded event with its hashes, in pages (?after=SEQ&limit=N).
  api.route(
      "GET", "/api/v1/events", Access::read,
      [&api](Call& call, Reply reply) {
        std::int64_t after = 0;
        std::size_t limit = 1000;
        try {
          if (call.request.query.count("after")) after = std::stoll(call.request.query.at("after"));
          if (call.request.query.count("limit")) {
            limit = std::clamp<std::size_t>(std::stoul(call.request.query.at("limit")), 1, 10000);
          }
        } catch (const std::exception&) {
          return reply(error_response(invalid("after", "after and limit are whole numbers")));
        }
        auto page = api.log().read(after, limit);
        if (!page) return reply(error_response(page.error()));
        array events;
        for (const auto& e : *page) events.push_back(event_json(e));
        reply(json_response(200, object{{"events", events}}));
      },
      Pace::slow);

  api.route("GET", "/api/v1/events/stream", Access::read, [&api](Call& call, Reply reply) {
    std::int64_t after = -1;
    const std::string& last = call.request.header("last-event-id");
    std::string from =
        !last.empty() ? last
                      : (call.request.query.count("after") ? call.request.query.at("after") : "");
    if (!from.empty()) {
      try {
        after = std::stoll(from);
      } catch (const std::exception&) {
        return reply(error_response(invalid("Last-Event-ID", "Last-Event-ID is an event seq")));
      }
    }
    Response r;
    r.content_type = "text/event-stream";
    r.headers.emplace_back("Cache-Control", "no-store");
    r.events = std::make_shared<EngineEvents>(api.engine(), api.log(), after);
    reply(std::move(r));
  });
}

}  // namespace pactum::http
