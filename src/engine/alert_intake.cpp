#include "engine/alert_intake.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <future>
#include <tuple>

#include "domain/canonical_json.hpp"
#include "domain/event_json.hpp"

namespace pactum::engine {
namespace json = boost::json;
namespace {

const std::string kStream(kAlertStream);
constexpr const char* kObserved = "alerts.observed";  // {"alerts": [alert, ...]}
constexpr const char* kObservedOne = "alert.observed";  // one alert: written before 2026-11, still read
constexpr std::size_t kMaxAlertsPerRecord = 1000;  // a Ref's index is 16 bits

// The canonical JSON (RFC 8785) of one alert in a record, written directly: members in byte
// order, which is JCS's order here because label and annotation names are ASCII (the payload
// parsers refuse others). alert_intake_test checks it against canonical_json().
void append_labels(std::string& out, const Labels& labels) {
  out += '{';
  bool first = true;
  for (const auto& [k, v] : labels) {
    if (!first) out += ',';
    first = false;
    append_canonical_string(out, k);
    out += ':';
    append_canonical_string(out, v);
  }
  out += '}';
}

std::string observed_payload(const std::string& fingerprint, const Alert& a, const std::string& source) {
  std::string out;
  out.reserve(256 + a.generator_url.size() + [&] {
    std::size_t n = 0;
    for (const auto& [k, v] : a.labels) n += k.size() + v.size() + 6;
    for (const auto& [k, v] : a.annotations) n += k.size() + v.size() + 6;
    return n;
  }());
  out += "{\"annotations\":";
  append_labels(out, a.annotations);
  if (a.ends_at) {
    out += ",\"ends_at\":";
    append_canonical_string(out, format_instant(*a.ends_at));
  }
  out += ",\"fingerprint\":";
  append_canonical_string(out, fingerprint);
  out += ",\"generator_url\":";
  append_canonical_string(out, a.generator_url);
  out += ",\"labels\":";
  append_labels(out, a.labels);
  out += ",\"source\":";
  append_canonical_string(out, source);
  out += ",\"starts_at\":";
  append_canonical_string(out, format_instant(a.starts_at));
  out += '}';
  return out;
}

Labels labels_from(const json::value* v) {
  Labels out;
  if (!v || !v->is_object()) return out;
  for (const auto& [k, x] : v->as_object()) {
    if (x.is_string()) out.emplace(std::string(k), std::string(x.as_string()));
  }
  return out;
}

std::string text(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Actor machine(const std::string& source) { return Actor{"system:" + source, "", {}}; }

std::optional<std::uint64_t> key_of(std::string_view hex) {
  std::uint64_t key = 0;
  auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), key, 16);
  if (ec != std::errc() || end != hex.data() + hex.size() || hex.size() != 16) return std::nullopt;
  return key;
}

std::string hex_of(std::uint64_t key) { return fmt::format("{:016x}", key); }

// The alert a record's alert object describes, with its source.
std::pair<Alert, std::string> alert_from(const json::object& o, Instant at) {
  Alert a;
  a.labels = labels_from(o.if_contains("labels"));
  a.annotations = labels_from(o.if_contains("annotations"));
  a.starts_at = parse_instant(text(o, "starts_at")).value_or(at);
  a.ends_at = parse_instant(text(o, "ends_at"));
  a.generator_url = text(o, "generator_url");
  return {std::move(a), text(o, "source")};
}

std::optional<json::object> parse_object(std::string_view payload) {
  boost::system::error_code ec;
  auto v = json::parse(payload, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

// The alert objects of an alerts.observed (or alert.observed) record, in order; an entry that is
// not an object stays as an empty one, so that the others keep their places.
std::vector<json::object> alert_objects(std::string_view type, std::string_view payload) {
  std::vector<json::object> out;
  auto o = parse_object(payload);
  if (!o) return out;
  if (type == kObservedOne) {
    out.push_back(std::move(*o));
    return out;
  }
  auto* list = o->if_contains("alerts");
  if (!list || !list->is_array()) return out;
  for (auto& v : list->as_array()) out.push_back(v.is_object() ? std::move(v.as_object()) : json::object{});
  return out;
}

bool matches_a_condition(const ActivePlan* plan, const Labels& labels) {
  return plan && !match_alert(plan->plan, labels).empty();
}

}  // namespace

AlertIntake::AlertIntake(Engine& engine, store::EventLog& log, const Silences* silences)
    : engine_(engine), log_(log), silences_(silences) {}

std::optional<Error> AlertIntake::load() {
  auto plan = engine_.plan();
  Instant now = engine_.clock().now();
  std::lock_guard lock(mutex_);
  matched_plan_ = plan ? plan->version : 0;
  // Streamed, not read whole: the stream may hold far more history than memory should.
  return log_.scan_stream(kStream, [&](const store::RecordView& r) {
    if (r.type == kObserved || r.type == kObservedOne) {
      Instant at = parse_instant(r.at).value_or(Instant{});
      auto objects = alert_objects(r.type, r.payload);
      for (std::size_t i = 0; i < objects.size() && i < kMaxAlertsPerRecord; ++i) {
        auto key = key_of(text(objects[i], "fingerprint"));
        if (!key) continue;
        auto [alert, source] = alert_from(objects[i], at);
        bool matches = matches_a_condition(plan.get(), alert.labels);
        observed(*key, Ref{r.seq, static_cast<std::uint16_t>(i)}, at, std::move(alert), source, matches);
      }
      return true;
    }
    auto o = parse_object(r.payload);
    if (!o) return true;
    auto key = key_of(text(*o, "fingerprint"));
    if (!key) return true;
    if (r.type == "alert.linked") {
      const auto* opened = o->if_contains("opened");
      linked(*key, parse_instant(text(*o, "starts_at")), text(*o, "group_key"), text(*o, "incident"),
             opened && opened->is_bool() && opened->as_bool(), now);
    }
    return true;
  });
}

std::uint32_t AlertIntake::incident_index(const std::string& id) {
  auto [it, added] = incident_indexes_.emplace(id, static_cast<std::uint32_t>(incidents_.size() + 1));
  if (added) incidents_.push_back(id);
  return it->second;
}

const std::string& AlertIntake::incident_id(std::uint32_t index) const {
  static const std::string kNone;
  return index == 0 ? kNone : incidents_[index - 1];
}

void AlertIntake::observed(Key key, Ref ref, Instant at, Alert alert, const std::string& source, bool matches) {
  auto& k = known_[key];
  if (k.seq == 0 || k.starts_at != alert.starts_at) {  // a new episode of the alert: decided afresh
    k.incident = 0;
    k.opened = false;
  }
  if (k.incident != 0 && alert.resolved_at(at)) resolutions_.insert({key, k.incident, ref});
  k.seq = ref.seq;
  k.index = ref.index;
  k.starts_at = alert.starts_at;
  k.ends_at = alert.ends_at.value_or(Known::kNoEnd);
  problems_.erase(key);
  if (k.incident == 0 && matches) {
    unsettled_[key] = Unsettled{std::move(alert), source, ref};
  } else {
    unsettled_.erase(key);
  }
}

void AlertIntake::linked(Key key, std::optional<Instant> episode, const std::string& group_key,
                         const std::string& incident, bool opened, Instant now) {
  auto& k = known_[key];
  if (episode && k.seq != 0 && k.starts_at != *episode) return;  // decided for an earlier episode
  k.incident = incident_index(incident);
  k.opened = opened;
  if (opened) groups_[group_key] = incident;
  unsettled_.erase(key);
  if (k.resolved_at(now)) resolutions_.insert({key, k.incident, k.ref()});  // it resolved before it was linked
}

void AlertIntake::ingest(std::vector<Alert> alerts, const std::string& source, Done done) {
  Instant now = engine_.clock().now();
  auto plan = engine_.plan();
  std::int64_t matched_with = plan ? plan->version : 0;
  IngestOutcome outcome{alerts.size(), 0, 0};
  // By key, then position; of duplicates within one request the last wins.
  std::vector<std::pair<Key, std::size_t>> batch;
  batch.reserve(alerts.size());
  for (std::size_t i = 0; i < alerts.size(); ++i) batch.emplace_back(fingerprint_key(alerts[i].labels), i);
  std::sort(batch.begin(), batch.end());
  std::size_t kept = 0;
  for (std::size_t j = 0; j < batch.size(); ++j) {
    if (j + 1 < batch.size() && batch[j + 1].first == batch[j].first) continue;
    batch[kept++] = batch[j];
  }
  batch.resize(kept);
  std::vector<Change> changes;
  std::vector<bool> resolves_linked;  // it resolves an alert linked to an incident: noted there
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, i] : batch) {
      auto it = known_.find(key);
      bool resolves = false;
      if (it != known_.end()) {
        const Known& k = it->second;
        // No start given, and the alert still fires: this is more of the same episode.
        if (!alerts[i].start_given && !k.resolved_at(now)) alerts[i].starts_at = k.starts_at;
        bool same_episode = k.starts_at == alerts[i].starts_at;
        bool same_state = k.resolved_at(now) == alerts[i].resolved_at(now);
        if (same_episode && same_state) continue;  // a repeat: nothing new to record
        resolves = same_episode && k.incident != 0 && alerts[i].resolved_at(now);
      }
      changes.push_back({key, std::move(alerts[i]), "", false, matched_with});
      resolves_linked.push_back(resolves);
    }
  }
  for (std::size_t i = 0; i < changes.size(); ++i) {
    auto& c = changes[i];
    c.matches = matches_a_condition(plan.get(), c.alert.labels);
    outcome.to_evaluate += c.matches || resolves_linked[i] ? 1 : 0;
    c.payload = observed_payload(hex_of(c.key), c.alert, source);
  }
  outcome.recorded = changes.size();
  if (changes.empty()) return done(outcome);
  {
    std::lock_guard lock(mutex_);
    auto& runs = pending_.runs;
    for (auto& c : changes) {
      if (runs.empty() || runs.back().first != source || runs.back().second.size() == kMaxAlertsPerRecord) {
        runs.emplace_back(source, std::vector<Change>{});
      }
      runs.back().second.push_back(std::move(c));
    }
    pending_.waiting.push_back({std::move(done), outcome});
  }
  flush();
}

