#include "engine/notice_messages.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <kainjow/mustache.hpp>

#include "domain/digest.hpp"
#include "domain/exercise.hpp"
#include "domain/message_values.hpp"
#include "domain/obligations.hpp"

namespace pactum::engine {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

// A template parsed once, rendered for each recipient: parsing cost more than rendering.
mustache parse(const std::string& text) { return plain_template(text); }

void set_recipient(data& root, const Contact& to, Lang lang) {
  data recipient;
  recipient.set("name", to.name.in(lang));
  root.set("recipient", recipient);
}

std::string hmac_hex(const std::string& key, const std::string& message) {
  return to_hex(hmac_sha256(key, message)).substr(0, 32);  // 128 bits are plenty for a link
}

// The values every message has besides its recipient (set_recipient): the plan in force.
data plan_values(const Plan& plan, Lang lang, const MessagingConfig& config) {
  return pactum::plan_values(plan, lang, config.base_url);
}

// The values of one notice, the same for each recipient (who adds set_recipient and ack_url).
data values(const Plan& plan, const IncidentState& s, const std::string& id, const Notice& n,
            const Obligation* o, Lang lang, const MessagingConfig& config) {
  data incident = incident_values(plan, s, id, lang, config.base_url);
  data obligation;
  obligation.set("title", o ? o->title.in(lang) : "");
  obligation.set("rule", o ? o->rule : "");
  obligation.set("due", o && o->due ? local_time(plan, *o->due) : "");
  data root = plan_values(plan, lang, config);
  root.set("incident", incident);
  root.set("obligation", obligation);
  root.set("wave", n.wave >= 0 ? std::to_string(n.wave + 1) : "");
  root.set("evidence", n.evidence);
  return root;
}

}  // namespace

void address(const Plan& plan, const Contact& contact, const std::string& channel,
             OutboxMessage& m) {
  m.channel = channel.empty() ? "email" : channel;
  m.mention.clear();
  if (m.channel == "email") {
    m.target = contact.email;
  } else if (m.channel == "webhook") {
    m.target = "webhook";
  } else {
    const Party* party = plan.find_party(contact.party);
    m.target = party ? party->group_channel : "";
    m.mention = contact.mobile;
  }
}

