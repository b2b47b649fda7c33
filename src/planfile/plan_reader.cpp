// read_plan: the document root and its sections in order; each group of sections has its file in
// plan_reader/.
#include "planfile/plan_reader.hpp"

#include <fmt/format.h>

#include "planfile/plan_reader/sections.hpp"

namespace pactum::planfile {
namespace {

constexpr const char* kFormat = "pactum-plan/1";

}  // namespace

std::optional<Plan> read_plan(YamlCursor& r, const Node& root) {
  static const std::initializer_list<const char*> kSections = {
      "format",       "id",       "version",     "title",         "agreement",     "calendar",
      "parties",      "contacts", "roles",       "channels",      "triggers",      "assessment",
      "process",      "levels",   "permissions", "escalation",    "fund",          "suppliers",
      "backups",      "drills",   "training",    "communication", "third_parties", "governance",
      "notifications"};
  if (!r.map(root, kSections, kSections)) return std::nullopt;
  Plan plan;
  Node format = r.field(root, "format");
  if (auto f = r.str(format, false); f && *f != kFormat) {
    r.error_at(format,
               fmt::format("unsupported plan format \"{}\" (this version reads {})", *f, kFormat));
  }
  plan.id = r.id(r.field(root, "id"));
  plan.version = r.integer(r.field(root, "version"), 1, 1'000'000, false).value_or(1);
  plan.title = r.text(r.field(root, "title"), false);
  read_agreement(r, r.field(root, "agreement"), plan.agreement);
  read_calendar(r, r.field(root, "calendar"), plan.calendar);
  r.list(
      r.field(root, "parties"),
      [&](const Node& item) {
        if (!r.map(item, {"id", "name", "group_channel"}, {"id", "name"})) return;
        plan.parties.push_back({r.id(r.field(item, "id")), r.text(r.field(item, "name"), false),
                                r.str(r.field(item, "group_channel"), false).value_or("")});
      },
      false);
  read_contacts(r, r.field(root, "contacts"), plan.contacts);
  read_roles(r, r.field(root, "roles"), plan.roles);
  read_channels(r, r.field(root, "channels"), plan);
  read_triggers(r, r.field(root, "triggers"), plan.triggers);
  read_assessment(r, r.field(root, "assessment"), plan.assessment);
  read_process(r, r.field(root, "process"), plan.process);
  read_levels(r, r.field(root, "levels"), plan.levels);
  read_permissions(r, r.field(root, "permissions"), plan.permissions);
  read_escalation(r, r.field(root, "escalation"), plan.escalation);
  read_fund(r, r.field(root, "fund"), plan.fund);
  read_suppliers(r, r.field(root, "suppliers"), plan.suppliers);
  read_backups(r, r.field(root, "backups"), plan.backups);
  read_drills(r, r.field(root, "drills"), plan.drills);
  read_training(r, r.field(root, "training"), plan.training);
  read_communication(r, r.field(root, "communication"), plan.communication);
  read_third_parties(r, r.field(root, "third_parties"), plan.third_parties);
  read_governance(r, r.field(root, "governance"), plan.governance);
  read_notifications(r, r.field(root, "notifications"), plan.notifications);
  if (!plan.calendar.zone) plan.calendar.zone = date::locate_zone("UTC");
  return plan;
}

}  // namespace pactum::planfile
