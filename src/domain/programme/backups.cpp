#include "domain/programme/backups.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "domain/json_member.hpp"
#include "domain/programme/duties.hpp"

namespace pactum {
namespace json = boost::json;
namespace {

Status location_error(const Plan& plan, const std::string& location) {
  const auto& all = plan.backups.locations;
  if (std::any_of(all.begin(), all.end(), [&](const auto& l) { return l.id == location; })) {
    return {};
  }
  std::string known;
  for (const auto& l : all) known += (known.empty() ? "" : ", ") + l.id;
  return invalid("location", fmt::format("unknown backup location \"{}\" (the plan's: {})",
                                         location, known.empty() ? "none" : known));
}

bool lower_hex(const std::string& s, std::size_t size) {
  return s.size() == size && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

const char* result_name(bool success) { return success ? "success" : "failure"; }

}  // namespace

Status backup_run_error(const Plan& plan, const BackupRun& r, Instant now) {
  if (Status e = location_error(plan, r.location); !e.ok()) return e;
  if (r.finished_at < r.started_at) {
    return invalid("finished_at", "a run finishes at or after it started");
  }
  if (r.finished_at > now) return invalid("finished_at", "a run is reported once it has finished");
  if (r.size < 0 || r.size > kMaxBackupBytes) {
    return invalid("size",
                   fmt::format("the artefact's size in bytes, from 0 to {}", kMaxBackupBytes));
  }
  if (!lower_hex(r.sha256, 64)) {
    return invalid("sha256", "the artefact's SHA-256 as 64 lower-case hex digits");
  }
  return {};
}

Status restore_test_error(const Plan& plan, const RestoreTest& t, Instant now) {
  if (t.dataset.empty()) return invalid("dataset", "name the data set restored");
  if (Status e = location_error(plan, t.location); !e.ok()) return e;
  if (t.held_at > now) return invalid("held_at", "a restore test is recorded once it is done");
  auto u = t.duration.unit;
  bool clock_unit = u == DurationUnit::seconds || u == DurationUnit::minutes ||
                    u == DurationUnit::hours || u == DurationUnit::days;
  if (!clock_unit || t.duration.count <= 0) {
    return invalid("duration", "how long the restore took, e.g. 45m or 2h");
  }
  return {};
}

std::string backup_run_key(const BackupRun& r) {
  return fmt::format("{}:{}:{}", r.location, format_instant(r.started_at), r.sha256);
}

json::object backup_run_to_json(const BackupRun& r) {
  return json::object{{"id", r.id},
                      {"location", r.location},
                      {"started_at", format_instant(r.started_at)},
                      {"finished_at", format_instant(r.finished_at)},
                      {"size", r.size},
                      {"sha256", r.sha256},
                      {"result", result_name(r.success)}};
}

std::optional<BackupRun> backup_run_from_json(const json::object& o) {
  auto started = parse_instant(string_member(o, "started_at"));
  auto finished = parse_instant(string_member(o, "finished_at"));
  const auto* size = o.if_contains("size");
  if (!started || !finished || !size || !size->is_int64()) return std::nullopt;
  return BackupRun{string_member(o, "id"),
                   string_member(o, "location"),
                   *started,
                   *finished,
                   size->as_int64(),
                   string_member(o, "sha256"),
                   string_member(o, "result") == "success"};
}

json::object restore_test_to_json(const RestoreTest& t) {
  return json::object{{"id", t.id},
                      {"dataset", t.dataset},
                      {"location", t.location},
                      {"held_at", format_instant(t.held_at)},
                      {"duration", t.duration.text()},
                      {"result", result_name(t.success)}};
}

std::optional<RestoreTest> restore_test_from_json(const json::object& o) {
  auto held = parse_instant(string_member(o, "held_at"));
  auto duration = parse_duration(string_member(o, "duration"));
  if (!held || !duration) return std::nullopt;
  return RestoreTest{string_member(o, "id"),
                     string_member(o, "dataset"),
                     string_member(o, "location"),
                     *held,
                     *duration,
                     string_member(o, "result") == "success"};
}

std::vector<SuccessRate> restore_success_rates(const Calendar& calendar,
                                               const std::vector<RestoreTest>& tests, Period p) {
  std::map<Instant, SuccessRate> by_start;  // ordered by time, whatever the order recorded
  for (const auto& t : tests) {
    Instant start = calendar.period_containing(t.held_at, p).start;
    auto& rate = by_start[start];
    rate.period = period_label(calendar, start, p);
    ++rate.tests;
    if (t.success) ++rate.succeeded;
  }
  std::vector<SuccessRate> out;
  for (auto& [start, rate] : by_start) out.push_back(std::move(rate));
  return out;
}

}  // namespace pactum
