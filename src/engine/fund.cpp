#include "engine/fund.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/canonical_json.hpp"
#include "domain/event_json.hpp"
#include "domain/fund/approval_statement.hpp"
#include "domain/fund/fund_json.hpp"
#include "domain/json_member.hpp"
#include "domain/programme/record_rules.hpp"
#include "engine/no_plan.hpp"

namespace pactum::engine {
namespace json = boost::json;
namespace {

const std::string kStream = "fund";
constexpr const char* kMovement = "fund.movement.recorded";
constexpr const char* kRequested = "fund.disbursement.requested";
constexpr const char* kApproved = "fund.disbursement.approved";
constexpr const char* kReviewed = "fund.disbursement.reviewed";
constexpr const char* kPaid = "fund.disbursement.paid";
constexpr const char* kReconciled = "fund.reconciled";

// F4 is about persons of the group: an account that is no contact takes no step of it.
Status member(const std::string& contact) {
  if (contact.empty()) {
    return denied("your account is not linked to a contact of the group (ask an administrator)");
  }
  return {};
}

}  // namespace

FundRecords::FundRecords(Engine& engine, store::EventLog& log)
    : engine_(engine), log_(log), fund_(std::make_shared<const fund::Fund>()) {}

Status FundRecords::load() {
  return log_.scan_stream(kStream, [&](const store::RecordView& r) {
    apply(r.type, r.payload);
    return true;
  });
}

std::shared_ptr<const fund::Fund> FundRecords::fund() const {
  std::lock_guard lock(mutex_);
  return fund_;
}

void FundRecords::apply(std::string_view type, std::string_view payload) {
  boost::system::error_code ec;
  auto v = json::parse(payload, ec);
  std::lock_guard lock(mutex_);
  ++version_;                        // every record of the stream counts, read or not
  if (ec || !v.is_object()) return;  // unreadable: the audit names it; the rest still count
  const auto& o = v.as_object();
  auto next = std::make_shared<fund::Fund>(*fund_);
  if (type == kMovement) {
    auto m = fund::movement_from_json(o);
    if (!m || m->kind == fund::MovementKind::disbursement) return;
    fund::apply(next->ledger, *m);
  } else if (type == kPaid) {
    auto m = fund::movement_from_json(o);
    if (!m || !next->requests.contains(m->disbursement)) return;
    fund::apply_payment(*next, *m);
  } else if (type == kRequested) {
    auto r = fund::request_from_json(o);
    if (!r) return;
    fund::apply_request(*next, std::move(*r));
  } else if (type == kApproved) {
    auto a = fund::approval_from_json(o);
    if (!a || !next->requests.contains(string_member(o, "id"))) return;
    fund::apply_approval(*next, string_member(o, "id"), *a);
  } else if (type == kReviewed) {
    if (!next->requests.contains(string_member(o, "id"))) return;
    fund::apply_review(*next, string_member(o, "id"),
                       {string_member(o, "by"), string_member(o, "decision") == "approve",
                        string_member(o, "reason")});
  } else if (type == kReconciled) {
    auto r = fund::reconciliation_from_json(o);
    if (!r) return;
    fund::apply(next->ledger, *r);
  } else {
    return;  // a type of a later version: ignored
  }
  fund_ = std::move(next);
}

void FundRecords::step(
    const Actor& by,
    const std::function<Result<Step>(const Plan&, const fund::Fund&, Instant now)>& decide,
    Done done) {
  auto active = engine_.plan();
  if (!active) return done(kNoPlan);
  Instant now = engine_.clock().now();
  std::int64_t version = 0;
  Result<Step> s = [&] {
    std::lock_guard lock(mutex_);
    version = version_;
    return decide(active->plan, *fund_, now);
  }();
  if (!s) return done(s.error());
  std::string id = s->id;
  store::AppendRequest request{
      kStream,
      version,
      {{s->type, canonical_json(actor_to_json(by)), now, std::move(s->payload)}},
      std::move(s->once),
      {}};
  log_.append(std::move(request), [this, id, done](Result<store::AppendResult> r) {
    if (!r) return done(r.error());
    if (r->duplicate) {
      return done(Error{ErrorCode::conflict, fmt::format("{} is already recorded", id), {}});
    }
    for (const auto& e : r->events) apply(e.type, e.payload);
    engine_.observe(r->events);  // the engine applies every record in seq order
    done(id);
  });
}

void FundRecords::record_movement(fund::Movement movement, const std::string& currency,
                                  const Actor& by, const std::string& contact, Done done) {
  movement.by = contact.empty() ? by.user : contact;
  step(
      by,
      [&](const Plan& plan, const fund::Fund& f, Instant now) -> Result<Step> {
        if (Status e = record_permitted(plan, Action::record_fund_movement, by); !e.ok())
          return e.error();
        auto m = fund::decide_movement(plan, f.ledger, movement, currency, now);
        if (!m) return m.error();
        return Step{kMovement, canonical_json(fund::movement_to_json(*m)), m->reference,
                    fmt::format("{}:{}", kMovement, m->reference)};
      },
      std::move(done));
}

void FundRecords::request(std::int64_t amount, const std::string& currency, std::string purpose,
                          std::string incident, const Actor& by, const std::string& contact,
                          Done done) {
  step(
      by,
      [&](const Plan& plan, const fund::Fund& f, Instant now) -> Result<Step> {
        if (Status e = record_permitted(plan, Action::request_disbursement, by); !e.ok())
          return e.error();
        if (Status e = member(contact); !e.ok()) return e.error();
        if (!incident.empty() && !engine_.incident(incident)) {
          return invalid("incident", fmt::format("no incident {}", incident));
        }
        std::string id = fmt::format("FD-{:04}", f.requests.size() + 1);
        auto r =
            fund::decide_request(plan, f, id, amount, currency, purpose, incident, contact, now);
        if (!r) return r.error();
        return Step{kRequested, canonical_json(fund::request_to_json(*r)), id, {}};
      },
      std::move(done));
}

void FundRecords::approve(const std::string& id, std::optional<fund::ApprovalSignature> signature,
                          const Actor& by, const std::string& contact, Done done) {
  std::vector<fund::ApproverKey> keys = keys_ ? keys_() : std::vector<fund::ApproverKey>{};
  step(
      by,
      [&](const Plan& plan, const fund::Fund& f, Instant now) -> Result<Step> {
        if (Status e = member(contact); !e.ok()) return e.error();
        auto a = fund::decide_approve(plan, f, id, contact, signature, keys, now);
        if (!a) return a.error();
        std::string statement = fund::approval_statement(plan, f.requests.at(id));
        return Step{kApproved, canonical_json(fund::approval_to_json(id, *a, statement)), id,
                    fmt::format("{}:{}:{}", kApproved, id, a->by)};
      },
      std::move(done));
}

void FundRecords::review(const std::string& id, bool approve, std::string reason, const Actor& by,
                         const std::string& contact, Done done) {
  step(
      by,
      [&](const Plan& plan, const fund::Fund& f, Instant now) -> Result<Step> {
        if (Status e = member(contact); !e.ok()) return e.error();
        auto r = fund::decide_review(plan, f, id, {contact, approve, reason}, now);
        if (!r) return r.error();
        json::object payload{{"id", id},
                             {"by", r->by},
                             {"decision", r->approve ? "approve" : "reject"},
                             {"reason", r->reason}};
        return Step{kReviewed, canonical_json(payload), id, fmt::format("{}:{}", kReviewed, id)};
      },
      std::move(done));
}

void FundRecords::pay(const std::string& id, Instant occurred_at, std::string reference,
                      const Actor& by, const std::string& contact, Done done) {
  step(
      by,
      [&](const Plan& plan, const fund::Fund& f, Instant now) -> Result<Step> {
        if (Status e = record_permitted(plan, Action::pay_disbursement, by); !e.ok())
          return e.error();
        if (Status e = member(contact); !e.ok()) return e.error();
        auto m = fund::decide_pay(plan, f, id, occurred_at, reference, contact, now);
        if (!m) return m.error();
        return Step{kPaid, canonical_json(fund::movement_to_json(*m)), id,
                    fmt::format("{}:{}", kPaid, id)};
      },
      std::move(done));
}

void FundRecords::reconcile(std::int64_t statement_balance, const std::string& statement_date,
                            const Actor& by, const std::string& contact, Done done) {
  step(
      by,
      [&](const Plan& plan, const fund::Fund& f, Instant now) -> Result<Step> {
        if (Status e = record_permitted(plan, Action::reconcile_fund, by); !e.ok())
          return e.error();
        auto r = fund::decide_reconciliation(plan, f.ledger, statement_balance, statement_date,
                                             contact.empty() ? by.user : contact, now);
        if (!r) return r.error();
        return Step{
            kReconciled, canonical_json(fund::reconciliation_to_json(*r)), r->statement_date, {}};
      },
      std::move(done));
}

}  // namespace pactum::engine
