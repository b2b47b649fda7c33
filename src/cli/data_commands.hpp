// Commands that work on a data directory directly (offline, or beside a running server):
// init, plan activate, user add/passwd, token create/list/revoke, audit verify. Whoever can
// write the data directory is trusted with every account in it.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/runtime.hpp"

namespace pactum::cli {

// Activates the plan file if no plan is in force (or the file's version is newer); with
// `demo_users`, creates the demo accounts and prints their passwords (kept in DIR/demo-users.txt).
int init_data(Runtime& rt, const std::string& data, const std::string& plan_file, bool demo_users,
              std::ostream& out, std::ostream& err);
int plan_activate(Runtime& rt, const std::string& data, const std::string& plan_file,
                  std::ostream& out, std::ostream& err);

struct UserArgs {
  std::string id;
  std::string name;
  std::string party;
  std::string contact;
  bool admin = false;
};
// The password comes from PACTUM_PASSWORD, or a prompt on a terminal, or one line of stdin.
int user_add(Runtime& rt, const std::string& data, const UserArgs& user, std::ostream& out,
             std::ostream& err);
int user_passwd(Runtime& rt, const std::string& data, const std::string& id, std::ostream& out,
                std::ostream& err);
int token_create(Runtime& rt, const std::string& data, const std::string& user,
                 const std::string& name, const std::vector<std::string>& scopes,
                 const std::string& expires_in, std::ostream& out, std::ostream& err);
// Every token (or `user`'s), newest first: id, user, name, scopes, created, expires, revoked.
int token_list(Runtime& rt, const std::string& data, const std::string& user, std::ostream& out,
               std::ostream& err);
// Marks the token revoked. A server running on the same data directory refuses it within
// engine::Auth::kTokenMemory (it remembers a token that long).
int token_revoke(Runtime& rt, const std::string& data, const std::string& id, std::ostream& out,
                 std::ostream& err);
// Exit 0 when intact, 1 when a link is broken (named on stderr). Progress on a terminal.
int audit_verify(Runtime& rt, const std::string& data, bool quiet, std::ostream& out,
                 std::ostream& err);
// The same check of any event log (a backup's too): what audit_verify prints and returns.
int verify_events(store::EventSource& log, bool quiet, std::ostream& out, std::ostream& err);

}  // namespace pactum::cli
