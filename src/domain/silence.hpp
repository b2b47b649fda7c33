// T5: silences, Alertmanager's name for a maintenance window. A silence mutes the alerts its
// matchers all match (Prometheus semantics, as the plan's alert rules: a missing label is "",
// regexes are anchored) from starts_at until ends_at. A muted alert opens no incident: a trigger
// condition counts as true only from the first instant, at or after it became true, at which no
// silence mutes the alert (so an outage that outlasts the window opens its incident when the
// window ends, and one that ends inside it opens nothing). Domain code: `now` is a parameter.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/alert_rules.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"

namespace pactum {

struct Silence {
  std::string id;  // a UUID, given when it is created
  std::vector<Matcher> matchers;
  Instant starts_at{};
  Instant ends_at{};
  std::string created_by;
  std::string comment;
  Instant updated_at{};  // its last change (created, expired)
};

// Alertmanager's states: pending before starts_at, active from it until ends_at, expired after.
enum class SilenceState { pending, active, expired };
SilenceState silence_state(const Silence& s, Instant now);
const char* to_string(SilenceState state);

// Whether `s` mutes an alert with `labels` at `at`: it is active then and every matcher matches.
bool mutes(const Silence& s, const Labels& labels, Instant at);

// The ids of the silences that mute `labels` at `at`, in the order given.
std::vector<std::string> muted_by(const std::vector<Silence>& silences, const Labels& labels,
                                  Instant at);

// The first instant from `t` on at which no silence mutes `labels`: `t` itself unless one does,
// else the end of the (chain of overlapping) silences covering it. Costs nothing without silences.
Instant unmuted_from(const std::vector<Silence>& silences, const Labels& labels, Instant t);

struct SilenceLimits {
  std::size_t max_matchers = 64;
  std::size_t max_name_bytes = 128;
  std::size_t max_value_bytes = 4096;
  std::size_t max_created_by_bytes = 256;
  std::size_t max_comment_bytes = 4096;
};

// Why a new silence cannot be recorded at `now`, naming the field as Alertmanager's API spells it
// ("matchers[1].value", "endsAt"), or nothing. As in Alertmanager: at least one matcher, and at
// least one that does not match the empty string (a silence must not mute every alert); label
// names as Prometheus's; regexes that compile; endsAt after startsAt and not in the past;
// createdBy and comment given.
Status silence_error(const Silence& s, Instant now, const SilenceLimits& limits = {});

// Alertmanager's listing order: active ones by ends_at, then pending ones by starts_at, then
// expired ones, the most recently ended first.
void sort_for_listing(std::vector<Silence>& silences, Instant now);

}  // namespace pactum
