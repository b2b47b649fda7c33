#include "domain/fund/fund_json.hpp"

#include "domain/digest.hpp"

namespace pactum::fund {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

std::string str(const object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<std::int64_t> int64(const object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_int64()) return std::nullopt;
  return v->as_int64();
}

std::optional<Instant> instant(const object& o, const char* key) {
  return parse_instant(str(o, key));
}

}  // namespace

object movement_to_json(const Movement& m) {
  object o{{"kind", to_string(m.kind)},
           {"amount", m.amount},
           {"occurred_at", format_instant(m.occurred_at)},
           {"counterparty", m.counterparty},
           {"purpose", m.purpose},
           {"reference", m.reference},
           {"evidence", m.evidence},
           {"by", m.by}};
  if (!m.disbursement.empty()) o["disbursement"] = m.disbursement;
  return o;
}

std::optional<Movement> movement_from_json(const object& o) {
  auto kind = parse_movement_kind(str(o, "kind"));
  auto amount = int64(o, "amount");
  auto at = instant(o, "occurred_at");
  if (!kind || !amount || !at) return std::nullopt;
  return Movement{*kind,
                  *amount,
                  *at,
                  str(o, "counterparty"),
                  str(o, "purpose"),
                  str(o, "reference"),
                  str(o, "evidence"),
                  str(o, "disbursement"),
                  str(o, "by")};
}

object reconciliation_to_json(const Reconciliation& r) {
  return object{{"statement_balance", r.statement_balance},
                {"statement_date", r.statement_date},
                {"ledger_balance", r.ledger_balance},
                {"difference", r.difference()},
                {"by", r.by}};
}

std::optional<Reconciliation> reconciliation_from_json(const object& o) {
  auto statement = int64(o, "statement_balance");
  auto ledger = int64(o, "ledger_balance");
  if (!statement || !ledger) return std::nullopt;
  return Reconciliation{*statement, str(o, "statement_date"), *ledger, str(o, "by")};
}

object request_to_json(const Request& r) {
  return object{{"id", r.id},
                {"amount", r.amount},
                {"purpose", r.purpose},
                {"incident", r.incident},
                {"requested_by", r.requested_by},
                {"requested_at", format_instant(r.requested_at)},
                {"expires_at", format_instant(r.expires_at)}};
}

std::optional<Request> request_from_json(const object& o) {
  auto amount = int64(o, "amount");
  auto requested = instant(o, "requested_at");
  auto expires = instant(o, "expires_at");
  if (!amount || !requested || !expires || str(o, "id").empty()) return std::nullopt;
  Request r;
  r.id = str(o, "id");
  r.amount = *amount;
  r.purpose = str(o, "purpose");
  r.incident = str(o, "incident");
  r.requested_by = str(o, "requested_by");
  r.requested_at = *requested;
  r.expires_at = *expires;
  return r;
}

object approval_to_json(const std::string& id, const Approval& a, std::string_view statement) {
  object o{{"id", id}, {"by", a.by}};
  if (a.signature) {
    o["key_id"] = a.signature->key_id;
    o["signature"] = a.signature->signature;
    o["statement_sha256"] = sha256_hex(statement);
  }
  return o;
}

std::optional<Approval> approval_from_json(const object& o) {
  Approval a{str(o, "by"), std::nullopt};
  if (a.by.empty()) return std::nullopt;
  if (!str(o, "key_id").empty())
    a.signature = ApprovalSignature{str(o, "key_id"), str(o, "signature")};
  return a;
}

object request_view(const Plan& plan, const Request& r, Instant now) {
  object o = request_to_json(r);
  o["currency"] = plan.agreement.currency;
  o["status"] = to_string(status(plan, r, now));
  array approvals;
  for (const auto& a : r.approvers) approvals.push_back(value(a));
  o["approvals"] = std::move(approvals);
  array signatures;
  for (const auto& a : r.approvers) {
    auto s = r.signatures.find(a);
    bool is_signed = s != r.signatures.end();
    signatures.push_back(
        object{{"by", a},
               {"signed", is_signed},
               {"key_id", is_signed ? value(s->second.key_id) : value(nullptr)},
               {"signature", is_signed ? value(s->second.signature) : value(nullptr)}});
  }
  o["approval_signatures"] = std::move(signatures);
  o["approvals_required"] = plan.fund.signatures;
  o["review"] = r.reviewer.empty()
                    ? value(nullptr)
                    : value(object{{"by", r.reviewer},
                                   {"decision", r.review_approved ? "approve" : "reject"},
                                   {"reason", r.review_reason}});
  o["paid"] = r.paid ? value(object{{"occurred_at", format_instant(r.paid->occurred_at)},
                                    {"reference", r.paid->reference},
                                    {"by", r.paid->by}})
                     : value(nullptr);
  return o;
}

}  // namespace pactum::fund
