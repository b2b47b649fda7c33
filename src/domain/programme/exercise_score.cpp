#include "domain/programme/exercise_score.hpp"

#include <boost/json.hpp>

namespace pactum {
namespace json = boost::json;
namespace {

json::value instant_or_null(const std::optional<Instant>& t) {
  return t ? json::value(format_instant(*t)) : json::value(nullptr);
}

json::value seconds_or_null(const std::optional<std::chrono::milliseconds>& d) {
  if (!d) return nullptr;
  return std::chrono::duration_cast<std::chrono::seconds>(*d).count();
}

}  // namespace

ExerciseScore score_exercise(const Plan& plan, const IncidentState& exercise, Instant now) {
  ExerciseScore score;
  for (const auto& o : obligations(plan, exercise, now)) {
    ObligationScore s{o.key, o.rule, o.title, o.due, o.done_at, o.state, std::nullopt};
    if (o.state == ObligationState::met) s.in_time = true;
    if (o.state == ObligationState::breached) s.in_time = false;
    if (s.in_time) {
      ++score.judged;
      score.met_in_time += *s.in_time;
    }
    // The first three clocks, as the plan counts them: from the obligation's anchor to its done.
    std::optional<std::chrono::milliseconds> took;
    if (o.starts && o.done_at) took = *o.done_at - *o.starts;
    if (o.kind == ObligationKind::report) score.time_to_report = took;
    if (o.kind == ObligationKind::sync) score.time_to_sync = took;
    if (o.kind == ObligationKind::assess) score.time_to_assess = took;
    score.obligations.push_back(std::move(s));
  }
  return score;
}

json::object exercise_score_to_json(const std::string& incident_id, const ExerciseScore& s) {
  json::array items;
  for (const auto& o : s.obligations) {
    items.push_back(
        json::object{{"key", o.key},
                     {"rule", o.rule},
                     {"title", json::object{{"zh", o.title.zh}, {"en", o.title.en}}},
                     {"due", instant_or_null(o.due)},
                     {"met_at", instant_or_null(o.met_at)},
                     {"state", to_string(o.state)},
                     {"in_time", o.in_time ? json::value(*o.in_time) : json::value(nullptr)}});
  }
  return json::object{{"incident", incident_id},
                      {"obligations", std::move(items)},
                      {"met_in_time", s.met_in_time},
                      {"judged", s.judged},
                      {"time_to_report_seconds", seconds_or_null(s.time_to_report)},
                      {"time_to_sync_seconds", seconds_or_null(s.time_to_sync)},
                      {"time_to_assess_seconds", seconds_or_null(s.time_to_assess)}};
}

}  // namespace pactum
