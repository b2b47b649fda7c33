// Word from the store that other nodes appended to the log (PostgreSQL: LISTEN/NOTIFY,
// postgres/change_listener.hpp): each node then reads what it has not applied yet, so live
// updates (server-sent events, the read model) reach the clients of every node within moments
// rather than at the next poll. A backend with one process writing (SQLite, memory) has none.
#pragma once

#include <cstdint>
#include <functional>

namespace pactum::store {

class ChangeFeed {
 public:
  // Called with the log's new head seq after another commit, or with 0 when notifications may
  // have been missed (the feed's connection came back): read everything new either way.
  using Changed = std::function<void(std::int64_t head_seq)>;
  virtual ~ChangeFeed() = default;  // stops listening
  // Listens on a thread of its own until destroyed; `changed` runs on that thread.
  virtual void start(Changed changed) = 0;
  // Whether the feed's connection to the store is up now (for /readyz).
  virtual bool connected() const = 0;
};

}  // namespace pactum::store
