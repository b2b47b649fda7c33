#include "domain/fund/disbursement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "domain/fund.hpp"
#include "domain/fund/approval_statement.hpp"

namespace pactum::fund {
namespace {

Error conflict(std::string message) { return {ErrorCode::conflict, std::move(message), {}}; }

bool holds(const Plan& plan, const std::string& contact, const std::string& role) {
  auto roles = plan.roles_of(contact);
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

// The request `id` if it may still take a step at `now`: not_found, or conflict naming why not.
Result<const Request*> open_request(const Plan& plan, const Fund& fund, const std::string& id,
                                    Instant now) {
  auto it = fund.requests.find(id);
  if (it == fund.requests.end()) {
    return Error{ErrorCode::not_found, fmt::format("no disbursement request {}", id), "id"};
  }
  switch (status(plan, it->second, now)) {
    case RequestStatus::expired:
      return conflict(
          fmt::format("request {} expired at {}", id, format_instant(it->second.expires_at)));
    case RequestStatus::rejected:
      return conflict(fmt::format("request {} was rejected", id));
    case RequestStatus::paid:
      return conflict(fmt::format("request {} is already paid", id));
    default:
      return &it->second;
  }
}

// F4: whether `by`'s approval of `request` is signed as it must be (decide_approve says how).
Status signature_error(const Plan& plan, const Request& request, const std::string& by,
                       const std::optional<ApprovalSignature>& signature,
                       const std::vector<ApproverKey>& keys) {
  std::string statement_path =
      fmt::format("GET /api/v1/fund/disbursements/{}/statement", request.id);
  if (!signature) {
    for (const auto& k : keys) {
      if (k.contact == by && !k.revoked) {
        return Error{ErrorCode::failed_precondition,
                     fmt::format("{} has signing key {}: an approval by a key holder is signed "
                                 "(sign the approval statement, {}, and send key_id and signature)",
                                 by, k.key_id, statement_path),
                     "signature"};
      }
    }
    return {};
  }
  auto key = std::find_if(keys.begin(), keys.end(),
                          [&](const ApproverKey& k) { return k.key_id == signature->key_id; });
  if (key == keys.end()) {
    return Error{ErrorCode::not_found, fmt::format("there is no key {}", signature->key_id),
                 "key_id"};
  }
  if (key->contact != by) {
    return Error{ErrorCode::permission_denied,
                 fmt::format("key {} is {}'s: each approver signs with their own key", key->key_id,
                             key->contact),
                 "key_id"};
  }
  if (key->revoked) {
    return Error{ErrorCode::failed_precondition,
                 fmt::format("key {} has been revoked: register a new key to sign", key->key_id),
                 "key_id"};
  }
  auto raw = evidence::unbase64(signature->signature);
  if (!raw || raw->size() != 64 ||
      !evidence::ed25519_verify(approval_statement(plan, request), *raw, key->public_key)) {
    return invalid("signature",
                   fmt::format("the signature is not key {}'s Ed25519 signature of request {}'s "
                               "approval statement ({})",
                               key->key_id, request.id, statement_path));
  }
  return {};
}

}  // namespace

const char* to_string(RequestStatus status) {
  switch (status) {
    case RequestStatus::requested:
      return "requested";
    case RequestStatus::approved:
      return "approved";
    case RequestStatus::reviewed:
      return "reviewed";
    case RequestStatus::rejected:
      return "rejected";
    case RequestStatus::paid:
      return "paid";
    case RequestStatus::expired:
      return "expired";
  }
  return "requested";
}

RequestStatus status(const Plan& plan, const Request& request, Instant now) {
  if (request.paid) return RequestStatus::paid;
  if (!request.reviewer.empty() && !request.review_approved) return RequestStatus::rejected;
  if (now >= request.expires_at) return RequestStatus::expired;
  if (!request.reviewer.empty()) return RequestStatus::reviewed;
  if (request.approvers.size() >= static_cast<std::size_t>(plan.fund.signatures)) {
    return RequestStatus::approved;
  }
  return RequestStatus::requested;
}

Result<Request> decide_request(const Plan& plan, const Fund& fund, const std::string& id,
                               std::int64_t amount, const std::string& currency,
                               std::string purpose, std::string incident, const std::string& by,
                               Instant now) {
  if (fund.requests.contains(id)) return conflict(fmt::format("request {} exists", id));
  if (Status e = check_amount(plan, amount, currency, "amount"); !e.ok()) return e.error();
  if (purpose.empty()) return invalid("purpose", "a disbursement request needs its purpose");
  if (!plan.find_contact(by)) return denied("only a member of the contact group may request");
  Request r;
  r.id = id;
  r.amount = amount;
  r.purpose = std::move(purpose);
  r.incident = std::move(incident);
  r.requested_by = by;
  r.requested_at = now;
  r.expires_at = plan.calendar.add(now, plan.fund.request_expiry);
  return r;
}

Result<Approval> decide_approve(const Plan& plan, const Fund& fund, const std::string& id,
                                const std::string& by, std::optional<ApprovalSignature> signature,
                                const std::vector<ApproverKey>& keys, Instant now) {
  auto r = open_request(plan, fund, id, now);
  if (!r) return r.error();
  const Request& request = **r;
  if (!plan.find_contact(by)) return denied("only a member of the contact group may approve");
  if (!request.reviewer.empty()) return conflict(fmt::format("request {} is already reviewed", id));
  if (std::find(request.approvers.begin(), request.approvers.end(), by) !=
      request.approvers.end()) {
    return conflict(
        fmt::format("{} already approved request {}: each approval is another person", by, id));
  }
  if (Status e = signature_error(plan, request, by, signature, keys); !e.ok()) return e.error();
  return Approval{by, std::move(signature)};
}

Result<Review> decide_review(const Plan& plan, const Fund& fund, const std::string& id,
                             Review review, Instant now) {
  auto r = open_request(plan, fund, id, now);
  if (!r) return r.error();
  const Request& request = **r;
  if (!request.reviewer.empty()) return conflict(fmt::format("request {} is already reviewed", id));
  if (request.approvers.size() < static_cast<std::size_t>(plan.fund.signatures)) {
    return conflict(fmt::format("request {} has {} of {} approvals", id, request.approvers.size(),
                                plan.fund.signatures));
  }
  if (!holds(plan, review.by, plan.fund.review_by)) {
    return denied(fmt::format("only the {} reviews a disbursement", plan.fund.review_by));
  }
  if (std::find(request.approvers.begin(), request.approvers.end(), review.by) !=
      request.approvers.end()) {
    return denied("the reviewer must be another person than the approvers");
  }
  if (!review.approve && review.reason.empty()) {
    return invalid("reason", "a rejection needs its reason");
  }
  return review;
}

Result<Movement> decide_pay(const Plan& plan, const Fund& fund, const std::string& id,
                            Instant occurred_at, std::string reference, const std::string& by,
                            Instant now) {
  auto r = open_request(plan, fund, id, now);
  if (!r) return r.error();
  const Request& request = **r;
  DisbursementApproval approval{request.approvers,
                                request.review_approved ? request.reviewer : std::string{}};
  if (auto blocker = disbursement_blocker(plan, approval)) {
    // F4: signatures first, then the finance review; the reason says which is missing.
    std::set<std::string> signed_by(request.approvers.begin(), request.approvers.end());
    bool signatures = signed_by.size() < static_cast<std::size_t>(plan.fund.signatures);
    return conflict(fmt::format("request {} may not be paid: {}", id, *blocker))
        .because(signatures ? "disbursement.signatures_missing" : "disbursement.not_reviewed",
                 {{"have", std::to_string(signed_by.size())},
                  {"need", std::to_string(plan.fund.signatures)}});
  }
  if (reference.empty()) return invalid("reference", "the bank reference is required");
  if (Status e = check_occurred_at(plan, occurred_at, now, "occurred_at"); !e.ok())
    return e.error();
  if (occurred_at < request.requested_at) {
    return invalid("occurred_at", fmt::format("the payment falls after the request ({})",
                                              format_instant(request.requested_at)));
  }
  if (balance(fund.ledger) < request.amount) {
    return conflict(fmt::format("the fund holds {} minor units, less than the {} requested",
                                balance(fund.ledger), request.amount));
  }
  Movement m;
  m.kind = MovementKind::disbursement;
  m.amount = request.amount;
  m.occurred_at = occurred_at;
  m.purpose = request.purpose;
  m.reference = std::move(reference);
  m.disbursement = id;
  m.by = by;
  return m;
}

void apply_request(Fund& fund, Request request) {
  auto id = request.id;
  fund.requests[id] = std::move(request);
}

void apply_approval(Fund& fund, const std::string& id, const Approval& approval) {
  auto& r = fund.requests[id];
  r.approvers.push_back(approval.by);
  if (approval.signature) r.signatures[approval.by] = *approval.signature;
}

void apply_review(Fund& fund, const std::string& id, const Review& review) {
  auto& r = fund.requests[id];
  r.reviewer = review.by;
  r.review_approved = review.approve;
  r.review_reason = review.reason;
}

void apply_payment(Fund& fund, const Movement& payment) {
  fund.requests[payment.disbursement].paid = payment;
  apply(fund.ledger, payment);
}

}  // namespace pactum::fund
