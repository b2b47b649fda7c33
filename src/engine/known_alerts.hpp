// T5: the table of known alerts. The log is the alert store; per alert only what tells a repeat
// from a change, and what it is linked to, is kept here (32 bytes, in an open-addressing table:
// no allocation per alert). Beside it: the alerts still awaiting a decision (kept whole), the
// problems that stopped one, the resolutions still to be noted on incidents, and the incident
// each group key last opened. Plain data with its transitions; not synchronised: AlertIntake
// holds its lock around every use.
#pragma once

#include <boost/unordered/unordered_flat_map.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "domain/alert.hpp"

namespace pactum::engine {

struct KnownAlerts {
  using Key = std::uint64_t;  // the fingerprint's 16 hex digits
  // Where an alert's state was recorded: a record, and the alert's place in it.
  struct Ref {
    std::int64_t seq = 0;
    std::uint16_t index = 0;
    auto operator<=>(const Ref&) const = default;
  };
  struct Known {
    static constexpr Instant kNoEnd = Instant::max();
    std::int64_t seq = 0;  // its latest record (a Ref, split to keep this at 32 bytes)
    Instant starts_at{};
    Instant ends_at = kNoEnd;
    std::uint32_t incident = 0;  // linked to: 1 + its index in incidents; 0 until then
    std::uint16_t index = 0;     // its place in that record
    bool opened = false;
    bool resolved_at(Instant now) const { return ends_at != kNoEnd && ends_at <= now; }
    Ref ref() const { return {seq, index}; }
  };
  static_assert(sizeof(Known) == 32);
  // An alert evaluation still has to decide on: it matches a trigger condition of the plan it
  // was matched against, is not linked and has no problem.
  struct Unsettled {
    Alert alert;
    std::string source;
    Ref ref;  // where it was read from
  };
  // A linked alert that resolved, to be noted on its incident: the alert, the incident (as in
  // Known::incident) and the resolving record, captured when seen (a new episode moves Known on).
  using Resolution = std::tuple<Key, std::uint32_t, Ref>;

  // Takes in one alert's record made at `at`. `matches`: whether it matches a trigger condition
  // of the plan in force. A new episode (a new startsAt) is decided afresh.
  void observed(Key key, Ref ref, Instant at, Alert alert, const std::string& source, bool matches);
  // Takes in an `alert.linked` record. `episode`: the startsAt of the episode it was decided for
  // (records from before 2026-11-28 do not say): a link for another episode than the alert's
  // latest record is ignored, so that replaying the log ends as the live intake did whichever
  // of a newer episode's record and the link it took in first (their completions run on
  // different threads).
  void linked(Key key, std::optional<Instant> episode, const std::string& group_key,
              const std::string& incident, bool opened, Instant now);
  // Remembers why an alert could not be acted on; it is not tried again until it changes.
  void set_problem(Key key, std::string problem);

  // The incidents alerts are linked to, each stored once and named by a small index.
  std::uint32_t incident_index(const std::string& id);
  const std::string& incident_id(std::uint32_t index) const;  // "" for 0
  std::optional<std::uint32_t> find_incident(const std::string& id) const;

  boost::unordered_flat_map<Key, Known> known;
  std::map<Key, Unsettled> unsettled;
  std::map<Key, std::string> problems;
  std::set<Resolution> resolutions;
  std::map<std::string, std::string> groups;  // group key → the incident it last opened

 private:
  std::vector<std::string> incidents_;
  std::unordered_map<std::string, std::uint32_t> incident_indexes_;
};

}  // namespace pactum::engine
