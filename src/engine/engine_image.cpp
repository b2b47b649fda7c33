// The engine's read model as snapshot bytes (engine.hpp: write_image, read_image): the plan in
// force (as its YAML: the Plan is loaded again from it), the requests recorded by idempotency key,
// and every incident's state and timeline. Incident numbers follow from the incidents' ids.
#include "domain/digest.hpp"
#include "engine/engine.hpp"
#include "engine/image_bytes.hpp"
#include "engine/state_image.hpp"
#include "planfile/load.hpp"

namespace pactum::engine {

std::optional<std::int64_t> Engine::write_image(image::Writer& out,
                                                const std::function<void(image::Writer&)>& also) {
  std::lock_guard notifying(notify_mutex_);  // no event applied, no listener told, meanwhile
  {
    std::lock_guard lock(mutex_);
    if (!pending_.empty() || !broken_.ok()) return std::nullopt;
  }
  also(out);  // first: a reader restores it only once the engine's part below has been read
  std::lock_guard lock(mutex_);
  std::int64_t seq = applied_seq_;
  out.i64(applied_seq_);
  out.boolean(plan_ != nullptr);
  if (plan_) {
    out.str(plan_->yaml);
    out.instant(plan_->activated_at);
    out.str(plan_->activated_by);
  }
  out.u64(recorded_requests_.size());
  for (const auto& [key, request_seq] : recorded_requests_) {
    out.str(key);
    out.i64(request_seq);
  }
  out.u64(incidents_.size());
  for (const auto& [id, record] : incidents_) {
    out.str(id);
    image::write(out, record.state);
    out.u64(record.events.size());
    for (const auto& e : record.events) image::write(out, e);
  }
  return seq;
}

Status Engine::read_image(image::Reader& in, const std::function<Status()>& confirm) {
  auto damaged = [](const std::string& what) {
    return Error{ErrorCode::invalid_argument, "the snapshot is damaged: " + what, {}};
  };
  std::int64_t seq = in.i64();
  std::shared_ptr<const ActivePlan> plan;
  if (in.boolean()) {
    auto active = std::make_shared<ActivePlan>();
    active->yaml = in.str();
    active->activated_at = in.instant();
    active->activated_by = in.str();
    if (!in.ok()) return damaged("the plan in force");
    auto loaded = planfile::load_plan_text(active->yaml);
    if (!loaded.plan) return damaged("the plan in force no longer loads");
    active->sha256 = sha256_hex(active->yaml);
    active->plan = std::move(*loaded.plan);
    active->version = active->plan.version;
    plan = std::move(active);
  }
  std::map<std::string, std::int64_t> requests;
  for (std::size_t n = in.count(); n > 0 && in.ok(); --n) {
    std::string key = in.str();
    requests.emplace_hint(requests.end(), std::move(key), in.i64());
  }
  std::map<std::string, IncidentRecord> incidents;
  IncidentNumbers numbers;
  for (std::size_t n = in.count(); n > 0 && in.ok(); --n) {
    IncidentRecord record;
    record.id = in.str();
    record.state = image::read_state(in);
    record.events.resize(in.count(80));
    for (auto& e : record.events) e = image::read_event(in);
    numbers.recorded(record.id);
    std::string id = record.id;
    incidents.emplace_hint(incidents.end(), std::move(id), std::move(record));
  }
  if (!in.ok()) return damaged("the incidents");
  if (Status e = confirm(); !e.ok()) return e;
  std::lock_guard lock(mutex_);
  if (applied_seq_ != 0) {
    return Error{
        ErrorCode::failed_precondition, "a snapshot is read before the log, not after", {}};
  }
  applied_seq_ = seq;
  plan_ = std::move(plan);
  recorded_requests_ = std::move(requests);
  incidents_ = std::move(incidents);
  numbers_ = std::move(numbers);
  return {};
}

}  // namespace pactum::engine
