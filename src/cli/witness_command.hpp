// `pactum witness`: a party's witness of the log, run on that party's own machine. It fetches the
// latest checkpoint, checks the log's signature and a consistency proof from the checkpoint it
// cosigned last, and only then cosigns and posts its cosignature back. What it cosigned is kept
// in its state directory: the checkpoints `pactum audit verify --checkpoint` holds the log to.
#pragma once

#include <ostream>
#include <string>

#include "domain/clock.hpp"

namespace pactum::cli {

struct WitnessArgs {
  std::string server;    // the server's URL
  std::string key_file;  // the witness key's seed (pactum key generate --witness NAME)
  std::string name;      // the witness's name, as registered
  std::string state;     // the state directory
  std::string log_key;   // the log's verifier key; empty: trusted on first use, then kept
  // Run by /bin/sh on an alarm, with the reason in PACTUM_ALARM: how the party's own contacts
  // hear of it (mail, a robot's webhook) without relying on the server the alarm is about.
  std::string on_alarm;
  bool once = false;
  int interval_seconds = 10;
};

inline constexpr int kExitAlarm = 3;  // the log misbehaved: nothing was cosigned

// Exit 0 (ran, or --once and cosigned or nothing new), 1 (could not run: server down, bad key
// file), kExitAlarm (a rollback, fork, other log, bad signature or failed proof; the reason on
// stderr, beginning "ALARM:").
// `clock` dates the cosignatures.
int witness(const WitnessArgs& args, const Clock& clock, std::ostream& out, std::ostream& err);

}  // namespace pactum::cli