void AlertIntake::complete_on(store::Executor executor) {
  std::lock_guard lock(mutex_);
  complete_on_ = std::move(executor);
}

void AlertIntake::flush() {
  store::AppendRequest request{kStream, store::kAnyVersion, {}, "", {}};
  {
    std::lock_guard lock(mutex_);
    if (queued_ || pending_.waiting.empty()) return;
    queued_ = true;
    request.complete_on = complete_on_;
  }
  auto batch = std::make_shared<Pending>();
  request.prepare = [this, batch](store::AppendRequest& r) { take(*batch, r); };
  log_.append(std::move(request), [this, batch](Result<store::AppendResult> r) {
    appended(std::move(*batch), std::move(r));
  });
}

void AlertIntake::take(Pending& batch, store::AppendRequest& request) {
  std::vector<std::string> actors;
  {
    std::lock_guard lock(mutex_);
    queued_ = false;  // what arrives from now on goes into the next append
    std::swap(batch, pending_);
    batch.taken = true;
    for (const auto& [source, changes] : batch.runs) {
      auto actor = actors_.find(source);
      if (actor == actors_.end()) {
        actor = actors_.emplace(source, canonical_json(actor_to_json(machine(source)))).first;
      }
      actors.push_back(actor->second);
    }
  }
  Instant now = engine_.clock().now();
  for (std::size_t run = 0; run < batch.runs.size(); ++run) {
    const auto& changes = batch.runs[run].second;
    std::size_t bytes = 16;
    for (const auto& c : changes) bytes += c.payload.size() + 1;
    std::string payload;
    payload.reserve(bytes);
    payload += "{\"alerts\":[";
    for (std::size_t i = 0; i < changes.size(); ++i) {
      if (i != 0) payload += ',';
      payload += changes[i].payload;
    }
    payload += "]}";
    request.events.push_back({kObserved, actors[run], now, std::move(payload)});
  }
}

