#include "cli/data_commands.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/file_commands.hpp"
#include "engine/audit.hpp"
#include "engine/auth.hpp"
#include "engine/engine.hpp"
#include "planfile/load.hpp"

namespace pactum::cli {
namespace {

const Actor kCli{"system:cli", "", {}};

std::optional<std::string> read_file(const std::string& path, std::ostream& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err << "pactum: cannot read " << path << "\n";
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Opens the storage and loads the engine over it.
struct Session {
  Storage storage;
  const Clock& clock;  // the runtime's
  std::unique_ptr<engine::Engine> engine;
};

// The storage alone, for commands that need no event log read (accounts).
std::optional<Storage> open_storage(Runtime& rt, const std::string& data, std::ostream& err) {
  auto storage = rt.open_storage(data);
  if (!storage) {
    err << "pactum: " << storage.error().message << "\n";
    return std::nullopt;
  }
  return std::move(*storage);
}

std::unique_ptr<Session> open_session(Runtime& rt, const std::string& data, std::ostream& err) {
  auto storage = open_storage(rt, data, err);
  if (!storage) return nullptr;
  auto s = std::unique_ptr<Session>(new Session{std::move(*storage), rt.clock(), nullptr});
  s->engine = std::make_unique<engine::Engine>(*s->storage.log, s->clock);
  if (Status e = s->engine->load(); !e.ok()) {
    err << "pactum: reading the event log: " << e.error().message << "\n";
    return nullptr;
  }
  return s;
}

std::string read_password(std::ostream& out) {
  if (const char* env = std::getenv("PACTUM_PASSWORD")) return env;
  std::string password;
  if (isatty(STDIN_FILENO)) {
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    out << "Password (at least 10 characters): " << std::flush;
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::getline(std::cin, password);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    out << "\n";
  } else {
    std::getline(std::cin, password);
  }
  return password;
}

int activate(Session& s, const std::string& plan_file, bool only_if_newer, std::ostream& out,
             std::ostream& err) {
  auto yaml = read_file(plan_file, err);
  if (!yaml) return kExitInvalid;
  auto loaded = planfile::load_plan_text(*yaml);
  if (!loaded.plan) {
    for (const auto& d : loaded.diagnostics)
      err << planfile::format_diagnostic(plan_file, d) << "\n";
    return kExitInvalid;
  }
  auto current = s.engine->plan();
  if (only_if_newer && current && current->version >= loaded.plan->version) {
    out << "plan version " << current->version << " is in force\n";
    return kExitOk;
  }
  auto r = s.engine->activate_plan(*yaml, kCli);
  if (!r) {
    err << "pactum: " << r.error().message << "\n";
    return kExitInvalid;
  }
  out << "plan \"" << (*r)->plan.id << "\" version " << (*r)->version << " is in force (sha256 "
      << (*r)->sha256.substr(0, 16) << "…)\n";
  return kExitOk;
}

}  // namespace

int init_data(Runtime& rt, const std::string& data, const std::string& plan_file, bool demo_users,
              std::ostream& out, std::ostream& err) {
  auto s = open_session(rt, data, err);
  if (!s) return kExitInvalid;
  if (int rc = activate(*s, plan_file, true, out, err); rc != kExitOk) return rc;
  if (!demo_users) return kExitOk;
  auto passwords = std::filesystem::path(data) / "demo-users.txt";
  if (std::filesystem::exists(passwords)) {
    out << "Demo users (from " << passwords.string() << "):\n"
        << read_file(passwords.string(), err).value_or("");
    return kExitOk;
  }
  // Per party: the leader (an administrator) and the technical lead, signed in as plan contacts.
  const Plan& plan = s->engine->plan()->plan;
  engine::Auth auth(*s->storage.accounts, s->clock);
  std::string listing;
  for (const auto& party : plan.parties) {
    for (const char* role_id : {"leader", "tech_lead"}) {
      const Role* role = plan.find_role(role_id);
      if (!role) continue;
      for (const auto& h : role->holders) {
        if (!h.party.empty() && h.party != party.id) continue;
        const Contact* c = plan.find_contact(h.holder);
        std::string id =
            fmt::format("{}-{}", role_id == std::string("leader") ? "leader" : "tech", party.id);
        for (auto& ch : id) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        std::string password = engine::random_secret().substr(0, 16);
        auto user = auth.add_user({id, c ? c->name.zh : id, party.id, h.holder,
                                   role_id == std::string("leader"), password},
                                  &plan);
        if (!user) {
          err << "pactum: " << user.error().message << "\n";
          return kExitInvalid;
        }
        listing += fmt::format("  {:<10} {}  ({}, {}: {})\n", id, password, party.id, role->name.zh,
                               c ? c->name.zh : h.holder);
      }
    }
  }
  // Created readable by the owner only, before anything is written into it.
  int fd = ::open(passwords.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd >= 0) {
    ssize_t written = ::write(fd, listing.data(), listing.size());
    ::close(fd);
    if (written != static_cast<ssize_t>(listing.size()))
      err << "pactum: could not write " << passwords << "\n";
  }
  out << "Demo users (user, password; also in " << passwords.string() << "):\n" << listing;
  return kExitOk;
}

int plan_activate(Runtime& rt, const std::string& data, const std::string& plan_file,
                  std::ostream& out, std::ostream& err) {
  auto s = open_session(rt, data, err);
  if (!s) return kExitInvalid;
  return activate(*s, plan_file, false, out, err);
}

int user_add(Runtime& rt, const std::string& data, const UserArgs& u, std::ostream& out,
             std::ostream& err) {
  auto s = open_session(rt, data, err);
  if (!s) return kExitInvalid;
  auto plan = s->engine->plan();
  engine::Auth auth(*s->storage.accounts, s->clock);
  auto user = auth.add_user({u.id, u.name, u.party, u.contact, u.admin, read_password(out)},
                            plan ? &plan->plan : nullptr);
  if (!user) {
    err << "pactum: " << user.error().message << "\n";
    return kExitInvalid;
  }
  out << "user \"" << user->id << "\" added (party " << user->party
      << (user->admin ? ", administrator" : "") << ")\n";
  return kExitOk;
}

int user_passwd(Runtime& rt, const std::string& data, const std::string& id, std::ostream& out,
                std::ostream& err) {
  auto s = open_session(rt, data, err);
  if (!s) return kExitInvalid;
  engine::Auth auth(*s->storage.accounts, s->clock);
  if (Status e = auth.set_password(id, read_password(out)); !e.ok()) {
    err << "pactum: " << e.error().message << "\n";
    return kExitInvalid;
  }
  out << "password of \"" << id << "\" changed\n";
  return kExitOk;
}

int token_create(Runtime& rt, const std::string& data, const std::string& user,
                 const std::string& name, const std::vector<std::string>& scopes,
                 const std::string& expires_in, std::ostream& out, std::ostream& err) {
  auto s = open_session(rt, data, err);
  if (!s) return kExitInvalid;
  std::optional<Instant> expires;
  if (!expires_in.empty()) {
    auto d = parse_duration(expires_in);
    auto plan = s->engine->plan();
    if (!d || !plan) {
      err << "pactum: --expires-in takes a duration such as 90d (and needs a plan in force)\n";
      return kExitUsage;
    }
    expires = plan->plan.calendar.add(s->clock.now(), *d);
  }
  engine::Auth auth(*s->storage.accounts, s->clock);
  auto grant = auth.create_token(user, name, scopes, expires);
  if (!grant) {
    err << "pactum: " << grant.error().message << "\n";
    return kExitInvalid;
  }
  out << grant->secret << "\n";
  return kExitOk;
}

int token_list(Runtime& rt, const std::string& data, const std::string& user, std::ostream& out,
               std::ostream& err) {
  auto storage = open_storage(rt, data, err);
  if (!storage) return kExitInvalid;
  auto tokens = storage->accounts->tokens();
  if (!tokens) {
    err << "pactum: " << tokens.error().message << "\n";
    return kExitInvalid;
  }
  auto when = [](const std::optional<Instant>& t) {
    return t ? format_instant(*t) : std::string("-");
  };
  out << fmt::format("{:<12}  {:<16}  {:<20}  {:<20}  {:<24}  {:<24}  {}\n", "ID", "USER", "NAME",
                     "SCOPES", "CREATED", "EXPIRES", "REVOKED");
  for (const auto& t : *tokens) {
    if (!user.empty() && t.user_id != user) continue;
    std::string scopes;
    for (const auto& x : t.scopes) scopes += (scopes.empty() ? "" : ",") + x;
    out << fmt::format("{:<12}  {:<16}  {:<20}  {:<20}  {:<24}  {:<24}  {}\n", t.id, t.user_id,
                       t.name, scopes, format_instant(t.created_at), when(t.expires_at),
                       when(t.revoked_at));
  }
  return kExitOk;
}

int token_revoke(Runtime& rt, const std::string& data, const std::string& id, std::ostream& out,
                 std::ostream& err) {
  auto storage = open_storage(rt, data, err);
  if (!storage) return kExitInvalid;
  engine::Auth auth(*storage->accounts, rt.clock());
  if (Status e = auth.revoke_token(id); !e.ok()) {
    err << "pactum: " << e.error().message << "\n";
    return kExitInvalid;
  }
  out << fmt::format("token \"{}\" revoked (a running server refuses it within {} s)\n", id,
                     engine::Auth::kTokenMemory.count());
  return kExitOk;
}

int audit_verify(Runtime& rt, const std::string& data, bool quiet, std::ostream& out,
                 std::ostream& err) {
  auto log = rt.read_log(data);
  if (!log) {
    err << "pactum: " << log.error().message << "\n";
    return kExitInvalid;
  }
  if (int chain = verify_events(**log, quiet, out, err); chain != kExitOk) return chain;
  return verify_evidence_files(**log, files_of(data), quiet, out, err);  // L4: the bytes too
}

int verify_events(store::EventSource& log, bool quiet, std::ostream& out, std::ostream& err) {
  bool tty = isatty(STDERR_FILENO) && !quiet;
  auto started = std::chrono::steady_clock::now();
  auto report = engine::verify_log(log, [&](std::int64_t n) {
    if (tty) err << "\rverifying… " << n << " events" << std::flush;
  });
  if (tty) err << "\r\033[K";
  if (!report.intact()) {
    err << "pactum: the evidence chain is broken: " << *report.failure << "\n";
    if (!quiet) out << report.events << " events verified before the break\n";
    return kExitInvalid;
  }
  if (!quiet) {
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    double mb = static_cast<double>(report.bytes) / 1e6;
    out << fmt::format(
        "intact: {} events ({:.1f} MB) verified in {:.2f} s ({:.0f} MB/s), head {}\n",
        report.events, mb, seconds, seconds > 0 ? mb / seconds : 0.0, report.head_hash);
  }
  return kExitOk;
}

}  // namespace pactum::cli
