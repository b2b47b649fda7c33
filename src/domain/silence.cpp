#include "domain/silence.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <tuple>

namespace pactum {

SilenceState silence_state(const Silence& s, Instant now) {
  if (now < s.starts_at) return SilenceState::pending;
  if (now < s.ends_at) return SilenceState::active;
  return SilenceState::expired;
}

const char* to_string(SilenceState state) {
  switch (state) {
    case SilenceState::pending:
      return "pending";
    case SilenceState::active:
      return "active";
    case SilenceState::expired:
      return "expired";
  }
  return "expired";
}

bool mutes(const Silence& s, const Labels& labels, Instant at) {
  if (silence_state(s, at) != SilenceState::active) return false;
  return std::all_of(s.matchers.begin(), s.matchers.end(),
                     [&](const Matcher& m) { return matches(m, labels); });
}

std::vector<std::string> muted_by(const std::vector<Silence>& silences, const Labels& labels,
                                  Instant at) {
  std::vector<std::string> out;
  for (const auto& s : silences) {
    if (mutes(s, labels, at)) out.push_back(s.id);
  }
  return out;
}

Instant unmuted_from(const std::vector<Silence>& silences, const Labels& labels, Instant t) {
  // Each step moves past the end of a silence active at t, so this ends within as many steps as
  // there are silences; the matchers are the costly part and are tried once per silence.
  std::vector<const Silence*> matching;
  for (const auto& s : silences) {
    if (t < s.ends_at && std::all_of(s.matchers.begin(), s.matchers.end(),
                                     [&](const Matcher& m) { return matches(m, labels); })) {
      matching.push_back(&s);
    }
  }
  for (bool moved = true; moved;) {
    moved = false;
    for (const Silence* s : matching) {
      if (s->starts_at <= t && t < s->ends_at) {
        t = s->ends_at;
        moved = true;
      }
    }
  }
  return t;
}

Status silence_error(const Silence& s, Instant now, const SilenceLimits& limits) {
  if (s.matchers.empty()) return invalid("matchers", "a silence needs at least one matcher");
  if (s.matchers.size() > limits.max_matchers) {
    return invalid("matchers", fmt::format("{} matchers; at most {} are accepted",
                                           s.matchers.size(), limits.max_matchers));
  }
  bool all_match_empty = true;
  for (std::size_t i = 0; i < s.matchers.size(); ++i) {
    const Matcher& m = s.matchers[i];
    std::string where = fmt::format("matchers[{}]", i);
    if (!valid_label_name(m.label) || m.label.size() > limits.max_name_bytes) {
      return invalid(where + ".name",
                     fmt::format("\"{}\" is not a label name (letters, digits and _, not starting "
                                 "with a digit, at most {} bytes)",
                                 m.label.substr(0, 64), limits.max_name_bytes));
    }
    if (m.value.size() > limits.max_value_bytes) {
      return invalid(where + ".value",
                     fmt::format("the value has {} bytes; at most {} are accepted", m.value.size(),
                                 limits.max_value_bytes));
    }
    if (m.op == MatchOp::regex || m.op == MatchOp::not_regex) {
      if (auto e = regex_error(m.value)) {
        return invalid(where + ".value", fmt::format("not a valid regular expression: {}", *e));
      }
    }
    all_match_empty = all_match_empty && matches(m, Labels{});
  }
  if (all_match_empty) {
    return invalid("matchers",
                   "at least one matcher must not match the empty string (this silence would mute "
                   "every alert)");
  }
  if (s.ends_at <= s.starts_at) {
    return invalid("endsAt", fmt::format("{} is not after startsAt {}", format_instant(s.ends_at),
                                         format_instant(s.starts_at)));
  }
  if (s.ends_at < now) {
    return invalid("endsAt", fmt::format("{} is in the past (the server's time is {})",
                                         format_instant(s.ends_at), format_instant(now)));
  }
  if (s.created_by.empty()) return invalid("createdBy", "\"createdBy\" is required");
  if (s.created_by.size() > limits.max_created_by_bytes) {
    return invalid("createdBy",
                   fmt::format("at most {} bytes are accepted", limits.max_created_by_bytes));
  }
  if (s.comment.empty())
    return invalid("comment", "\"comment\" is required: say why the alerts are silenced");
  if (s.comment.size() > limits.max_comment_bytes) {
    return invalid("comment",
                   fmt::format("at most {} bytes are accepted", limits.max_comment_bytes));
  }
  return {};
}

void sort_for_listing(std::vector<Silence>& silences, Instant now) {
  auto key = [now](const Silence& s) -> std::tuple<int, std::int64_t> {
    auto ms = [](Instant t) { return static_cast<std::int64_t>(t.time_since_epoch().count()); };
    switch (silence_state(s, now)) {
      case SilenceState::active:
        return {0, ms(s.ends_at)};
      case SilenceState::pending:
        return {1, ms(s.starts_at)};
      case SilenceState::expired:
        return {2, -ms(s.ends_at)};
    }
    return {3, 0};
  };
  std::stable_sort(silences.begin(), silences.end(),
                   [&](const Silence& a, const Silence& b) { return key(a) < key(b); });
}

}  // namespace pactum