void AlertIntake::appended(Pending batch, Result<store::AppendResult> r) {
  {
    std::lock_guard lock(mutex_);
    if (!batch.taken) {
      // Refused before it was written (the log is stopping): what waits for it fails with it.
      queued_ = false;
      std::swap(batch, pending_);
    }
    // The records come in the order take() made them: one per run.
    for (std::size_t run = 0; r && run < batch.runs.size() && run < r->events.size(); ++run) {
      const auto& e = r->events[run];
      auto& [source, changes] = batch.runs[run];
      for (std::size_t i = 0; i < changes.size(); ++i) {
        auto& c = changes[i];
        // Matched against another plan than the one in force now: let evaluate() decide.
        bool stale = c.matched_with != matched_plan_;
        observed(c.key, Ref{e.seq, static_cast<std::uint16_t>(i)}, e.at, std::move(c.alert), source,
                 c.matches || stale);
      }
    }
  }
  if (r) engine_.observe(std::move(r->events));
  for (auto& w : batch.waiting) {
    if (r) {
      w.done(w.outcome);
    } else {
      w.done(r.error());
    }
  }
}

Result<IngestOutcome> AlertIntake::ingest_and_wait(std::vector<Alert> alerts, const std::string& source) {
  std::promise<Result<IngestOutcome>> promise;
  auto future = promise.get_future();
  ingest(std::move(alerts), source, [&promise](Result<IngestOutcome> r) { promise.set_value(std::move(r)); });
  return future.get();
}