std::vector<OutboxMessage> render_plan_change(const Plan& plan, Instant now,
                                              const MessagingConfig& config,
                                              std::string_view kind_of_change,
                                              std::string_view appendix, std::string_view about) {
  std::vector<OutboxMessage> out;
  const NotificationTemplate* t = plan.notifications.find(std::string(kind_of_change), "internal");
  if (!t) return out;
  for (const auto& c : plan.contacts) {
    if (!c.emergency_contact) continue;
    auto values_for = [&](Lang lang) {
      data root = plan_values(plan, lang, config);
      set_recipient(root, c, lang);
      root.set("incident", data{data::type::object});
      root.set("obligation", data{data::type::object});
      return root;
    };
    OutboxMessage m;
    std::string notice = std::string(kind_of_change) + ":" + std::to_string(plan.version);
    if (!about.empty()) notice += ":" + std::string(about);
    m.id = "m" + sha256_hex("plan|" + notice + "|" + c.id).substr(0, 24);
    m.incident = "";
    m.notice = notice;
    m.kind = std::string(kind_of_change);
    m.recipient = c.id;
    address(plan, c, c.preferred_channel, m);
    auto zh = values_for(Lang::zh_CN);
    auto en = values_for(Lang::en);
    m.subject = parse(t->subject.zh).render(zh) + " / " + parse(t->subject.en).render(en);
    m.body = parse(t->body.zh).render(zh) + "\n\n——\n\n" + parse(t->body.en).render(en);
    if (!appendix.empty()) m.body += "\n\n——\n\n" + std::string(appendix);
    m.created_at = now;
    m.next_attempt_at = now;
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<OutboxMessage> render_duty_messages(const Plan& plan, const Duty& duty,
                                                std::string_view kind, int wave,
                                                const std::vector<std::string>& recipients,
                                                Instant now, const MessagingConfig& config) {
  std::vector<OutboxMessage> out;
  const NotificationTemplate* t = plan.notifications.find(std::string(kind), "internal");
  if (!t) return out;
  std::string notice = fmt::format("{}:{}:{}:{}", kind, duty.rule, duty.period, duty.subject);
  if (wave >= 0) notice += fmt::format(":{}", wave);
  auto values_for = [&](const Contact& c, Lang lang) {
    data d;
    d.set("rule", duty.rule);
    d.set("period", duty.period);
    d.set("title", duty.title.in(lang));
    d.set("due", local_time(plan, duty.due));
    data programme;
    programme.set("url", config.base_url + "/#/programme");
    data root = plan_values(plan, lang, config);
    set_recipient(root, c, lang);
    root.set("duty", d);
    root.set("programme", programme);
    root.set("incident", data{data::type::object});
    root.set("obligation", data{data::type::object});
    root.set("wave", wave >= 0 ? std::to_string(wave + 1) : "");
    return root;
  };
  for (const auto& id : recipients) {
    const Contact* c = plan.find_contact(id);
    if (!c) continue;
    OutboxMessage m;
    m.id = "m" + sha256_hex("duty|" + notice + "|" + c->id).substr(0, 24);
    m.notice = notice;
    m.kind = std::string(kind);
    m.recipient = c->id;
    address(plan, *c, c->preferred_channel, m);
    auto zh = values_for(*c, Lang::zh_CN);
    auto en = values_for(*c, Lang::en);
    m.subject = parse(t->subject.zh).render(zh) + " / " + parse(t->subject.en).render(en);
    m.body = parse(t->body.zh).render(zh) + "\n\n——\n\n" + parse(t->body.en).render(en);
    m.created_at = now;
    m.next_attempt_at = now;
    out.push_back(std::move(m));
  }
  return out;
}

std::string external_notice(std::int64_t number) { return fmt::format("external:{}", number); }

std::vector<OutboxMessage> external_outbox(const std::string& incident_id, const Event& event) {
  std::vector<OutboxMessage> out;
  const auto* sent = std::get_if<ev::ExternalMessageSent>(&event.data);
  if (!sent) return out;
  const ExternalMessage& x = sent->message;
  for (const auto& address : x.to) {
    OutboxMessage m;
    m.notice = external_notice(x.number);
    m.id = "m" + sha256_hex(incident_id + "|" + m.notice + "|" + address).substr(0, 24);
    m.incident = incident_id;
    m.kind = "external";
    m.channel = "email";
    m.recipient = address;  // not a contact of the plan: no backup channel
    m.target = address;
    m.subject = x.subject;
    m.body = x.body;
    m.created_at = event.at;
    m.next_attempt_at = event.at;
    out.push_back(std::move(m));
  }
  return out;
}

std::string ack_token(const MessagingConfig& config, const std::string& message_id,
                      Instant expires) {
  std::string payload = fmt::format(
      "{}.{}", message_id,
      std::chrono::duration_cast<std::chrono::seconds>(expires.time_since_epoch()).count());
  return payload + "." + hmac_hex(config.key, payload);
}

std::optional<std::string> verify_ack_token(const MessagingConfig& config, const std::string& token,
                                            Instant now) {
  auto last = token.rfind('.');
  if (last == std::string::npos || config.key.empty()) return std::nullopt;
  std::string payload = token.substr(0, last);
  std::string expected = hmac_hex(config.key, payload);
  std::string given = token.substr(last + 1);
  if (given.size() != expected.size() ||
      sodium_memcmp(given.data(), expected.data(), given.size()) != 0) {
    return std::nullopt;
  }
  auto dot = payload.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  try {
    std::int64_t expires = std::stoll(payload.substr(dot + 1));
    if (std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() > expires)
      return std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return payload.substr(0, dot);
}

std::vector<OutboxMessage> render_messages(const Plan& plan, const IncidentState& after,
                                           const std::string& incident_id,
                                           const std::vector<Notice>& notices, Instant now,
                                           const MessagingConfig& config) {
  std::vector<OutboxMessage> out;
  if (notices.empty()) return out;
  auto all = obligations(plan, after, now);
  for (const auto& n : notices) {
    const NotificationTemplate* t = plan.notifications.find(n.kind, n.audience);
    if (!t) continue;  // the plan check requires one; a plan without it sends nothing of this kind
    const Obligation* o = nullptr;
    for (const auto& x : all) {
      if (x.key == n.obligation) o = &x;
    }
    // Per notice: the templates parsed and the values made (times formatted) once; per recipient
    // only the name and the acknowledgement link change.
    mustache subject_zh = parse(t->subject.zh), subject_en = parse(t->subject.en);
    mustache body_zh = parse(t->body.zh), body_en = parse(t->body.en);
    const data notice_zh = values(plan, after, incident_id, n, o, Lang::zh_CN, config);
    const data notice_en = values(plan, after, incident_id, n, o, Lang::en, config);
    for (const auto& contact_id : n.contacts) {
      const Contact* to = plan.find_contact(contact_id);
      if (!to) continue;
      OutboxMessage m;
      m.id = "m" + sha256_hex(incident_id + "|" + n.key + "|" + contact_id).substr(0, 24);
      m.incident = incident_id;
      m.notice = n.key;
      m.kind = n.kind;
      m.obligation = n.obligation;
      m.recipient = contact_id;
      address(plan, *to, to->preferred_channel, m);
      std::string ack_url;
      // Only an escalation asks for an acknowledgement (a reminder comes before anything is
      // overdue, when there is nothing to acknowledge yet).
      if (n.kind == "breach" && !n.obligation.empty() && !config.key.empty()) {
        ack_url = config.base_url + "/ack/" +
                  ack_token(config, m.id, plan.calendar.add(now, plan.notifications.ack_valid_for));
      }
      data zh = notice_zh, en = notice_en;
      set_recipient(zh, *to, Lang::zh_CN);
      set_recipient(en, *to, Lang::en);
      zh.set("ack_url", ack_url);
      en.set("ack_url", ack_url);
      // V2: what is about an exercise says so first, in each language, whatever the template.
      auto mark = [exercise = is_exercise(incident_id)](std::string text, Lang lang) {
        return exercise ? marked_as_exercise(text, lang) : text;
      };
      m.subject =
          mark(subject_zh.render(zh), Lang::zh_CN) + " / " + mark(subject_en.render(en), Lang::en);
      m.body =
          mark(body_zh.render(zh), Lang::zh_CN) + "\n\n——\n\n" + mark(body_en.render(en), Lang::en);
      m.created_at = now;
      m.next_attempt_at = now;
      out.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace pactum::engine
