#include "domain/training.hpp"

namespace pactum {

bool remedial_training_required(const Plan& plan, int passed, int total) {
  if (total <= 0) return false;
  // passed/total < pass_rate%, in integers: 100·passed < pass_rate·total.
  return 100LL * passed < static_cast<long long>(plan.training.pass_rate_percent) * total;
}

bool training_current(const Plan& plan, std::optional<Instant> last_trained, Instant now) {
  if (!last_trained || *last_trained > now) return false;
  return now < plan.calendar.add(*last_trained, plan.training.valid_for);
}

}  // namespace pactum
