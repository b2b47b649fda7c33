// The engine's read model as snapshot bytes (engine.hpp: write_image, read_image): the plan in
// force (as its YAML: the Plan is loaded again from it), the requests recorded by idempotency key,
// and every incident's state and timeline. Incident numbers follow from the incidents' ids.
//
// The incidents are written in parts, each behind its length, so that a start reads the parts on
// every core at once: most of a restart's time is making their strings.
#include <algorithm>
#include <atomic>
#include <future>
#include <thread>

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
  constexpr std::size_t kPerPart = 4096;
  out.u64((incidents_.size() + kPerPart - 1) / kPerPart);
  auto it = incidents_.begin();
  while (it != incidents_.end()) {
    std::size_t length_at = out.size();
    out.u64(0);
    std::size_t n = 0;
    for (auto end = it; end != incidents_.end() && n < kPerPart; ++end) ++n;
    out.u64(n);
    for (std::size_t i = 0; i < n; ++i, ++it) {
      const auto& [id, record] = *it;
      out.str(id);
      image::write(out, record.state);
      out.u64(record.events.size());
      for (const auto& e : record.events) image::write(out, e);
    }
    out.patch_u64(length_at, out.size() - length_at - 8);
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
  std::vector<image::Reader> parts(in.count(16));
  for (auto& part : parts) part = in.part(in.u64());
  // Each part on a thread of its own, as many at once as there are cores.
  using Records = std::vector<IncidentRecord>;
  std::vector<Records> read(parts.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < parts.size(); i = next++) {
      image::Reader& r = parts[i];
      read[i].resize(r.count(64));
      for (auto& record : read[i]) {
        record.id = r.str();
        record.state = image::read_state(r);
        record.events.resize(r.count(80));
        for (auto& e : record.events) e = image::read_event(r);
      }
      if (!r.at_end()) r.fail();
    }
  };
  std::vector<std::future<void>> workers;
  for (unsigned t = 1; t < std::max(2u, std::thread::hardware_concurrency()); ++t) {
    workers.push_back(std::async(std::launch::async, work));
  }
  work();
  for (auto& w : workers) w.get();
  std::map<std::string, IncidentRecord> incidents;
  IncidentNumbers numbers;
  for (std::size_t i = 0; i < parts.size() && in.ok(); ++i) {
    if (!parts[i].ok()) in.fail();
    for (auto& record : read[i]) {
      numbers.recorded(record.id);
      std::string id = record.id;
      incidents.emplace_hint(incidents.end(), std::move(id), std::move(record));
    }
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
