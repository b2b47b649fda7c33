#include <algorithm>

#include "domain/json_member.hpp"
#include "engine/alert_intake.hpp"
#include "engine/alert_records.hpp"

// Reading back: the alerts as the API shows them, their details read from their records.
namespace pactum::engine {
using namespace alert_records;

Result<std::optional<AlertIntake::Stored>> AlertIntake::read_back(Ref ref, ReadCache& cache) const {
  if (cache.seq != ref.seq) {
    auto records = log_.read(ref.seq - 1, 1);
    if (!records) return records.error();
    cache.seq = ref.seq;
    cache.alerts.clear();
    if (!records->empty() && records->front().seq == ref.seq) {
      const auto& r = records->front();
      cache.at = r.at;
      for (const auto& o : alert_objects(r.type, r.payload))
        cache.alerts.push_back(alert_from(o, r.at));
    }
  }
  if (ref.index >= cache.alerts.size()) return std::optional<Stored>{};
  const auto& [alert, source] = cache.alerts[ref.index];
  return std::optional<Stored>{Stored{alert, source, cache.at}};
}

std::size_t AlertIntake::size() const {
  std::lock_guard lock(mutex_);
  return table_.known.size();
}

Result<std::vector<AlertRecord>> AlertIntake::records(
    std::vector<std::pair<Key, Known>> known) const {
  // Read in record order, each record once; listed by fingerprint.
  std::sort(known.begin(), known.end(),
            [](const auto& a, const auto& b) { return a.second.ref() < b.second.ref(); });
  std::vector<AlertRecord> out;
  out.reserve(known.size());
  ReadCache cache;
  for (const auto& [key, k] : known) {
    auto stored = read_back(k.ref(), cache);
    if (!stored) return stored.error();
    if (!*stored) continue;
    AlertRecord r{hex_of(key),
                  std::move((*stored)->alert),
                  std::move((*stored)->source),
                  (*stored)->at,
                  "",
                  k.opened,
                  ""};
    {
      std::lock_guard lock(mutex_);
      r.incident = table_.incident_id(k.incident);
      auto p = table_.problems.find(key);
      if (p != table_.problems.end()) r.problem = p->second;
    }
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.fingerprint < b.fingerprint; });
  return out;
}

Result<std::vector<AlertRecord>> AlertIntake::alerts(std::optional<Instant> firing_at) const {
  std::vector<std::pair<Key, Known>> known;
  {
    std::lock_guard lock(mutex_);
    known.reserve(table_.known.size());
    for (const auto& [key, k] : table_.known) {
      if (!firing_at || !k.resolved_at(*firing_at))
        known.emplace_back(key, k);  // not read back otherwise
    }
  }
  return records(std::move(known));
}

Result<std::vector<AlertRecord>> AlertIntake::alerts_of(const std::string& incident) const {
  std::vector<std::pair<Key, Known>> known;
  {
    std::lock_guard lock(mutex_);
    auto index = table_.find_incident(incident);
    if (!index) return std::vector<AlertRecord>{};  // none linked
    for (const auto& [key, k] : table_.known) {
      if (k.incident == *index) known.emplace_back(key, k);
    }
  }
  return records(std::move(known));
}

}  // namespace pactum::engine
