// The plan file, communication: meetings, message templates and notifications.
#include <fmt/format.h>

#include "planfile/plan_reader/sections.hpp"

namespace pactum::planfile {

void read_communication(YamlCursor& r, const Node& n, Communication& c) {
  if (!r.map(n, {"meetings", "templates"}, {"meetings", "templates"})) return;
  r.list(
      r.field(n, "meetings"),
      [&](const Node& item) {
        if (!r.map(item,
                   {"id", "name", "frequency", "participants", "cadence", "while_incident_at"},
                   {"id", "name", "frequency", "participants"})) {
          return;
        }
        c.meetings.push_back({r.id(r.field(item, "id")), r.text(r.field(item, "name"), false),
                              r.text(r.field(item, "frequency"), false),
                              r.strings(r.field(item, "participants"), false),
                              r.cadence(r.field(item, "cadence"), false),
                              r.strings(r.field(item, "while_incident_at"), false)});
      },
      false);
  r.list(
      r.field(n, "templates"),
      [&](const Node& item) {
        // M1: subject and body are required: a template is what the communications lead drafts
        // from.
        if (!r.map(item, {"id", "audience", "name", "subject", "body"},
                   {"id", "audience", "name", "subject", "body"})) {
          return;
        }
        c.templates.push_back(
            {r.id(r.field(item, "id")),
             r.one_of(r.field(item, "audience"),
                      {"internal", "partner", "regulator", "supplier", "users"}, false)
                 .value_or(""),
             r.text(r.field(item, "name"), false), r.text(r.field(item, "subject"), false),
             r.text(r.field(item, "body"), false)});
      },
      false);
}

void read_notifications(YamlCursor& r, const Node& n, NotificationPolicy& p) {
  if (!r.map(n, {"ack_valid_for", "max_attempts", "templates"}, {"templates"})) return;
  if (auto d = r.duration(r.field(n, "ack_valid_for"), false)) p.ack_valid_for = *d;
  p.max_attempts =
      static_cast<int>(r.integer(r.field(n, "max_attempts"), 1, 100, false).value_or(8));
  r.list(r.field(n, "templates"), [&](const Node& item) {
    if (!r.map(item, {"kind", "audience", "subject", "body"},
               {"kind", "audience", "subject", "body"}))
      return;
    NotificationTemplate t;
    t.kind = r.one_of(r.field(item, "kind"),
                      {"report", "sync", "reminder", "breach", "risk_notice", "change", "proposal",
                       "signer_key", "duty_reminder", "duty_breach", "archived"},
                      false)
                 .value_or("");
    t.audience = r.one_of(r.field(item, "audience"),
                          {"internal", "partner", "regulator", "supplier", "users"}, false)
                     .value_or("");
    t.subject = r.text(r.field(item, "subject"), false);
    t.body = r.text(r.field(item, "body"), false);
    p.templates.push_back(std::move(t));
  });
}

}  // namespace pactum::planfile