bool AlertIntake::incident_open(const std::string& id) const {
  auto incident = engine_.incident(id);
  if (!incident) return false;
  const auto& s = incident->state;
  return !s.closed_at && !s.cancelled_at && !s.resolved_at;
}

void AlertIntake::link(Key key, const Unsettled& alert, const std::string& group_key,
                       const std::string& incident, bool opened, Instant now) {
  const std::string& source = alert.source;
  {
    std::lock_guard lock(mutex_);
    auto it = known_.find(key);
    if (it == known_.end() || it->second.incident != 0) return;  // linked meanwhile
    if (it->second.starts_at != alert.alert.starts_at) return;  // a new episode began: decided on its own
  }
  std::string alertname = label_value(alert.alert.labels, "alertname");
  std::string summary = label_value(alert.alert.annotations, "summary");
  if (!opened) {  // the one that opened it is on the record already, as the report
    auto noted = engine_.record_alert(
        incident, ev::AlertAttached{hex_of(key), alertname, summary, alert.alert.starts_at}, machine(source));
    if (!noted) return park(key, noted.error());
  }
  json::object payload{{"fingerprint", hex_of(key)}, {"group_key", group_key}, {"incident", incident},
                       {"opened", opened}, {"starts_at", format_instant(alert.alert.starts_at)}};
  store::AppendRequest request{kStream, store::kAnyVersion,
                               {{"alert.linked", canonical_json(actor_to_json(machine(source))),
                                 engine_.clock().now(), canonical_json(payload)}},
                               "", {}};
  auto r = log_.append_and_wait(std::move(request));
  if (!r) return park(key, r.error());
  {
    std::lock_guard lock(mutex_);
    linked(key, alert.alert.starts_at, group_key, incident, opened, now);
  }
  engine_.observe(std::move(r->events));
}

Result<std::optional<AlertIntake::Stored>> AlertIntake::read_back(Ref ref, ReadCache& cache) const {
  if (cache.seq != ref.seq) {
    auto records = log_.read(ref.seq - 1, 1);
    if (!records) return records.error();
    cache.seq = ref.seq;
    cache.alerts.clear();
    if (!records->empty() && records->front().seq == ref.seq) {
      const auto& r = records->front();
      cache.at = r.at;
      for (const auto& o : alert_objects(r.type, r.payload)) cache.alerts.push_back(alert_from(o, r.at));
    }
  }
  if (ref.index >= cache.alerts.size()) return std::optional<Stored>{};
  const auto& [alert, source] = cache.alerts[ref.index];
  return std::optional<Stored>{Stored{alert, source, cache.at}};
}

