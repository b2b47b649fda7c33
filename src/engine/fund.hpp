// The emergency fund (F1–F4): its ledger, disbursement requests and reconciliations, each step an
// event on the log's own "fund" stream, hash-chained like every record:
// fund.movement.recorded (a deposit or an adjustment), fund.disbursement.requested / .approved
// (signed by a key holder: the key, the signature and the SHA-256 of the statement signed) /
// .reviewed / .paid, fund.reconciled. Every step is decided against the fund as the stream's
// latest version left it and appended only at that version (optimistic concurrency: a step that
// raced another answers conflict and writes nothing), so no interleaving of requests can pay
// before three approvals and the review, or spend money twice. Approvals, the review and the
// payment also carry an idempotency key (per request and approver, per request), and a deposit or
// adjustment one per bank reference: a retried step is recorded once. Who may record movements,
// request, pay and reconcile is the plan's permissions (record_fund_movement,
// request_disbursement, pay_disbursement, reconcile_fund); who approves and reviews is F4's rule
// (domain/fund/disbursement.hpp). The fund is rebuilt from the stream at start and kept in memory.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "domain/fund/disbursement.hpp"
#include "engine/engine.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

class FundRecords {
 public:
  FundRecords(Engine& engine, store::EventLog& log);

  // Reads the "fund" stream. Call once, after Engine::load().
  Status load();

  // Each gets the id of what it recorded (a request's id; a movement's bank reference), once
  // durable, or the error: invalid_argument naming the field, permission_denied, not_found,
  // conflict (the state does not allow it, or another step came first), failed_precondition
  // without a plan in force. Nothing is written on an error.
  // `by` is the caller as the plan sees them and `contact` the plan contact their account is
  // (empty: none, and then they may take no step of F4, which is about persons of the group).
  using Done = std::function<void(Result<std::string>)>;
  // `currency`: as the caller gave it ("" for the plan's).
  void record_movement(fund::Movement movement, const std::string& currency, const Actor& by,
                       const std::string& contact, Done done);
  void request(std::int64_t amount, const std::string& currency, std::string purpose,
               std::string incident, const Actor& by, const std::string& contact, Done done);
  // `signature`: over the request's approval statement (domain/fund/disbursement.hpp says when one
  // is needed and which are accepted).
  void approve(const std::string& id, std::optional<fund::ApprovalSignature> signature,
               const Actor& by, const std::string& contact, Done done);
  void review(const std::string& id, bool approve, std::string reason, const Actor& by,
              const std::string& contact, Done done);
  void pay(const std::string& id, Instant occurred_at, std::string reference, const Actor& by,
           const std::string& contact, Done done);
  void reconcile(std::int64_t statement_balance, const std::string& statement_date, const Actor& by,
                 const std::string& contact, Done done);

  // The fund now: a snapshot later steps do not touch.
  std::shared_ptr<const fund::Fund> fund() const;

  // Where the approvers' signing keys come from (F4; the plan's signer keys, Governance::keys).
  // Unset: nobody has a key, and every approval is unsigned.
  void keys_from(std::function<std::vector<fund::ApproverKey>()> keys) { keys_ = std::move(keys); }

 private:
  // Takes in one record of the stream (live or replayed: the same path).
  void apply(std::string_view type, std::string_view payload);
  // Decides under the lock against the fund at its version and appends what `decide` returns
  // (the event's type and payload, the id `done` gets, and an idempotency key; or the error),
  // at that version: a step that raced another answers conflict.
  struct Step {
    const char* type;
    std::string payload;
    std::string id;
    std::string once;  // empty: none
  };
  void step(const Actor& by,
            const std::function<Result<Step>(const Plan&, const fund::Fund&, Instant now)>& decide,
            Done done);

  Engine& engine_;
  store::EventLog& log_;
  std::function<std::vector<fund::ApproverKey>()> keys_;
  mutable std::mutex mutex_;
  std::shared_ptr<const fund::Fund> fund_;  // replaced, never changed in place
  std::int64_t version_ = 0;                // the stream's version fund_ reflects
};

}  // namespace pactum::engine
