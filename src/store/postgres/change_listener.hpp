// The PostgreSQL log's change feed (store/change_feed.hpp): LISTEN on schema.hpp's kEventsChannel
// on a connection of its own, which every commit that appended notifies (postgres_event_log.cpp).
// When the connection goes (PostgreSQL restarted), it is opened again with backoff (0.25 s,
// doubling to 5 s), and the feed then says 0: notifications sent meanwhile were lost, so read
// everything new. Notifications are taken together, at most one call of `changed` per 10 ms, so
// a node does not read the log once per commit under a stream of them.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "store/change_feed.hpp"

namespace pactum::store {

class PostgresChangeListener final : public ChangeFeed {
 public:
  explicit PostgresChangeListener(std::string url) : url_(std::move(url)) {}
  ~PostgresChangeListener() override;
  void start(Changed changed) override;
  bool connected() const override { return connected_; }

 private:
  void run(const Changed& changed);
  std::string url_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> connected_{false};
  std::thread thread_;
};

}  // namespace pactum::store
