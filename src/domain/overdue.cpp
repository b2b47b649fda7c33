#include "domain/overdue.hpp"

namespace pactum {

Overdue overdue(const std::vector<Obligation>& obligations) {
  Overdue out;
  for (const auto& o : obligations) {
    if (o.state != ObligationState::breached) continue;
    if (o.kind == ObligationKind::report) out.reported_late = true;
    if (o.done_at) continue;
    ++out.breached;
    if (o.due && (!out.worst || *o.due < *out.worst->due)) out.worst = o;
  }
  return out;
}

}  // namespace pactum
