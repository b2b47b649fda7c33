// The emergency fund (F1–F4): its standing against the floor, the ledger's movements,
// disbursement requests with their approvals, review and payment, and reconciliations. The routes
// parse and serialise; who may take which step and what it may say is engine/fund and
// domain/fund.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/fund/approval_statement.hpp"
#include "domain/fund/fund_facts.hpp"
#include "domain/fund/fund_json.hpp"
#include "engine/fund.hpp"
#include "engine/no_plan.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;
using engine::kNoPlan;

const Error kNoFund = not_running("the emergency fund");

// The plan contact the caller's account is ("" for none, or a token without a user's contact).
std::string contact_of(const Call& call) { return call.caller ? call.caller->user.contact : ""; }

// The request `id` as the API shows it now.
Response request_response(Api& api, int status, const std::string& id) {
  auto plan = api.engine().plan();
  auto fund = api.options().fund->fund();
  auto it = fund->requests.find(id);
  if (!plan || it == fund->requests.end()) return error_response(kNoPlan);
  return json_response(status,
                       fund::request_view(plan->plan, it->second, api.engine().clock().now()));
}

// The latest reconciliation (F3) as the API shows it: what was recorded, its id and whether it is
// settled (no difference, or adjustments have closed it). The ledger holds at least one.
object last_reconciliation(const fund::Ledger& ledger) {
  object o = fund::reconciliation_to_json(ledger.reconciliations.back());
  auto facts = fund::reconciliations(ledger);
  o["id"] = facts.back().id;
  o["settled"] = facts.back().settled;
  return o;
}

// A step on request {id} (approve, review, pay): `take` reads the body and starts it; the answer
// is the request after it.
template <class Take>
void request_step(Api& api, const std::string& path, bool body, Take take) {
  api.route("POST", path, Access::write, [&api, body, take](Call& call, Reply reply) {
    auto* f = api.options().fund;
    if (!f) return reply(error_response(kNoFund));
    auto in = Input::parse(call.request.body, !body);
    if (!in) return reply(error_response(in.error()));
    const std::string id = call.request.params.at("id");
    take(*f, *in, id, call, [&api, reply, id](Result<std::string> r) {
      if (!r) return reply(error_response(r.error()));
      reply(request_response(api, 200, id));
    });
  });
}

}  // namespace

