#include "domain/external_message.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "domain/exercise.hpp"
#include "domain/message_values.hpp"
#include "domain/permission.hpp"

namespace pactum {
namespace {

using kainjow::mustache::data;

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

const MessageTemplate* find_template(const Plan& plan, const std::string& id) {
  for (const auto& t : plan.communication.templates) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

Result<const MessageTemplate*> known_template(const Plan& plan, const std::string& id) {
  if (const MessageTemplate* t = find_template(plan, id)) return t;
  std::string ids;
  for (const auto& t : plan.communication.templates) ids += (ids.empty() ? "" : ", ") + t.id;
  if (blank(id)) return invalid("template", fmt::format("a template is required (one of {})", ids));
  return invalid("template",
                 fmt::format("\"{}\" is not a message template of the plan (its templates: {})", id,
                             ids.empty() ? "none" : ids));
}

Result<Lang> known_language(const std::string& tag) {
  if (auto lang = parse_lang(tag)) return *lang;
  return invalid("language",
                 fmt::format("\"{}\" is not a language of the plan (zh-CN or en)", tag));
}

// V2: an exercise's text opens with the mark, once, whatever the person did to it.
std::string marked(const IncidentState& s, std::string text, Lang lang) {
  if (!is_exercise(s.report.incident_id)) return text;
  std::string_view mark = exercise_mark().in(lang);
  while (!mark.empty() && mark.back() == ' ') mark.remove_suffix(1);
  if (std::string_view(text).substr(0, mark.size()) == mark) return text;
  return marked_as_exercise(text, lang);
}

Status subject_error(const std::string& subject) {
  if (subject.size() > kMaxExternalSubject) {
    return invalid("subject", fmt::format("the subject is {} bytes long; at most {} are sent",
                                          subject.size(), kMaxExternalSubject));
  }
  for (unsigned char c : subject) {
    if (c < 0x20 || c == 0x7f) {
      return invalid("subject", "the subject is one line: no line breaks or control characters");
    }
  }
  return {};
}

Status body_error(const std::string& body) {
  if (body.size() > kMaxExternalBody) {
    return invalid("body", fmt::format("the text is {} bytes long; at most {} are sent",
                                       body.size(), kMaxExternalBody));
  }
  for (unsigned char c : body) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      return invalid("body", fmt::format("the text holds a control character (U+{:04X})", c));
    }
  }
  return {};
}

Status recipients_error(const std::vector<std::string>& to, bool email) {
  if (email && to.empty()) {
    return invalid("to", "sending by email needs at least one address (or download the message)");
  }
  if (to.size() > kMaxExternalRecipients) {
    return invalid("to", fmt::format("{} addresses; at most {} in one message", to.size(),
                                     kMaxExternalRecipients));
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < to.size(); ++i) {
    std::string field = fmt::format("to[{}]", i);
    if (auto why = email_address_problem(to[i])) {
      return invalid(field, *why).because("field.not_email", {{"value", to[i]}});
    }
    std::string folded = to[i];
    std::transform(folded.begin(), folded.end(), folded.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (!seen.insert(folded).second) {
      return invalid(field, fmt::format("{} is named twice", to[i]))
          .because("field.duplicate", {{"value", to[i]}});
    }
  }
  return {};
}

data sender_values(const Plan& plan, const Contact* sender, Lang lang) {
  data d;
  const Party* party = sender ? plan.find_party(sender->party) : nullptr;
  d.set("name", sender ? sender->name.in(lang) : "");
  d.set("title", sender ? sender->title.in(lang) : "");
  d.set("party", party ? party->name.in(lang) : "");
  d.set("phone", sender ? sender->work_phone : "");
  d.set("mobile", sender ? sender->mobile : "");
  d.set("email", sender ? sender->email : "");
  return d;
}

}  // namespace

std::optional<std::string> email_address_problem(std::string_view a) {
  auto bad = [&](std::string_view why) {
    return fmt::format("\"{}\" is not an email address ({})", a, why);
  };
  if (a.empty()) return "an address is empty";
  if (a.size() > 254) return bad("longer than 254 characters");
  auto at_sign = a.find('@');
  if (at_sign == std::string_view::npos || a.find('@', at_sign + 1) != std::string_view::npos) {
    return bad("expected one @, as in name@example.com");
  }
  std::string_view local = a.substr(0, at_sign), domain = a.substr(at_sign + 1);
  static constexpr std::string_view kLocalSpecials = "!#$%&'*+-/=?^_`{|}~.";
  if (local.empty() || local.size() > 64) return bad("the name before @ is empty or too long");
  for (char c : local) {
    if (!std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      if (kLocalSpecials.find(c) == std::string_view::npos) {
        return bad(fmt::format("\"{}\" cannot stand before @", c));
      }
    }
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return bad("dots before @ separate words");
  }
  if (domain.find('.') == std::string_view::npos) return bad("the domain needs a dot");
  std::size_t start = 0;
  while (start <= domain.size()) {
    std::size_t end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    std::string_view label = domain.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return bad("the domain's parts are 1 to 63 letters, digits or inner hyphens");
    }
    for (char c : label) {
      unsigned char u = static_cast<unsigned char>(c);
      if (u >= 0x80 || (!std::isalnum(u) && c != '-')) {
        return bad(fmt::format("\"{}\" cannot stand in a domain", c));
      }
    }
    start = end + 1;
  }
  return std::nullopt;
}