void AlertIntake::note_resolutions() {
  std::vector<Resolution> due;
  {
    std::lock_guard lock(mutex_);
    due.assign(resolutions_.begin(), resolutions_.end());
    resolutions_.clear();
  }
  // In the order they were recorded, each record read once (a webhook may resolve a thousand).
  std::sort(due.begin(), due.end(), [](const auto& a, const auto& b) { return std::get<2>(a) < std::get<2>(b); });
  ReadCache cache;
  auto again = [this](const Resolution& r) {
    std::lock_guard lock(mutex_);
    resolutions_.insert(r);  // storage trouble: the next evaluation tries again
  };
  for (const auto& r : due) {
    const auto& [key, index, ref] = r;
    std::string incident;
    {
      std::lock_guard lock(mutex_);
      incident = incident_id(index);
    }
    // Already on the record (a restart replays every resolution)? record_alert() refuses a
    // finished incident itself.
    auto record = engine_.incident(incident);
    if (!record) continue;
    auto noted = record->state.alerts.find(hex_of(key));
    if (noted != record->state.alerts.end() && !noted->second) continue;
    auto stored = read_back(ref, cache);
    if (!stored) {
      again(r);
      continue;
    }
    if (!*stored) continue;
    const Stored& s = **stored;
    auto written = engine_.record_alert(incident,
                                        ev::AlertResolved{hex_of(key), label_value(s.alert.labels, "alertname"),
                                                          label_value(s.alert.annotations, "summary"),
                                                          s.alert.ends_at.value_or(s.at)},
                                        machine(s.source));
    if (!written && written.error().code == ErrorCode::unavailable) again(r);
  }
}

void AlertIntake::park(Key key, const Error& e) {
  // A storage error, or an incident that finished between deciding and acting: decided afresh
  // at the next evaluation (which opens a new incident if the old one is closed). Outside the
  // agreement's term (G4) nothing is reported however often it is tried: a problem.
  bool out_of_term = e.field.rfind("agreement.", 0) == 0;
  if (e.code == ErrorCode::unavailable ||
      (e.code == ErrorCode::failed_precondition && !out_of_term)) {
    return;
  }
  set_problem(key, e.message);
}

void AlertIntake::set_problem(Key key, std::string problem) {
  std::lock_guard lock(mutex_);
  problems_[key] = std::move(problem);
  unsettled_.erase(key);
}

void AlertIntake::rematch(const ActivePlan& plan, Instant now) {
  // A new plan acts on what is firing now; what resolved under the old one stays as it was.
  std::vector<std::pair<Ref, Key>> undecided;
  {
    std::lock_guard lock(mutex_);
    matched_plan_ = plan.version;
    for (const auto& [key, k] : known_) {
      if (k.incident == 0 && !k.resolved_at(now) && !unsettled_.contains(key)) undecided.emplace_back(k.ref(), key);
    }
  }
  std::sort(undecided.begin(), undecided.end());  // each record read once
  ReadCache cache;
  for (const auto& [ref, key] : undecided) {
    auto stored = read_back(ref, cache);
    if (!stored || !*stored || !matches_a_condition(&plan, (*stored)->alert.labels)) continue;
    std::lock_guard lock(mutex_);
    auto it = known_.find(key);
    if (it == known_.end() || it->second.ref() != ref || it->second.incident != 0) continue;  // changed
    problems_.erase(key);
    unsettled_[key] = Unsettled{std::move((*stored)->alert), std::move((*stored)->source), ref};
  }
}