void add_fund_routes(Api& api) {
  api.route("GET", "/api/v1/fund", Access::read, [&api](Call&, Reply reply) {
    auto* f = api.options().fund;
    if (!f) return reply(error_response(kNoFund));
    auto plan = api.engine().plan();
    if (!plan) return reply(error_response(kNoPlan));
    auto fund = f->fund();
    auto s = fund::standing(plan->plan, fund->ledger);
    object o{{"balance", s.balance},
             {"floor", s.floor},
             {"shortfall", s.shortfall},
             {"currency", plan->plan.agreement.currency},
             {"reconciliation_gap", s.reconciliation_gap}};
    o["last_reconciliation"] = fund->ledger.reconciliations.empty()
                                   ? boost::json::value(nullptr)
                                   : boost::json::value(last_reconciliation(fund->ledger));
    reply(json_response(200, o));
  });

  api.route("GET", "/api/v1/fund/movements", Access::read, [&api](Call&, Reply reply) {
    auto* f = api.options().fund;
    if (!f) return reply(error_response(kNoFund));
    array out;
    for (const auto& m : f->fund()->ledger.movements) out.push_back(fund::movement_to_json(m));
    reply(json_response(200, object{{"movements", std::move(out)}}));
  });

  api.route("POST", "/api/v1/fund/movements", Access::write, [&api](Call& call, Reply reply) {
    auto* f = api.options().fund;
    if (!f) return reply(error_response(kNoFund));
    auto in = Input::parse(call.request.body);
    if (!in) return reply(error_response(in.error()));
    fund::Movement m;
    std::string kind = in->str("kind", true, 32);
    m.amount = in->integer("amount").value_or(0);
    std::string currency = in->str("currency", false, 8);
    if (auto t = in->instant("occurred_at")) m.occurred_at = *t;
    m.counterparty = in->str("counterparty", false, 200);
    m.purpose = in->str("purpose", true, 2000);
    m.reference = in->str("reference", true, 200);
    m.evidence = in->str("evidence", false, 2000);
    if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
    auto k = fund::parse_movement_kind(kind);
    if (!k) {
      return reply(error_response(
          invalid("kind", fmt::format("\"{}\" is not deposit or adjustment", kind))));
    }
    m.kind = *k;
    f->record_movement(
        m, currency, call.actor, contact_of(call), [&api, f, reply](Result<std::string> ref) {
          if (!ref) return reply(error_response(ref.error()));
          auto fund = f->fund();
          reply(json_response(201, fund::movement_to_json(fund->ledger.movements.back())));
        });
  });

  api.route("GET", "/api/v1/fund/disbursements", Access::read, [&api](Call&, Reply reply) {
    auto* f = api.options().fund;
    if (!f) return reply(error_response(kNoFund));
    auto plan = api.engine().plan();
    if (!plan) return reply(error_response(kNoPlan));
    Instant now = api.engine().clock().now();
    array out;
    for (const auto& [id, r] : f->fund()->requests) {
      out.push_back(fund::request_view(plan->plan, r, now));
    }
    reply(json_response(200, object{{"disbursements", std::move(out)}}));
  });

  api.route("POST", "/api/v1/fund/disbursements", Access::write, [&api](Call& call, Reply reply) {
    auto* f = api.options().fund;
    if (!f) return reply(error_response(kNoFund));
    auto in = Input::parse(call.request.body);
    if (!in) return reply(error_response(in.error()));
    std::int64_t amount = in->integer("amount").value_or(0);
    std::string currency = in->str("currency", false, 8);
    std::string purpose = in->str("purpose", true, 2000);
    std::string incident = in->str("incident", false, 64);
    if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
    f->request(amount, currency, purpose, incident, call.actor, contact_of(call),
               [&api, reply](Result<std::string> id) {
                 if (!id) return reply(error_response(id.error()));
                 Response r = request_response(api, 201, *id);
                 r.headers.emplace_back("Location", "/api/v1/fund/disbursements/" + *id);
                 reply(std::move(r));
               });
  });

  // F4: the bytes an approver signs, exactly (docs/plan-signing.md, "Signed approvals").
  api.route("GET", "/api/v1/fund/disbursements/{id}/statement", Access::read,
            [&api](Call& call, Reply reply) {
              auto* f = api.options().fund;
              if (!f) return reply(error_response(kNoFund));
              auto plan = api.engine().plan();
              if (!plan) return reply(error_response(kNoPlan));
              auto fund = f->fund();
              const std::string& id = call.request.params.at("id");
              auto it = fund->requests.find(id);
              if (it == fund->requests.end()) {
                return reply(error_response(Error{
                    ErrorCode::not_found, fmt::format("no disbursement request {}", id), "id"}));
              }
              Response r;
              r.content_type = "text/plain; charset=utf-8";
              r.body = fund::approval_statement(plan->plan, it->second);
              reply(std::move(r));
            });
  request_step(api, "/api/v1/fund/disbursements/{id}/approve", false,
               [](engine::FundRecords& f, Input& in, const std::string& id, Call& call,
                  engine::FundRecords::Done done) {
                 std::string key_id = in.str("key_id", false, 64);
                 std::string signature = in.str("signature", false, 256);
                 if (Status e = in.finish(); !e.ok()) return done(e.error());
                 if (key_id.empty() != signature.empty()) {
                   return done(invalid(key_id.empty() ? "key_id" : "signature",
                                       "a signed approval sends both key_id and signature"));
                 }
                 std::optional<fund::ApprovalSignature> signed_by;
                 if (!key_id.empty()) signed_by = fund::ApprovalSignature{key_id, signature};
                 f.approve(id, std::move(signed_by), call.actor, contact_of(call), std::move(done));
               });
  request_step(
      api, "/api/v1/fund/disbursements/{id}/review", true,
      [](engine::FundRecords& f, Input& in, const std::string& id, Call& call,
         engine::FundRecords::Done done) {
        std::string decision = in.str("decision", true, 16);
        std::string reason = in.str("reason", false, 2000);
        if (Status e = in.finish(); !e.ok()) return done(e.error());
        if (decision != "approve" && decision != "reject") {
          return done(
              invalid("decision", fmt::format("\"{}\" is not approve or reject", decision)));
        }
        f.review(id, decision == "approve", reason, call.actor, contact_of(call), std::move(done));
      });
  request_step(api, "/api/v1/fund/disbursements/{id}/pay", true,
               [](engine::FundRecords& f, Input& in, const std::string& id, Call& call,
                  engine::FundRecords::Done done) {
                 auto at = in.instant("occurred_at");
                 std::string reference = in.str("reference", true, 200);
                 if (Status e = in.finish(); !e.ok()) return done(e.error());
                 f.pay(id, *at, reference, call.actor, contact_of(call), std::move(done));
               });

  api.route("POST", "/api/v1/fund/reconciliations", Access::write, [&api](Call& call, Reply reply) {
    auto* f = api.options().fund;
    if (!f) return reply(error_response(kNoFund));
    auto in = Input::parse(call.request.body);
    if (!in) return reply(error_response(in.error()));
    std::int64_t balance = in->integer("statement_balance").value_or(0);
    std::string date = in->str("statement_date", true, 16);
    if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
    f->reconcile(balance, date, call.actor, contact_of(call), [f, reply](Result<std::string> r) {
      if (!r) return reply(error_response(r.error()));
      reply(json_response(201, last_reconciliation(f->fund()->ledger)));
    });
  });
}

}  // namespace pactum::http
