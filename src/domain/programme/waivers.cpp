#include "domain/programme/waivers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <iterator>

namespace pactum {

std::optional<int> period_year(std::string_view period) {
  int year = 0;
  if (period.size() < 4) return std::nullopt;
  auto [end, ec] = std::from_chars(period.data(), period.data() + 4, year);
  if (ec != std::errc() || end != period.data() + 4 || year < 1970) return std::nullopt;
  if (period.size() > 4 && period[4] != '-') return std::nullopt;
  return year;
}

Status waiver_error(const std::vector<Duty>& duties, const DutyWaiver& w) {
  if (std::none_of(std::begin(kDutyRules), std::end(kDutyRules),
                   [&](const char* r) { return w.rule == r; })) {
    return invalid("rule", fmt::format("\"{}\" is not a rule with programme duties (V2, E2, E3, "
                                       "E4, M1, G2, B1, B2)",
                                       w.rule));
  }
  auto in_period = [&](const Duty& d) { return d.rule == w.rule && d.period == w.period; };
  if (std::none_of(duties.begin(), duties.end(), in_period)) {
    return invalid("period", fmt::format("{} has no duty in period \"{}\" (e.g. 2026-Q3, 2026-H2, "
                                         "2026, 2026-03-05)",
                                         w.rule, w.period));
  }
  auto it = std::find_if(duties.begin(), duties.end(),
                         [&](const Duty& d) { return in_period(d) && d.subject == w.subject; });
  if (it == duties.end()) {
    std::string subjects;
    for (const auto& d : duties) {
      if (in_period(d)) subjects += (subjects.empty() ? "" : ", ") + d.subject;
    }
    return invalid("subject", fmt::format("{} {} has no duty about \"{}\" (its subjects: {})",
                                          w.rule, w.period, w.subject, subjects));
  }
  if (std::all_of(w.reason.begin(), w.reason.end(),
                  [](unsigned char c) { return std::isspace(c); })) {
    return invalid("reason", "say why the duty is waived");
  }
  if (it->state == DutyState::met || it->state == DutyState::waived) {
    return Error{ErrorCode::conflict,
                 fmt::format("{} {}{} is already {}", w.rule, w.period,
                             w.subject.empty() ? "" : " " + w.subject, to_string(it->state)),
                 {}};
  }
  return {};
}

}  // namespace pactum