std::optional<Instant> AlertIntake::evaluate() {
  std::lock_guard evaluating(evaluating_);
  auto plan = engine_.plan();
  if (!plan) return std::nullopt;
  Instant now = engine_.clock().now();
  std::int64_t matched_with;
  {
    std::lock_guard lock(mutex_);
    matched_with = matched_plan_;
  }
  if (plan->version != matched_with) rematch(*plan, now);  // a new plan may match what the old one did not
  // Earlier episodes' resolutions first: an episode decided below may join the same incident.
  note_resolutions();

  // Decide on a snapshot; act without the lock (acting appends and waits).
  std::vector<std::pair<Key, Unsettled>> candidates;
  {
    std::lock_guard lock(mutex_);
    candidates.assign(unsettled_.begin(), unsettled_.end());
  }
  auto open = [this](const std::string& group) -> std::optional<std::string> {
    std::string id;
    {
      std::lock_guard lock(mutex_);
      auto it = groups_.find(group);
      if (it == groups_.end()) return std::nullopt;
      id = it->second;
    }
    if (!incident_open(id)) return std::nullopt;
    return id;
  };
  static const std::vector<Silence> kNone;
  auto silences = silences_ ? silences_->all() : nullptr;  // one snapshot for the whole run
  std::optional<Instant> next;
  for (const auto& [key, candidate] : candidates) {
    AlertVerdict v = evaluate_alert(plan->plan, candidate.alert, open, now, silences ? *silences : kNone);
    switch (v.kind) {
      case AlertVerdict::Kind::unmatched:
      case AlertVerdict::Kind::resolved: {
        std::lock_guard lock(mutex_);  // settled, until it changes or a new plan comes
        auto it = unsettled_.find(key);
        if (it != unsettled_.end() && it->second.ref == candidate.ref) unsettled_.erase(it);
        break;
      }
      case AlertVerdict::Kind::pending:
        if (!next || v.due < *next) next = v.due;
        break;
      case AlertVerdict::Kind::attach:
        link(key, candidate, v.match.group_key, v.incident_id, false, now);
        break;
      case AlertVerdict::Kind::open: {
        auto report = report_for_alert(plan->plan, candidate.alert, v, "");
        std::string idempotency = fmt::format("alert:{}:{}", v.match.group_key, format_instant(v.due));
        auto done = engine_.execute_and_wait("", report, machine(candidate.source), idempotency);
        if (!done) {
          park(key, done.error());
        } else {
          link(key, candidate, v.match.group_key, done->incident_id, true, now);
        }
        break;
      }
    }
  }
  note_resolutions();  // those that had resolved before they were linked just now
  return next;
}

std::size_t AlertIntake::size() const {
  std::lock_guard lock(mutex_);
  return known_.size();
}

Result<std::vector<AlertRecord>> AlertIntake::records(std::vector<std::pair<Key, Known>> known) const {
  // Read in record order, each record once; listed by fingerprint.
  std::sort(known.begin(), known.end(), [](const auto& a, const auto& b) { return a.second.ref() < b.second.ref(); });
  std::vector<AlertRecord> out;
  out.reserve(known.size());
  ReadCache cache;
  for (const auto& [key, k] : known) {
    auto stored = read_back(k.ref(), cache);
    if (!stored) return stored.error();
    if (!*stored) continue;
    AlertRecord r{hex_of(key), std::move((*stored)->alert), std::move((*stored)->source), (*stored)->at, "",
                  k.opened, ""};
    {
      std::lock_guard lock(mutex_);
      r.incident = incident_id(k.incident);
      auto p = problems_.find(key);
      if (p != problems_.end()) r.problem = p->second;
    }
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.fingerprint < b.fingerprint; });
  return out;
}

Result<std::vector<AlertRecord>> AlertIntake::alerts(std::optional<Instant> firing_at) const {
  std::vector<std::pair<Key, Known>> known;
  {
    std::lock_guard lock(mutex_);
    known.reserve(known_.size());
    for (const auto& [key, k] : known_) {
      if (!firing_at || !k.resolved_at(*firing_at)) known.emplace_back(key, k);  // not read back otherwise
    }
  }
  return records(std::move(known));
}

Result<std::vector<AlertRecord>> AlertIntake::alerts_of(const std::string& incident) const {
  std::vector<std::pair<Key, Known>> known;
  {
    std::lock_guard lock(mutex_);
    auto index = incident_indexes_.find(incident);
    if (index == incident_indexes_.end()) return std::vector<AlertRecord>{};  // none linked
    for (const auto& [key, k] : known_) {
      if (k.incident == index->second) known.emplace_back(key, k);
    }
  }
  return records(std::move(known));
}

}  // namespace pactum::engine
