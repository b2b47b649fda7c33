#include "store/postgres/change_listener.hpp"

#include <fmt/format.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <optional>

#include "base/this_thread.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/schema.hpp"

namespace pactum::store {
namespace {

using std::chrono::milliseconds;
constexpr milliseconds kFirstBackoff{250};
constexpr milliseconds kMaxBackoff{5000};
constexpr int kPollMs = 250;  // how soon a stop is noticed
constexpr milliseconds kCoalesce{10};

}  // namespace

PostgresChangeListener::~PostgresChangeListener() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void PostgresChangeListener::start(Changed changed) {
  thread_ = base::start_thread("pg-listen", [this, changed = std::move(changed)] { run(changed); });
}

void PostgresChangeListener::run(const Changed& changed) {
  std::optional<pg::Connection> db;
  milliseconds backoff = kFirstBackoff;
  bool ever_connected = false;
  auto pause = [this](milliseconds d) {
    for (auto slept = milliseconds(0); slept < d && !stopping_; slept += milliseconds(kPollMs)) {
      std::this_thread::sleep_for(std::min(milliseconds(kPollMs), d - slept));
    }
  };
  while (!stopping_) {
    if (!db) {
      auto opened = pg::Connection::open(url_);
      Status listening = opened ? opened->exec(fmt::format("LISTEN {}", pg::kEventsChannel).c_str())
                                : Status(opened.error());
      if (!listening.ok()) {
        pause(backoff);
        backoff = std::min(backoff * 2, kMaxBackoff);
        continue;
      }
      db.emplace(std::move(*opened));
      connected_ = true;
      backoff = kFirstBackoff;
      // What was committed while nobody listened (not at the first start: the engine has just
      // read the whole log).
      if (ever_connected) changed(0);
      ever_connected = true;
    }
    PGconn* conn = db->handle();
    pollfd readable{PQsocket(conn), POLLIN, 0};
    int ready = ::poll(&readable, 1, kPollMs);
    if (ready < 0 && errno != EINTR) ready = 0;
    if (ready > 0 && (PQconsumeInput(conn) == 0 || PQstatus(conn) != CONNECTION_OK)) {
      connected_ = false;
      db.reset();  // reopened (with backoff) on the next round
      continue;
    }
    std::int64_t head = -1;
    while (PGnotify* n = PQnotifies(conn)) {
      head = std::max<std::int64_t>(head, std::strtoll(n->extra, nullptr, 10));
      PQfreemem(n);
    }
    if (head >= 0) {
      changed(head);
      // Under a stream of commits (alerts: hundreds a second), notifications arriving meanwhile
      // are taken together at the next round: at most one catch-up per kCoalesce.
      std::this_thread::sleep_for(kCoalesce);
    }
  }
  connected_ = false;
}

}  // namespace pactum::store
