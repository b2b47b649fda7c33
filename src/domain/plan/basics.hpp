// The plan model's building blocks that several of its sections use: what a deadline counts from
// and how long it is, who owns a duty, how often a duty recurs, and money. Part of
// domain/plan.hpp, which includes every header of domain/plan/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/calendar.hpp"
#include "domain/duration.hpp"

namespace pactum {

// What a deadline counts from. Each is an instant in the incident's life.
enum class Anchor { discovered, reported, synced, assessed, level_set, resolved, review_submitted };

struct Deadline {
  Duration within;
  Anchor from = Anchor::reported;
};

// Which party's role holder owns a step.
struct Owner {
  std::string role;
  std::string party = "responsible";  // responsible | reporting | partner | any | <party id>
};

// A recurring duty: `times` occurrences per calendar period, due by the period's end.
// `owner` says who answers for it (a role, and a party id or "any"); without it the duty is the
// group's as a whole.
struct Cadence {
  Period every = Period::year;
  int times = 1;
  std::optional<Owner> owner;
};

struct Money {  // an amount in minor units (fen, cents): money is never a floating-point number
  std::int64_t minor = 0;
  bool operator==(const Money&) const = default;
  auto operator<=>(const Money&) const = default;
};
std::string format_money(Money m);  // "20000000.00"

const char* to_string(Anchor a);
std::optional<Anchor> parse_anchor(const std::string& name);

}  // namespace pactum
