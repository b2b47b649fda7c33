// F4: a disbursement request and the only path by which money leaves the fund. A request
// (amount, purpose, optionally the incident it serves) collects approvals from distinct members of
// the contact group; once it has the plan's number (fund.disbursement.signatures), a holder or
// deputy of fund.disbursement.review_by who did not approve reviews it (approve, or reject with
// the reason); only an approved review lets it be recorded as paid, which makes the ledger's
// disbursement movement. A request not paid by its expiry is dead: no approval, review or payment
// after it. Every step is a decide function (what the command may record, or the refusal naming
// the field or the rule) and an apply (the state after the recorded step), so the engine replays
// the log through the same code that checked it. An approval carries its approver's Ed25519
// signature over the request's approval statement (approval_statement.hpp) when the approver has
// a signing key registered (docs/plan-signing.md); without one it is recorded unsigned, and says
// so. Pure: `now` is a parameter.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/evidence/note.hpp"
#include "domain/fund/ledger.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"

namespace pactum::fund {

enum class RequestStatus { requested, approved, reviewed, rejected, paid, expired };
const char* to_string(RequestStatus status);

// A signature over a request's approval statement: the key's id and the base64 of its 64 bytes.
struct ApprovalSignature {
  std::string key_id;
  std::string signature;
};

struct Request {
  std::string id;
  std::int64_t amount = 0;
  std::string purpose;
  std::string incident;  // optional
  std::string requested_by;
  Instant requested_at{};
  Instant expires_at{};
  std::vector<std::string> approvers;  // distinct contact ids, in the order they approved
  std::map<std::string, ApprovalSignature> signatures;  // by approver: the signed approvals
  std::string reviewer;                                 // empty until reviewed
  bool review_approved = false;
  std::string review_reason;
  std::optional<Movement> paid;
};

// What a request is at `now`: expired once past expires_at unless paid or rejected.
RequestStatus status(const Plan& plan, const Request& request, Instant now);

// The fund: the ledger and every request, by id.
struct Fund {
  Ledger ledger;
  std::map<std::string, Request> requests;
};

// A new request by `by` (a member of the group) with id `id`, expiring the plan's
// fund.disbursement.expires after `now` (in the plan's calendar).
// Refuses an amount ≤ 0 or > kMaxAmount or in another currency, an empty purpose, a stranger.
Result<Request> decide_request(const Plan& plan, const Fund& fund, const std::string& id,
                               std::int64_t amount, const std::string& currency,
                               std::string purpose, std::string incident, const std::string& by,
                               Instant now);

// A signing key of a person of the group, as registered (engine/governance: signer keys).
struct ApproverKey {
  std::string key_id;
  std::string contact;
  evidence::PublicKey public_key{};
  bool revoked = false;
};

// An approval as recorded: who, and their signature when they signed.
struct Approval {
  std::string by;
  std::optional<ApprovalSignature> signature;
};

// `by` approves request `id`: not_found; a stranger to the group; conflict when it is expired,
// reviewed, rejected or paid, or `by` already approved it (each approval is a distinct person).
// Then the signature, checked against `keys` (every registered key): an approver with a key not
// revoked must sign (failed_precondition, field signature, naming the key); a signature must be
// by a known key (not_found, field key_id) of `by`'s own (permission_denied, field key_id), not
// revoked (failed_precondition, field key_id), and the key's Ed25519 signature of
// approval_statement(plan, request) (invalid_argument, field signature). An approver without a key
// approves unsigned.
Result<Approval> decide_approve(const Plan& plan, const Fund& fund, const std::string& id,
                                const std::string& by, std::optional<ApprovalSignature> signature,
                                const std::vector<ApproverKey>& keys, Instant now);

// `by` reviews request `id`: it needs the plan's number of approvals, `by` must hold the review
// role and not be an approver, not be expired or already reviewed; a rejection needs its reason.
struct Review {
  std::string by;
  bool approve = false;
  std::string reason;
};
Result<Review> decide_review(const Plan& plan, const Fund& fund, const std::string& id,
                             Review review, Instant now);

// Request `id` paid at `occurred_at` with the bank's `reference`: only when approved and reviewed
// (disbursement_blocker says nothing stands in the way), not expired, not paid, and the balance
// covers it. Returns the ledger movement.
Result<Movement> decide_pay(const Plan& plan, const Fund& fund, const std::string& id,
                            Instant occurred_at, std::string reference, const std::string& by,
                            Instant now);

// The fund after a recorded step.
void apply_request(Fund& fund, Request request);
void apply_approval(Fund& fund, const std::string& id, const Approval& approval);
void apply_review(Fund& fund, const std::string& id, const Review& review);
void apply_payment(Fund& fund, const Movement& payment);

}  // namespace pactum::fund