Status may_send_external(const Plan& plan, const IncidentState& s, const Actor& actor) {
  if (!s.exists()) {
    return Error{ErrorCode::not_found, "the incident has not been reported", {}}.because(
        "incident.not_found");
  }
  if (s.closed_at) {
    return precondition("the incident is closed: its record is final").because("incident.closed");
  }
  if (s.cancelled_at) {
    return precondition("the incident was cancelled: its record is final")
        .because("incident.cancelled");
  }
  return permission_error(plan, Action::send_external, actor, s.report.responsible_party);
}

Result<ExternalDraft> draft_external_message(const Plan& plan, const IncidentState& s,
                                             const Actor& actor, const Contact* sender,
                                             const std::string& template_id,
                                             const std::string& language, Instant now,
                                             const std::string& base_url) {
  if (Status e = may_send_external(plan, s, actor); !e.ok()) return e.error();
  auto t = known_template(plan, template_id);
  if (!t) return t.error();
  auto lang = known_language(language);
  if (!lang) return lang.error();
  data root = plan_values(plan, *lang, base_url);
  root.set("incident", incident_values(plan, s, s.report.incident_id, *lang, base_url));
  root.set("sender", sender_values(plan, sender, *lang));
  data agreement;
  agreement.set("name", plan.agreement.name.in(*lang));
  root.set("agreement", agreement);
  root.set("today", date::format("%F", plan.calendar.local_day(now)));
  return ExternalDraft{marked(s, plain_template((*t)->subject.in(*lang)).render(root), *lang),
                       marked(s, plain_template((*t)->body.in(*lang)).render(root), *lang)};
}

Result<ExternalMessage> external_message(const Plan& plan, const IncidentState& s,
                                         const cmd::SendExternalMessage& c) {
  auto t = known_template(plan, c.template_id);
  if (!t) return t.error();
  auto lang = known_language(c.language);
  if (!lang) return lang.error();
  // Checked as sent: with the exercise mark.
  if (blank(c.subject)) return invalid("subject", "a subject is required");
  std::string subject = marked(s, c.subject, *lang);
  if (Status e = subject_error(subject); !e.ok()) return e.error();
  if (blank(c.body)) return invalid("body", "the message's text is required");
  std::string body = marked(s, c.body, *lang);
  if (Status e = body_error(body); !e.ok()) return e.error();
  if (c.delivery != "email" && c.delivery != "download") {
    return invalid("delivery",
                   fmt::format("\"{}\" is not a delivery (email or download)", c.delivery));
  }
  if (Status e = recipients_error(c.to, c.delivery == "email"); !e.ok()) return e.error();
  return ExternalMessage{
      s.external_messages + 1, (*t)->id, (*t)->audience, to_tag(*lang), std::move(subject),
      std::move(body),         c.to};
}

}  // namespace pactum
