// T5: silences, the maintenance windows both parties can see (Alertmanager's silences, so amtool
// and Alertmanager's clients manage them). Each change is an event on the log's "silences"
// stream, hash-chained like every record: `silence.created` (the whole silence; `replaces` names
// the silence it takes the place of, when it was posted with that one's id) and `silence.expired`
// (expired before its end: its end, and its start if it had not begun, become that instant). A
// silence that simply reaches its end needs no record: its state follows from the clock. The
// silences are rebuilt from the stream at start and kept in memory (a few, not a flood).
//
// Which alerts a silence mutes, and what that means for opening incidents, is domain/silence.hpp.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/silence.hpp"
#include "engine/engine.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

class Silences {
 public:
  Silences(Engine& engine, store::EventLog& log);

  // Reads the "silences" stream. Call once, after Engine::load().
  Status load();

  // Records a new silence (its id is made here, a start in the past becomes now, as in
  // Alertmanager), refused whole if domain's silence_error() finds a problem. `replaces`, if not
  // empty, is the id of a silence it takes the place of (Alertmanager's update): not_found if
  // there is none; expired in the same append unless it has expired already; conflict if it was
  // expired meanwhile by another request. `done` gets the new id once it is durable.
  using Created = std::function<void(Result<std::string>)>;
  void create(Silence silence, const std::string& replaces, const Actor& by, Created done);

  // Ends a pending or active silence now. not_found for an unknown id; failed_precondition if it
  // has expired already. Two requests expiring one silence at once record it once.
  using Expired = std::function<void(Status)>;
  void expire(const std::string& id, const Actor& by, Expired done);

  // Every silence, in the order they were created: a snapshot, never null, that later changes
  // do not touch (cheap to take: the alert evaluation takes one per run).
  std::shared_ptr<const std::vector<Silence>> all() const;
  std::optional<Silence> find(const std::string& id) const;

 private:
  // Takes in one record of the stream (live or replayed: the same path).
  void apply(std::string_view type, std::string_view payload, Instant at);
  void appended(Result<store::AppendResult> r, const std::function<void(Status)>& done);

  Engine& engine_;
  store::EventLog& log_;
  mutable std::mutex mutex_;
  std::shared_ptr<const std::vector<Silence>> silences_;  // replaced, never changed in place
};

}  // namespace pactum::engine
