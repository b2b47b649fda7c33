// G5: the plan expires with the agreement (docs/plan-signing.md, "Expiry"). At the end of
// agreement.ends in the plan's time zone the scheduler records, once (by idempotency key, across
// restarts and nodes), `plan.expired` on the governance stream with every incident obligation and
// programme duty still owed then, which are from then on shown as `expired` (the domain's
// obligations() and programme_duties() say so by the clock; the event is the evidence). Then the
// archive bundle is written into the data directory and `plan.archived` is recorded with its file
// name and SHA-256, copied to both parties' main contacts (the plan's `archived` template, naming
// governance.archive_to) in the same transaction. A failed bundle is tried again at the next
// wake-up.
//
// Thread-safe: step() runs on the scheduler's thread; status() from any.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "engine/engine.hpp"
#include "engine/programme.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

struct ExpiryStatus {
  bool expired = false;      // the plan in force has expired (by the clock)
  std::string ends;          // agreement.ends, YYYY-MM-DD
  std::string expires_at;    // the instant, RFC 3339
  bool recorded = false;     // plan.expired is recorded
  std::string archive_file;  // once plan.archived is recorded
  std::string archive_sha256;
};

class PlanExpiry {
 public:
  struct Bundle {
    std::string file;  // its name, within the data directory
    std::string sha256;
  };
  // Writes the archive bundle now; its name in the data directory and its SHA-256.
  using MakeBundle = std::function<Result<Bundle>(Instant now)>;
  PlanExpiry(Engine& engine, store::EventLog& log, const ProgrammeRecords* programme,
             MakeBundle make_bundle);

  // Reads what the governance stream already holds. Call once, after Engine::load().
  Status load();
  // The scheduler's task: records what fell due; returns when the plan expires, or nothing.
  std::optional<Instant> step();
  ExpiryStatus status() const;

 private:
  Status record(const char* type, boost::json::object payload,
                std::vector<OutboxMessage> outbox = {});
  void apply(std::string_view type, std::string_view payload);

  Engine& engine_;
  store::EventLog& log_;
  const ProgrammeRecords* programme_;
  MakeBundle make_bundle_;
  mutable std::mutex mutex_;
  bool recorded_ = false;
  std::string archive_file_;
  std::string archive_sha256_;
};

}  // namespace pactum::engine
