// The plan file, the people: the agreement and calendar, the contacts and roles of the
// parties, the channels, and which roles may do what.
#include <fmt/format.h>

#include <stdexcept>

#include "planfile/plan_reader/sections.hpp"

namespace pactum::planfile {

void read_calendar(YamlCursor& r, const Node& n, Calendar& c) {
  if (!r.map(n, {"time_zone", "days", "holidays", "workdays"}, {"time_zone", "days"})) return;
  Node tz = r.field(n, "time_zone");
  if (auto name = r.str(tz, false)) {
    try {
      c.zone = date::locate_zone(*name);
      c.time_zone = *name;
    } catch (const std::exception&) {
      r.error_at(tz, fmt::format("unknown time zone \"{}\" (expected an IANA name such as "
                                 "Asia/Shanghai)",
                                 *name));
    }
  }
  if (auto days = r.one_of(r.field(n, "days"), {"calendar", "working"}, false)) {
    c.days = *days == "working" ? DayCount::working : DayCount::calendar;
  }
  r.list(
      r.field(n, "holidays"),
      [&](const Node& d) {
        if (auto day = r.day(d)) c.holidays.insert(*day);
      },
      false);
  r.list(
      r.field(n, "workdays"),
      [&](const Node& d) {
        if (auto day = r.day(d)) c.workdays.insert(*day);
      },
      false);
}

void read_agreement(YamlCursor& r, const Node& n, Agreement& a) {
  if (!r.map(n, {"name", "value", "currency", "starts", "ends"},
             {"name", "value", "currency", "starts", "ends"})) {
    return;
  }
  a.name = r.text(r.field(n, "name"), false);
  if (auto v = r.money(r.field(n, "value"), false)) a.value = *v;
  if (auto c = r.str(r.field(n, "currency"), false)) a.currency = *c;
  if (auto d = r.day(r.field(n, "starts"), false)) a.starts = *d;
  if (auto d = r.day(r.field(n, "ends"), false)) a.ends = *d;
}

void read_contacts(YamlCursor& r, const Node& n, std::vector<Contact>& out) {
  r.list(n, [&](const Node& item) {
    if (!r.map(item,
               {"id", "party", "name", "title", "emergency_contact", "work_phone", "mobile",
                "email", "backup", "preferred_channel", "backup_channel", "joined"},
               {"id", "party", "name"})) {
      return;
    }
    Contact c;
    c.id = r.id(r.field(item, "id"));
    c.party = r.str(r.field(item, "party"), false).value_or("");
    c.name = r.text(r.field(item, "name"), false);
    c.title = r.text(r.field(item, "title"), false);
    c.emergency_contact = r.boolean(r.field(item, "emergency_contact"), false).value_or(false);
    // The four contact fields are checked by C1 (validate_plan) so that a missing one is reported
    // with the rule, not as a schema error.
    c.work_phone = r.str(r.field(item, "work_phone"), false).value_or("");
    c.mobile = r.str(r.field(item, "mobile"), false).value_or("");
    c.email = r.str(r.field(item, "email"), false).value_or("");
    c.backup = r.str(r.field(item, "backup"), false).value_or("");
    static constexpr std::initializer_list<const char*> kChannels = {"email",  "wecom", "dingtalk",
                                                                     "feishu", "slack", "webhook"};
    c.preferred_channel =
        r.one_of(r.field(item, "preferred_channel"), kChannels, false).value_or("email");
    c.backup_channel = r.one_of(r.field(item, "backup_channel"), kChannels, false).value_or("");
    c.joined = r.day(r.field(item, "joined"), false);
    out.push_back(std::move(c));
  });
}

void read_roles(YamlCursor& r, const Node& n, std::vector<Role>& out) {
  r.list(n, [&](const Node& item) {
    if (!r.map(item, {"id", "name", "duties", "scope", "holders"},
               {"id", "name", "duties", "scope", "holders"})) {
      return;
    }
    Role role;
    role.id = r.id(r.field(item, "id"));
    role.name = r.text(r.field(item, "name"), false);
    role.duties = r.text(r.field(item, "duties"), false);
    auto scope = r.one_of(r.field(item, "scope"), {"per_party", "joint"}, false);
    role.scope = scope && *scope == "joint" ? RoleScope::joint : RoleScope::per_party;
    r.list(r.field(item, "holders"), [&](const Node& h) {
      if (!r.map(h, {"party", "holder", "deputy"}, {"holder", "deputy"})) return;
      RoleHolder holder;
      holder.party = r.str(r.field(h, "party"), false).value_or("");
      holder.holder = r.str(r.field(h, "holder"), false).value_or("");
      holder.deputy = r.str(r.field(h, "deputy"), false).value_or("");
      role.holders.push_back(std::move(holder));
    });
    out.push_back(std::move(role));
  });
}

void read_channels(YamlCursor& r, const Node& n, Plan& plan) {
  if (!r.map(n, {"group", "paper_sheet"}, {"group", "paper_sheet"})) return;
  r.list(
      r.field(n, "group"),
      [&](const Node& item) {
        if (!r.map(item, {"id", "kind", "name", "encrypted"}, {"id", "kind", "name"})) return;
        GroupChannel c;
        c.id = r.id(r.field(item, "id"));
        c.kind = r.one_of(r.field(item, "kind"),
                          {"wecom", "dingtalk", "feishu", "slack", "webhook", "email"}, false)
                     .value_or("");
        c.name = r.text(r.field(item, "name"), false);
        c.encrypted = r.boolean(r.field(item, "encrypted"), false).value_or(false);
        plan.group_channels.push_back(std::move(c));
      },
      false);
  Node sheet = r.field(n, "paper_sheet");
  if (sheet.present() && r.map(sheet, {"location"}, {"location"})) {
    plan.paper_sheet_location = r.text(r.field(sheet, "location"), false);
  }
}

// Each action takes the list of roles (`close: [leader]`: any party's holders), or the long form
// `close: {roles: [leader], parties: own}` that may limit it to the incident's responsible party.
// Either way the roles are read under "<action>.roles", where plan validation looks for them.
void read_permissions(YamlCursor& r, const Node& n, std::map<Action, Permission>& out) {
  if (!r.map(n, {"report",
                 "sync",
                 "assess",
                 "change_level",
                 "resolve",
                 "submit_review",
                 "approve_review",
                 "close",
                 "cancel",
                 "waive_step",
                 "note",
                 "send_external",
                 "record_drill",
                 "record_training",
                 "record_meeting",
                 "complete_item",
                 "waive_duty",
                 "record_fund_movement",
                 "request_disbursement",
                 "pay_disbursement",
                 "reconcile_fund"})) {
    return;
  }
  for (const auto& kv : n.yaml) {
    auto action = parse_action(kv.first.as<std::string>(""));
    if (!action) continue;  // reported as an unknown key by map()
    Node entry = r.field(n, to_string(*action));
    Permission& p = out[*action];
    if (!entry.present()) {
      r.strings(entry);  // reports it missing
      continue;
    }
    if (!entry.yaml.IsMap()) {
      p.roles = r.strings(Node{entry.yaml, entry.path + ".roles"});
      continue;
    }
    if (!r.map(entry, {"roles", "parties"}, {"roles"})) continue;
    p.roles = r.strings(r.field(entry, "roles"), false);
    if (auto parties = r.one_of(r.field(entry, "parties"), {"any", "own"}, false)) {
      p.parties = *parties == "own" ? PartyScope::own : PartyScope::any;
    }
  }
}

}  // namespace pactum::planfile
