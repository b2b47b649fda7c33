// `pactum incident report|list|show`: the API over HTTP with a token (--server/PACTUM_SERVER,
// --token/PACTUM_TOKEN), for scripts and terminals.
#pragma once

#include <ostream>
#include <string>

#include "domain/clock.hpp"

namespace pactum::cli {

struct Remote {
  std::string server = "http://127.0.0.1:8080";
  std::string token;
};

struct ReportArgs {
  std::string trigger;
  std::string condition;
  std::string phenomenon;
  std::string scope;
  std::string cause_guess;
  std::string discovered_at;  // RFC 3339; default now
  std::string responsible_party;
  bool exercise = false;  // V2: an exercise of a drill, numbered EX-…
};

// `clock` dates the discovery when the arguments do not.
int incident_report(const Remote& remote, const ReportArgs& args, const Clock& clock,
                    std::ostream& out, std::ostream& err);
// `exercises`: the drills' exercises instead of real incidents.
int incident_list(const Remote& remote, const std::string& status, bool exercises, bool json,
                  std::ostream& out, std::ostream& err);
int incident_show(const Remote& remote, const std::string& id, std::ostream& out,
                  std::ostream& err);

}  // namespace pactum::cli
