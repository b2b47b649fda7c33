#include "engine/known_alerts.hpp"

namespace pactum::engine {

void KnownAlerts::observed(Key key, Ref ref, Instant at, Alert alert, const std::string& source,
                           bool matches) {
  auto& k = known[key];
  if (k.seq == 0 || k.starts_at != alert.starts_at) {  // a new episode of the alert: decided afresh
    k.incident = 0;
    k.opened = false;
  }
  if (k.incident != 0 && alert.resolved_at(at)) resolutions.insert({key, k.incident, ref});
  k.seq = ref.seq;
  k.index = ref.index;
  k.starts_at = alert.starts_at;
  k.ends_at = alert.ends_at.value_or(Known::kNoEnd);
  problems.erase(key);
  if (k.incident == 0 && matches) {
    unsettled[key] = Unsettled{std::move(alert), source, ref};
  } else {
    unsettled.erase(key);
  }
}

void KnownAlerts::linked(Key key, std::optional<Instant> episode, const std::string& group_key,
                         const std::string& incident, bool opened, Instant now) {
  auto& k = known[key];
  if (episode && k.seq != 0 && k.starts_at != *episode) return;  // decided for an earlier episode
  k.incident = incident_index(incident);
  k.opened = opened;
  if (opened) groups[group_key] = incident;
  unsettled.erase(key);
  if (k.resolved_at(now))
    resolutions.insert({key, k.incident, k.ref()});  // it resolved before it was linked
}

void KnownAlerts::set_problem(Key key, std::string problem) {
  problems[key] = std::move(problem);
  unsettled.erase(key);
}

std::uint32_t KnownAlerts::incident_index(const std::string& id) {
  auto [it, added] =
      incident_indexes_.emplace(id, static_cast<std::uint32_t>(incidents_.size() + 1));
  if (added) incidents_.push_back(id);
  return it->second;
}

const std::string& KnownAlerts::incident_id(std::uint32_t index) const {
  static const std::string kNone;
  return index == 0 ? kNone : incidents_[index - 1];
}

std::optional<std::uint32_t> KnownAlerts::find_incident(const std::string& id) const {
  auto it = incident_indexes_.find(id);
  if (it == incident_indexes_.end()) return std::nullopt;
  return it->second;
}

}  // namespace pactum::engine
