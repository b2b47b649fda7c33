// T5: monitoring raises the plan's triggers. Which trigger conditions an alert's labels match
// (Prometheus matcher semantics: a missing label is the empty string; regexes are anchored), the
// alert's fingerprint (its label set), and the grouping key that makes a flood of one alert one
// incident.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/plan.hpp"
#include "domain/result.hpp"

namespace pactum {

using Labels = std::map<std::string, std::string>;

// A label's value; as in Prometheus, a missing label is the empty string.
std::string label_value(const Labels& labels, const std::string& name);

bool matches(const Matcher& m, const Labels& labels);

// "=", "!=", "=~", "!~", and back.
const char* to_string(MatchOp op);
std::optional<MatchOp> match_op_from(std::string_view text);

// Prometheus's label names: [a-zA-Z_][a-zA-Z0-9_]*.
bool valid_label_name(std::string_view name);

// A matcher written as Alertmanager's clients write one (amtool, the `filter` query parameter):
// `name=value`, `name!="value"`, `name=~"re"`, `name!~re`; the value may be quoted; \" \\ and \n
// are escapes. A regex that does not compile is refused (field "": the caller knows where it was).
Result<Matcher> parse_matcher_text(std::string_view text);

struct AlertMatch {
  const TriggerCategory* trigger = nullptr;
  const TriggerCondition* condition = nullptr;  // has an alert rule
  std::string group_key;  // "T1.outage|service=api": one open incident per key
};

// Every condition whose matchers all match, in the plan's order.
std::vector<AlertMatch> match_alert(const Plan& plan, const Labels& labels);

// A stable id of a label set (hex SHA-256 of the sorted pairs, 16 digits).
std::string fingerprint(const Labels& labels);
// The same 16 digits as a number, made without allocating (the intake's key for every alert).
std::uint64_t fingerprint_key(const Labels& labels);

// Whether a regex matcher's pattern compiles; the error otherwise (plan validation).
std::optional<std::string> regex_error(const std::string& pattern);

}  // namespace pactum
