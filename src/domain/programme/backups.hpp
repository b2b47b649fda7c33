// Data backups as programme records: B1 backup runs as a backup job reports them, B2 restore tests
// and their success rate per period. B3 (where backups are kept, and whether each place is
// physically isolated) is the plan's backups.locations as they are. What the runs and tests mean
// for the duties is domain/programme/duties.hpp. Pure: `now` is given.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/plan.hpp"
#include "domain/programme/records.hpp"
#include "domain/result.hpp"

namespace pactum {

// Largest artefact size taken (1 PB): anything above is a wrong unit or a garbled report.
inline constexpr std::int64_t kMaxBackupBytes = 1'000'000'000'000'000;

// B1: the location is one of the plan's backups.locations; finished at or after it started and
// not after now; a size from 0 to kMaxBackupBytes; sha256 64 lower-case hex digits. Each refusal
// names its field as the API spells it.
Status backup_run_error(const Plan& plan, const BackupRun& r, Instant now);
// B2: a dataset named; the location one of the plan's; held at or before now; a duration of
// seconds, minutes, hours or days, more than none.
Status restore_test_error(const Plan& plan, const RestoreTest& t, Instant now);

// What identifies a report of a run, so that the same report sent twice is recorded once: its
// location, start and artefact.
std::string backup_run_key(const BackupRun& r);

// {id, location, started_at, finished_at, size, sha256, result: success|failure}
boost::json::object backup_run_to_json(const BackupRun& r);
std::optional<BackupRun> backup_run_from_json(const boost::json::object& o);
// {id, dataset, location, held_at, duration, result: success|failure}
boost::json::object restore_test_to_json(const RestoreTest& t);
std::optional<RestoreTest> restore_test_from_json(const boost::json::object& o);

struct SuccessRate {
  std::string period;  // "2026-03" or "2026" (the plan's time zone)
  int tests = 0;
  int succeeded = 0;
  // succeeded / tests in per mille (0–1000), rounded down: integers, the same on every machine.
  int per_mille() const { return tests == 0 ? 0 : succeeded * 1000 / tests; }
};

// B2: the restore tests grouped by the period of kind `p` they were held in, oldest first; only
// periods with tests appear.
std::vector<SuccessRate> restore_success_rates(const Calendar& calendar,
                                               const std::vector<RestoreTest>& tests, Period p);

}  // namespace pactum
