// The emergency fund's ledger (F2, F3): every movement of money in integer minor units, in the
// plan's currency. The balance is never stored: it is the sum of the movements. Money enters by a
// deposit, is corrected by an adjustment with its reason, and leaves only by a paid disbursement
// (domain/fund/disbursement.hpp), which is the only way a kind `disbursement` movement is made.
// Pure: every instant is a parameter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/plan.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"

namespace pactum::fund {

// The largest amount any one movement or request may carry: 10^15 minor units. Beyond it an
// amount is a typo (or an attack on the sums), and the sum of many stays far from int64's end.
inline constexpr std::int64_t kMaxAmount = 1'000'000'000'000'000;

enum class MovementKind { deposit, adjustment, disbursement };
const char* to_string(MovementKind kind);
std::optional<MovementKind> parse_movement_kind(std::string_view text);

struct Movement {
  MovementKind kind = MovementKind::deposit;
  std::int64_t amount = 0;  // minor units; > 0, except an adjustment, which may be negative
  Instant occurred_at{};
  std::string counterparty;
  std::string purpose;       // an adjustment's reason
  std::string reference;     // the bank's reference
  std::string evidence;      // optional: where the voucher is
  std::string disbursement;  // kind disbursement: the request it paid
  std::string by;            // the contact who recorded it
};

// F3: a bank statement's balance and date held against the ledger.
struct Reconciliation {
  std::int64_t statement_balance = 0;
  std::string statement_date;       // YYYY-MM-DD
  std::int64_t ledger_balance = 0;  // the ledger's balance when it was recorded
  std::string by;
  std::int64_t difference() const { return statement_balance - ledger_balance; }
};

struct Ledger {
  std::vector<Movement> movements;  // in the order recorded
  std::vector<Reconciliation> reconciliations;
  // Per reconciliation (same index), the sum of adjustments recorded after it.
  std::vector<std::int64_t> adjusted_since;
};

// The sum of the movements: deposits and adjustments in, paid disbursements out.
std::int64_t balance(const Ledger& ledger);

// F3: what the latest reconciliation's difference still lacks in adjustments (0 when matched or
// when there is none). A nonzero gap is the flag the fund shows.
std::int64_t reconciliation_gap(const Ledger& ledger);

// An amount of a request or movement: > 0 and ≤ kMaxAmount, in the plan's currency (`currency`
// empty means "the plan's"). `field` names it in the error.
Status check_amount(const Plan& plan, std::int64_t amount, const std::string& currency,
                    const std::string& field);

// How far ahead of the server's clock a movement's `occurred_at` may be: the clock of whoever
// read the time off the bank's record may run a little ahead.
inline constexpr std::chrono::minutes kClockSkew{5};

// When a movement occurred, as `field`: not before the agreement's first day in the plan's time
// zone (the fund did not exist before it), and not after `now` plus kClockSkew.
Status check_occurred_at(const Plan& plan, Instant occurred_at, Instant now,
                         const std::string& field);

// A deposit or an adjustment as a person records it at `now`, checked whole: the kind
// (disbursement is refused: money leaves only through a paid request), the amount (an adjustment
// may be negative but not zero, and may not take the balance below zero), when it occurred
// (check_occurred_at), the counterparty of a deposit, the purpose (an adjustment's reason), the
// reference. Returns the movement to append.
Result<Movement> decide_movement(const Plan& plan, const Ledger& ledger, Movement in,
                                 const std::string& currency, Instant now);

// F3: a statement balance (≥ 0, ≤ kMaxAmount) and date (YYYY-MM-DD, in the agreement's term up
// to today in the plan's time zone) held against the ledger.
Result<Reconciliation> decide_reconciliation(const Plan& plan, const Ledger& ledger,
                                             std::int64_t statement_balance,
                                             const std::string& statement_date,
                                             const std::string& by, Instant now);

// F3: the id of the reconciliation at `index` (from 0) in the order recorded: RC-0001.
std::string reconciliation_id(std::size_t index);

// The ledger after a movement or a reconciliation (live or replayed: the same path).
void apply(Ledger& ledger, const Movement& movement);
void apply(Ledger& ledger, const Reconciliation& reconciliation);

// F1: the fund against the plan's floor.
struct Standing {
  std::int64_t balance = 0;
  std::int64_t floor = 0;
  std::int64_t shortfall = 0;  // 0 when at or above the floor
  std::int64_t reconciliation_gap = 0;
};
Standing standing(const Plan& plan, const Ledger& ledger);

}  // namespace pactum::fund
