#include "domain/cadence.hpp"

#include <algorithm>

namespace pactum {

CadenceStatus cadence_status(const Calendar& calendar, const Cadence& cadence,
                             const std::vector<Instant>& done, Instant at, Instant now) {
  CadenceStatus s;
  s.period = calendar.period_containing(at, cadence.every);
  s.required = cadence.times;
  s.done = static_cast<int>(std::count_if(done.begin(), done.end(), [&](Instant t) {
    return t >= s.period.start && t < s.period.end;
  }));
  if (s.done >= s.required) {
    s.state = CadenceState::met;
  } else {
    s.state = now >= s.period.end ? CadenceState::missed : CadenceState::open;
  }
  return s;
}

}  // namespace pactum
