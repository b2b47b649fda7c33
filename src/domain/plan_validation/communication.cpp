// Plan validation, communication and notifications: meetings, message templates, and the
// group channels contacts are reached by.
#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "domain/message_template.hpp"
#include "domain/plan_validation/checker.hpp"

namespace pactum::plan_validation {

void Checker::check_communication() {
  const auto& c = plan_.communication;
  unique_ids(c.meetings, "communication.meetings");
  for (std::size_t i = 0; i < c.meetings.size(); ++i) {
    if (c.meetings[i].id == kAnnualReviewMeeting) {
      error(at("communication.meetings", i) + ".id", "G2",
            fmt::format("\"{}\" is the joint annual review's own id (G2); name this meeting "
                        "otherwise",
                        kAnnualReviewMeeting));
    }
  }
  unique_ids(c.templates, "communication.templates");
  for (std::size_t i = 0; i < c.templates.size(); ++i) {
    template_variables(at("communication.templates", i), c.templates[i].subject,
                       c.templates[i].body);
  }
  for (std::size_t i = 0; i < c.meetings.size(); ++i) {
    // M1: the daily incident meeting runs by its cadence while an incident is at these levels.
    const Meeting& m = c.meetings[i];
    std::string path = at("communication.meetings", i) + ".while_incident_at";
    if (!m.while_incident_at.empty() && !m.cadence) {
      error(path, "M1",
            "a meeting held while an incident is open needs a cadence (e.g. cadence: {every: "
            "day}): how often it is held then");
    }
    for (std::size_t j = 0; j < m.while_incident_at.size(); ++j) {
      level_exists(m.while_incident_at[j], at(path, j), "M1");
    }
  }
  for (std::size_t i = 0; i < c.meetings.size(); ++i) {
    for (std::size_t j = 0; j < c.meetings[i].participants.size(); ++j) {
      role_exists(c.meetings[i].participants[j],
                  at(at("communication.meetings", i) + ".participants", j), "M1", false);
    }
  }
  unique_ids(plan_.third_parties, "third_parties");
  check_third_parties();
}

// M1: a template (at `path`) uses only known variables, in each language of its subject and body.
void Checker::template_variables(const std::string& path, const Text& subject, const Text& body) {
  const std::pair<const std::string*, const char*> texts[] = {{&subject.zh, "subject.zh"},
                                                              {&subject.en, "subject.en"},
                                                              {&body.zh, "body.zh"},
                                                              {&body.en, "body.en"}};
  for (const auto& [text, name] : texts) {
    for (const auto& unknown : unknown_template_variables(*text)) {
      std::string known;
      for (const char* v : kTemplateVariables)
        known += (known.empty() ? "" : ", ") + std::string(v);
      error(path + "." + name, "M1",
            fmt::format("the template uses \"{}\", which is not a message variable (known: {})",
                        unknown, known));
    }
  }
}

// M1 and C4: every message the system sends has a template; templates use known variables;
// a contact reached through a group robot belongs to a party that has one of that kind.
void Checker::check_notifications() {
  const auto& n = plan_.notifications;
  for (std::size_t i = 0; i < n.templates.size(); ++i) {
    template_variables(at("notifications.templates", i), n.templates[i].subject,
                       n.templates[i].body);
  }
  for (const char* kind : {"report", "sync", "reminder", "breach"}) {
    if (!n.find(kind, "internal")) {
      error("notifications.templates", "M1",
            fmt::format("no template for {} messages to the group (kind: {}, audience: internal)",
                        kind, kind));
    }
  }
  for (std::size_t i = 0; i < plan_.levels.size(); ++i) {
    for (std::size_t j = 0; j < plan_.levels[i].steps.size(); ++j) {
      const Step& s = plan_.levels[i].steps[j];
      if (!s.notify_kind.empty() && !n.find(s.notify_kind, s.notify_audience)) {
        error(at(at("levels", i) + ".steps", j) + ".notify", "M1",
              fmt::format("no template for kind {} and audience {}", s.notify_kind,
                          s.notify_audience));
      }
    }
  }
  for (std::size_t i = 0; i < plan_.parties.size(); ++i) {
    const auto& g = plan_.parties[i].group_channel;
    bool known = g.empty() || std::any_of(plan_.group_channels.begin(), plan_.group_channels.end(),
                                          [&](const GroupChannel& c) { return c.id == g; });
    if (!known) {
      error(at("parties", i) + ".group_channel", "C4",
            fmt::format("\"{}\" is not one of channels.group", g));
    }
  }
  for (std::size_t i = 0; i < plan_.contacts.size(); ++i) {
    const Contact& c = plan_.contacts[i];
    for (const auto& [channel, name] : {std::pair{&c.preferred_channel, "preferred_channel"},
                                        std::pair{&c.backup_channel, "backup_channel"}}) {
      if (channel->empty() || *channel == "email" || *channel == "webhook") continue;
      const Party* party = plan_.find_party(c.party);
      const GroupChannel* group = nullptr;
      for (const auto& gc : plan_.group_channels) {
        if (party && gc.id == party->group_channel) group = &gc;
      }
      if (!group || group->kind != *channel) {
        error(at("contacts", i) + "." + name, "C4",
              fmt::format("contact \"{}\" is reached by {}, but party \"{}\" has no {} group "
                          "channel (parties[].group_channel)",
                          c.id, *channel, c.party, *channel));
      }
    }
  }
}

}  // namespace pactum::plan_validation
