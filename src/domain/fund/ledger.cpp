#include "domain/fund/ledger.hpp"

#include <fmt/format.h>

#include "domain/fund.hpp"
#include "domain/programme/record_json.hpp"

namespace pactum::fund {

const char* to_string(MovementKind kind) {
  switch (kind) {
    case MovementKind::deposit:
      return "deposit";
    case MovementKind::adjustment:
      return "adjustment";
    case MovementKind::disbursement:
      return "disbursement";
  }
  return "deposit";
}

std::optional<MovementKind> parse_movement_kind(std::string_view text) {
  for (auto k : {MovementKind::deposit, MovementKind::adjustment, MovementKind::disbursement}) {
    if (text == to_string(k)) return k;
  }
  return std::nullopt;
}

std::int64_t balance(const Ledger& ledger) {
  std::int64_t sum = 0;
  for (const auto& m : ledger.movements) {
    sum += m.kind == MovementKind::disbursement ? -m.amount : m.amount;
  }
  return sum;
}

std::int64_t reconciliation_gap(const Ledger& ledger) {
  if (ledger.reconciliations.empty()) return 0;
  return ledger.reconciliations.back().difference() - ledger.adjusted_since.back();
}

Status check_amount(const Plan& plan, std::int64_t amount, const std::string& currency,
                    const std::string& field) {
  if (!currency.empty() && currency != plan.agreement.currency) {
    return invalid("currency", fmt::format("the fund is kept in {}, not {}",
                                           plan.agreement.currency, currency));
  }
  if (amount <= 0) return invalid(field, "the amount must be more than 0 (in minor units)");
  if (amount > kMaxAmount) {
    return invalid(field, fmt::format("the amount must be at most {} minor units", kMaxAmount));
  }
  return {};
}

Status check_occurred_at(const Plan& plan, Instant occurred_at, Instant now,
                         const std::string& field) {
  if (occurred_at > now + kClockSkew) {
    return invalid(field, fmt::format("{} is in the future (it is {} now): record what the bank "
                                      "has done",
                                      format_instant(occurred_at), format_instant(now)));
  }
  if (occurred_at < plan.calendar.start_of(plan.agreement.starts)) {
    return invalid(
        field, fmt::format("{} is before the agreement starts ({}): the fund did not exist",
                           format_instant(occurred_at), date::format("%F", plan.agreement.starts)));
  }
  return {};
}

Result<Movement> decide_movement(const Plan& plan, const Ledger& ledger, Movement in,
                                 const std::string& currency, Instant now) {
  if (in.kind == MovementKind::disbursement) {
    return invalid("kind", "money leaves the fund only through a paid disbursement request");
  }
  if (in.kind == MovementKind::adjustment) {
    // An adjustment corrects the ledger either way; its size is checked as an amount.
    if (in.amount == 0) return invalid("amount", "an adjustment of 0 changes nothing");
    std::int64_t size = in.amount < 0 ? -in.amount : in.amount;
    if (Status e = check_amount(plan, size, currency, "amount"); !e.ok()) return e.error();
    if (balance(ledger) + in.amount < 0) {
      return invalid("amount", "the adjustment would take the balance below zero");
    }
    if (in.purpose.empty()) return invalid("purpose", "an adjustment needs its reason");
  } else {
    if (Status e = check_amount(plan, in.amount, currency, "amount"); !e.ok()) return e.error();
    if (in.counterparty.empty()) return invalid("counterparty", "a deposit names who paid it in");
    if (in.purpose.empty()) return invalid("purpose", "a deposit needs its purpose");
  }
  if (Status e = check_occurred_at(plan, in.occurred_at, now, "occurred_at"); !e.ok())
    return e.error();
  if (in.reference.empty()) return invalid("reference", "the bank reference is required");
  in.disbursement.clear();
  return in;
}

Result<Reconciliation> decide_reconciliation(const Plan& plan, const Ledger& ledger,
                                             std::int64_t statement_balance,
                                             const std::string& statement_date,
                                             const std::string& by, Instant now) {
  if (statement_balance < 0 || statement_balance > kMaxAmount) {
    return invalid("statement_balance",
                   fmt::format("the statement balance must be 0 to {} minor units", kMaxAmount));
  }
  auto day = parse_day(statement_date);
  if (!day) return invalid("statement_date", "the statement date must be a day, YYYY-MM-DD");
  if (*day > plan.calendar.local_day(now)) {
    return invalid(
        "statement_date",
        fmt::format("{} is in the future: record a statement the bank has issued", statement_date));
  }
  if (*day < plan.agreement.starts) {
    return invalid("statement_date",
                   fmt::format("{} is before the agreement starts ({}): the fund did not exist",
                               statement_date, date::format("%F", plan.agreement.starts)));
  }
  return Reconciliation{statement_balance, statement_date, balance(ledger), by};
}

std::string reconciliation_id(std::size_t index) { return fmt::format("RC-{:04}", index + 1); }

void apply(Ledger& ledger, const Movement& movement) {
  ledger.movements.push_back(movement);
  if (movement.kind == MovementKind::adjustment && !ledger.adjusted_since.empty()) {
    ledger.adjusted_since.back() += movement.amount;
  }
}

void apply(Ledger& ledger, const Reconciliation& reconciliation) {
  ledger.reconciliations.push_back(reconciliation);
  ledger.adjusted_since.push_back(0);
}

Standing standing(const Plan& plan, const Ledger& ledger) {
  Standing s;
  s.balance = balance(ledger);
  s.floor = reserve_floor(plan).minor;
  s.shortfall = reserve_shortfall(plan, Money{s.balance}).value_or(Money{0}).minor;
  s.reconciliation_gap = reconciliation_gap(ledger);
  return s;
}

}  // namespace pactum::fund
