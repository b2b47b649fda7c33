#include "planfile/plan_reader.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace pactum::planfile {
namespace {

constexpr const char* kFormat = "pactum-plan/1";

void read_calendar(Reader& r, const Node& n, Calendar& c) {
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
  r.list(r.field(n, "holidays"), [&](const Node& d) {
    if (auto day = r.day(d)) c.holidays.insert(*day);
  }, false);
  r.list(r.field(n, "workdays"), [&](const Node& d) {
    if (auto day = r.day(d)) c.workdays.insert(*day);
  }, false);
}

void read_agreement(Reader& r, const Node& n, Agreement& a) {
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

void read_contacts(Reader& r, const Node& n, std::vector<Contact>& out) {
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
    static constexpr std::initializer_list<const char*> kChannels = {
        "email", "wecom", "dingtalk", "feishu", "slack", "webhook"};
    c.preferred_channel = r.one_of(r.field(item, "preferred_channel"), kChannels, false).value_or("email");
    c.backup_channel = r.one_of(r.field(item, "backup_channel"), kChannels, false).value_or("");
    c.joined = r.day(r.field(item, "joined"), false);
    out.push_back(std::move(c));
  });
}

void read_roles(Reader& r, const Node& n, std::vector<Role>& out) {
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

void read_channels(Reader& r, const Node& n, Plan& plan) {
  if (!r.map(n, {"group", "paper_sheet"}, {"group", "paper_sheet"})) return;
  r.list(r.field(n, "group"), [&](const Node& item) {
    if (!r.map(item, {"id", "kind", "name", "encrypted"}, {"id", "kind", "name"})) return;
    GroupChannel c;
    c.id = r.id(r.field(item, "id"));
    c.kind = r.one_of(r.field(item, "kind"), {"wecom", "dingtalk", "feishu", "slack", "webhook",
                                              "email"}, false).value_or("");
    c.name = r.text(r.field(item, "name"), false);
    c.encrypted = r.boolean(r.field(item, "encrypted"), false).value_or(false);
    plan.group_channels.push_back(std::move(c));
  }, false);
  Node sheet = r.field(n, "paper_sheet");
  if (sheet.present() && r.map(sheet, {"location"}, {"location"})) {
    plan.paper_sheet_location = r.text(r.field(sheet, "location"), false);
  }
}

// 'name="value"', 'name!="value"', 'name=~"regex"', 'name!~"regex"'.
std::optional<Matcher> parse_matcher(const std::string& s) {
  auto op_pos = s.find_first_of("=!");
  if (op_pos == std::string::npos || op_pos == 0) return std::nullopt;
  std::string label = s.substr(0, op_pos);
  bool label_ok = std::all_of(label.begin(), label.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  }) && !std::isdigit(static_cast<unsigned char>(label[0]));
  if (!label_ok) return std::nullopt;
  Matcher m;
  m.label = label;
  std::string rest = s.substr(op_pos);
  std::size_t op_len = 1;
  if (rest.rfind("=~", 0) == 0) {
    m.op = MatchOp::regex;
    op_len = 2;
  } else if (rest.rfind("!~", 0) == 0) {
    m.op = MatchOp::not_regex;
    op_len = 2;
  } else if (rest.rfind("!=", 0) == 0) {
    m.op = MatchOp::not_equal;
    op_len = 2;
  } else if (rest[0] == '=') {
    m.op = MatchOp::equal;
  } else {
    return std::nullopt;
  }
  std::string value = rest.substr(op_len);
  if (value.size() < 2 || value.front() != '"' || value.back() != '"') return std::nullopt;
  m.value = value.substr(1, value.size() - 2);
  return m;
}

void read_triggers(Reader& r, const Node& n, std::vector<TriggerCategory>& out) {
  r.list(n, [&](const Node& item) {
    if (!r.map(item, {"id", "name", "conditions"}, {"id", "name", "conditions"})) return;
    TriggerCategory t;
    t.id = r.id(r.field(item, "id"));
    t.name = r.text(r.field(item, "name"), false);
    r.list(r.field(item, "conditions"), [&](const Node& c) {
      if (!r.map(c, {"id", "name", "alert"}, {"id", "name"})) return;
      TriggerCondition cond;
      cond.id = r.id(r.field(c, "id"));
      cond.name = r.text(r.field(c, "name"), false);
      Node alert = r.field(c, "alert");
      if (alert.present() &&
          r.map(alert, {"match", "for", "level", "group_by", "responsible"}, {"match", "for", "level"})) {
        AlertRule rule;
        r.list(r.field(alert, "match"), [&](const Node& m) {
          auto s = r.str(m);
          if (!s) return;
          if (auto matcher = parse_matcher(*s)) {
            rule.match.push_back(*matcher);
          } else {
            r.error(m.path, "T5",
                    fmt::format("\"{}\" is not a label matcher (expected name=\"value\", "
                                "name!=\"value\", name=~\"regex\" or name!~\"regex\")",
                                s->substr(0, 80)));
          }
        }, false);
        rule.firing_for = r.duration(r.field(alert, "for"), false).value_or(Duration{});
        rule.level = r.str(r.field(alert, "level"), false).value_or("");
        rule.group_by = r.strings(r.field(alert, "group_by"), false);
        rule.responsible = r.str(r.field(alert, "responsible"), false).value_or("");
        cond.alert = std::move(rule);
      }
      t.conditions.push_back(std::move(cond));
    });
    out.push_back(std::move(t));
  });
}

void read_grades(Reader& r, const Node& n, std::vector<Grade>& out) {
  r.list(n, [&](const Node& item) {
    if (!r.map(item, {"id", "name", "description"}, {"id", "name", "description"})) return;
    out.push_back({r.id(r.field(item, "id")), r.text(r.field(item, "name"), false),
                   r.text(r.field(item, "description"), false)});
  }, false);
}

void read_assessment(Reader& r, const Node& n, Assessment& a) {
  if (!r.map(n, {"impact", "urgency", "matrix"}, {"impact", "urgency", "matrix"})) return;
  read_grades(r, r.field(n, "impact"), a.impact);
  read_grades(r, r.field(n, "urgency"), a.urgency);
  Node matrix = r.field(n, "matrix");
  if (!matrix.present()) return;
  r.mark(matrix);
  if (!matrix.yaml.IsMap()) {
    r.error_at(matrix, "expected a mapping impact → {urgency: level}");
    return;
  }
  for (const auto& row : matrix.yaml) {
    std::string impact = row.first.as<std::string>("");
    Node row_node{row.second, matrix.path + "." + impact};
    r.mark(Node{row.first, row_node.path});
    if (!row.second.IsMap()) {
      r.error_at(row_node, "expected a mapping urgency → level");
      continue;
    }
    for (const auto& cell : row.second) {
      std::string urgency = cell.first.as<std::string>("");
      Node cell_node{cell.second, row_node.path + "." + urgency};
      if (auto level = r.str(cell_node)) a.matrix[impact][urgency] = *level;
    }
  }
}

void read_process(Reader& r, const Node& n, ProcessDeadlines& p) {
  if (!r.map(n, {"report", "sync", "assess"}, {"report", "sync", "assess"})) return;
  if (auto d = r.deadline(r.field(n, "report"), false)) p.report = *d;
  if (auto d = r.deadline(r.field(n, "sync"), false)) p.sync = *d;
  if (auto d = r.deadline(r.field(n, "assess"), false)) p.assess = *d;
}

void read_steps(Reader& r, const Node& n, std::vector<Step>& out) {
  r.list(n, [&](const Node& item) {
    if (!r.map(item, {"id", "name", "owner", "due", "evidence", "mandatory", "notice", "rule", "notify"},
               {"id", "name", "owner", "evidence"})) {
      return;
    }
    Step s;
    s.id = r.id(r.field(item, "id"));
    s.name = r.text(r.field(item, "name"), false);
    Node owner = r.field(item, "owner");
    if (owner.present() && r.map(owner, {"role", "party"}, {"role", "party"})) {
      s.owner.role = r.str(r.field(owner, "role"), false).value_or("");
      s.owner.party = r.str(r.field(owner, "party"), false).value_or("");
    }
    s.due = r.deadline(r.field(item, "due"), false);
    Node evidence = r.field(item, "evidence");
    if (evidence.present() && r.map(evidence, {"kind", "count"}, {"kind"})) {
      auto kind = r.one_of(r.field(evidence, "kind"), {"note", "file", "record"}, false);
      if (kind == "file") s.evidence.kind = EvidenceKind::file;
      if (kind == "record") s.evidence.kind = EvidenceKind::record;
      s.evidence.count = static_cast<int>(r.integer(r.field(evidence, "count"), 0, 100, false).value_or(1));
    }
    s.mandatory = r.boolean(r.field(item, "mandatory"), false).value_or(true);
    s.notice = r.duration(r.field(item, "notice"), false);
    s.rule = r.str(r.field(item, "rule"), false).value_or("");
    Node notify = r.field(item, "notify");
    if (notify.present() && r.map(notify, {"kind", "audience"}, {"kind", "audience"})) {
      s.notify_kind = r.one_of(r.field(notify, "kind"), {"report", "sync", "reminder", "breach", "risk_notice"},
                               false).value_or("");
      s.notify_audience = r.one_of(r.field(notify, "audience"),
                                   {"internal", "partner", "regulator", "supplier", "users"}, false)
                              .value_or("");
    }
    out.push_back(std::move(s));
  }, false);
}

void read_levels(Reader& r, const Node& n, std::vector<Level>& out) {
  r.list(n, [&](const Node& item) {
    if (!r.map(item, {"id", "rank", "name", "example", "resolve", "review_submit",
                      "review_approve", "steps", "resources"},
               {"id", "rank", "name", "steps"})) {
      return;
    }
    Level l;
    l.id = r.id(r.field(item, "id"));
    l.rank = static_cast<int>(r.integer(r.field(item, "rank"), 1, 100, false).value_or(0));
    l.name = r.text(r.field(item, "name"), false);
    l.example = r.text(r.field(item, "example"), false);
    l.resolve = r.deadline(r.field(item, "resolve"), false);
    l.review_submit = r.deadline(r.field(item, "review_submit"), false);
    l.review_approve = r.deadline(r.field(item, "review_approve"), false);
    read_steps(r, r.field(item, "steps"), l.steps);
    r.list(r.field(item, "resources"), [&](const Node& res) {
      l.resources.push_back(r.text(res));
    }, false);
    out.push_back(std::move(l));
  });
}

// Each action takes the list of roles (`close: [leader]`: any party's holders), or the long form
// `close: {roles: [leader], parties: own}` that may limit it to the incident's responsible party.
// Either way the roles are read under "<action>.roles", where plan validation looks for them.
void read_permissions(Reader& r, const Node& n, std::map<Action, Permission>& out) {
  if (!r.map(n, {"report", "sync", "assess", "change_level", "resolve", "submit_review",
                 "approve_review", "close", "cancel", "waive_step", "note", "send_external",
                 "record_drill",
                 "record_training", "record_meeting", "complete_item", "waive_duty",
                 "record_fund_movement", "request_disbursement", "pay_disbursement",
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

void read_escalation(Reader& r, const Node& n, Escalation& e) {
  if (!r.map(n, {"remind_at", "waves", "duty_reminders"}, {"remind_at", "waves"})) return;
  if (auto bp = r.percent_basis_points(r.field(n, "remind_at"), false)) {
    e.remind_at_percent = *bp / 100;
  }
  r.list(r.field(n, "waves"), [&](const Node& item) {
    if (!r.map(item, {"after", "notify"}, {"after", "notify"})) return;
    EscalationWave w;
    w.after = r.duration(r.field(item, "after"), false).value_or(Duration{});
    w.notify = r.strings(r.field(item, "notify"), false);
    e.waves.push_back(std::move(w));
  }, false);
  // Programme duties: a lead time per period kind, e.g. {quarter: 7d, day: 12h}.
  Node reminders = r.field(n, "duty_reminders");
  if (r.map(reminders, {"day", "week", "month", "quarter", "half_year", "year"}, {})) {
    for (Period p : {Period::day, Period::week, Period::month, Period::quarter, Period::half_year,
                     Period::year}) {
      if (auto d = r.duration(r.field(reminders, to_string(p)), false)) e.duty_reminders[p] = *d;
    }
  }
}

void read_fund(Reader& r, const Node& n, FundPolicy& f) {
  if (!r.map(n,
             {"reserve", "account", "held_by", "top_up", "reconciliation", "disbursement",
              "safety_rectification"},
             {"reserve", "account", "reconciliation", "disbursement"})) {
    return;
  }
  if (auto bp = r.percent_basis_points(r.field(n, "reserve"), false)) f.reserve_basis_points = *bp;
  f.account = r.text(r.field(n, "account"), false);
  if (auto p = r.str(r.field(n, "held_by"), false)) f.held_by = *p;
  Node top_up = r.field(n, "top_up");
  if (top_up.present() && r.map(top_up, {"within"}, {"within"})) {
    if (auto w = r.duration(r.field(top_up, "within"), false)) f.top_up_within = *w;
  }
  if (auto c = r.cadence(r.field(n, "reconciliation"), false)) f.reconciliation = *c;
  Node d = r.field(n, "disbursement");
  if (d.present() &&
      r.map(d, {"signatures", "review_by", "expires"}, {"signatures", "review_by"})) {
    f.signatures = static_cast<int>(r.integer(r.field(d, "signatures"), 0, 100, false).value_or(0));
    f.review_by = r.str(r.field(d, "review_by"), false).value_or("");
    if (auto e = r.duration(r.field(d, "expires"), false)) f.request_expiry = *e;
  }
  Node s = r.field(n, "safety_rectification");
  if (s.present() && r.map(s, {"min", "max"}, {"min", "max"})) {
    f.safety_min = r.money(r.field(s, "min"), false);
    f.safety_max = r.money(r.field(s, "max"), false);
  }
}

void read_suppliers(Reader& r, const Node& n, SupplierPolicy& s) {
  if (!r.map(n, {"required", "integration_tests", "quotes_per_major_incident", "list"},
             {"required", "integration_tests", "quotes_per_major_incident", "list"})) {
    return;
  }
  s.required = static_cast<int>(r.integer(r.field(n, "required"), 0, 1000, false).value_or(0));
  if (auto c = r.cadence(r.field(n, "integration_tests"), false)) s.integration_tests = *c;
  s.quotes_per_major_incident =
      static_cast<int>(r.integer(r.field(n, "quotes_per_major_incident"), 0, 100, false).value_or(0));
  r.list(r.field(n, "list"), [&](const Node& item) {
    if (!r.map(item, {"id", "name", "contact", "scope", "price"},
               {"id", "name", "contact", "scope", "price"})) {
      return;
    }
    Supplier supplier;
    supplier.id = r.id(r.field(item, "id"));
    supplier.name = r.text(r.field(item, "name"), false);
    Node contact = r.field(item, "contact");
    if (r.map(contact, {"name", "phone", "email"}, {"name", "phone", "email"})) {
      supplier.contact_name = r.text(r.field(contact, "name"), false);
      supplier.phone = r.str(r.field(contact, "phone"), false).value_or("");
      supplier.email = r.str(r.field(contact, "email"), false).value_or("");
    }
    supplier.scope = r.text(r.field(item, "scope"), false);
    supplier.price = r.text(r.field(item, "price"), false);
    s.list.push_back(std::move(supplier));
  }, false);
}

void read_backups(Reader& r, const Node& n, BackupPolicy& b) {
  if (!r.map(n, {"schedule", "restore_test", "locations"},
             {"schedule", "restore_test", "locations"})) {
    return;
  }
  if (auto c = r.cadence(r.field(n, "schedule"), false)) b.schedule = *c;
  if (auto c = r.cadence(r.field(n, "restore_test"), false)) b.restore_test = *c;
  r.list(r.field(n, "locations"), [&](const Node& item) {
    if (!r.map(item, {"id", "kind", "name", "isolated"}, {"id", "kind", "name", "isolated"})) return;
    b.locations.push_back({r.id(r.field(item, "id")),
                           r.one_of(r.field(item, "kind"), {"local", "cloud"}, false).value_or(""),
                           r.text(r.field(item, "name"), false),
                           r.boolean(r.field(item, "isolated"), false).value_or(false)});
  }, false);
}

void read_named_items(Reader& r, const Node& n, std::vector<NamedItem>& out) {
  r.list(n, [&](const Node& item) {
    if (!r.map(item, {"id", "name"}, {"id", "name"})) return;
    out.push_back({r.id(r.field(item, "id")), r.text(r.field(item, "name"), false)});
  }, false);
}

void read_drills(Reader& r, const Node& n, DrillPolicy& d) {
  if (!r.map(n, {"cadence", "kinds", "scenarios"}, {"cadence", "kinds", "scenarios"})) return;
  if (auto c = r.cadence(r.field(n, "cadence"), false)) d.cadence = *c;
  r.list(r.field(n, "kinds"), [&](const Node& k) {
    if (auto kind = r.one_of(k, {"tabletop", "live"})) d.kinds.push_back(*kind);
  }, false);
  read_named_items(r, r.field(n, "scenarios"), d.scenarios);
}

void read_training(Reader& r, const Node& n, TrainingPolicy& t) {
  if (!r.map(n, {"content", "on_joining", "refresher", "core_roles", "pass_rate", "valid_for",
                 "remedial"},
             {"content", "on_joining", "refresher", "core_roles", "pass_rate", "valid_for"})) {
    return;
  }
  r.list(r.field(n, "content"), [&](const Node& c) { t.content.push_back(r.text(c)); }, false);
  // E2: `on_joining: true|false`, or `{within: 30d}` for the window after joining.
  Node joining = r.field(n, "on_joining");
  if (joining.present() && joining.yaml.IsMap()) {
    t.on_joining = true;
    if (r.map(joining, {"within"}, {"within"})) {
      if (auto d = r.duration(r.field(joining, "within"), false)) t.onboarding_within = *d;
    }
  } else {
    t.on_joining = r.boolean(joining, false).value_or(true);
  }
  Node remedial = r.field(n, "remedial");  // E4, optional: `{within: 30d}`
  if (remedial.present() && r.map(remedial, {"within"}, {"within"})) {
    if (auto d = r.duration(r.field(remedial, "within"), false)) t.remedial_within = *d;
  }
  if (auto c = r.cadence(r.field(n, "refresher"), false)) t.refresher = *c;
  t.core_roles = r.strings(r.field(n, "core_roles"), false);
  if (auto bp = r.percent_basis_points(r.field(n, "pass_rate"), false)) {
    t.pass_rate_percent = *bp / 100;
  }
  if (auto d = r.duration(r.field(n, "valid_for"), false)) t.valid_for = *d;
}

void read_communication(Reader& r, const Node& n, Communication& c) {
  if (!r.map(n, {"meetings", "templates"}, {"meetings", "templates"})) return;
  r.list(r.field(n, "meetings"), [&](const Node& item) {
    if (!r.map(item, {"id", "name", "frequency", "participants", "cadence", "while_incident_at"},
               {"id", "name", "frequency", "participants"})) {
      return;
    }
    c.meetings.push_back({r.id(r.field(item, "id")), r.text(r.field(item, "name"), false),
                          r.text(r.field(item, "frequency"), false),
                          r.strings(r.field(item, "participants"), false),
                          r.cadence(r.field(item, "cadence"), false),
                          r.strings(r.field(item, "while_incident_at"), false)});
  }, false);
  r.list(r.field(n, "templates"), [&](const Node& item) {
    // M1: subject and body are required: a template is what the communications lead drafts from.
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
  }, false);
}

void read_third_parties(Reader& r, const Node& n, std::vector<ThirdParty>& out) {
  r.list(
      n,
      [&](const Node& item) {
        if (!r.map(item,
                   {"id", "rule", "name", "condition", "after", "within", "conditions",
                    "engaged_by"},
                   {"id", "rule", "name", "condition"})) {
          return;
        }
        ThirdParty x{r.id(r.field(item, "id")),
                     r.str(r.field(item, "rule"), false).value_or(""),
                     r.text(r.field(item, "name"), false),
                     r.text(r.field(item, "condition"), false),
                     r.duration(r.field(item, "after"), false),
                     {},
                     std::nullopt};
        // X1, X3: the trigger conditions it steps in for, and who engages it.
        x.conditions = r.strings(r.field(item, "conditions"), false);
        if (auto w = r.duration(r.field(item, "within"), false)) x.within = *w;
        Node owner = r.field(item, "engaged_by");
        if (owner.present() && r.map(owner, {"role", "party"}, {"role"})) {
          x.engaged_by = Owner{r.str(r.field(owner, "role"), false).value_or(""),
                               r.str(r.field(owner, "party"), false).value_or("responsible")};
        }
        out.push_back(std::move(x));
      },
      false);
}

// governance.signers: party id → the role ids whose holders and deputies sign for it (G1).
void read_signers(Reader& r, const Node& n, std::map<std::string, std::vector<std::string>>& out) {
  if (!n.present()) return;  // reported as missing by map()
  r.mark(n);
  if (!n.yaml.IsMap()) {
    r.error_at(n, "expected a mapping party → [roles], e.g. {A: [leader], B: [leader]}");
    return;
  }
  for (const auto& kv : n.yaml) {
    std::string party = kv.first.as<std::string>("");
    Node roles{kv.second, n.path + "." + party};
    r.mark(roles);
    out[party] = r.strings(roles);
  }
}

void read_governance(Reader& r, const Node& n, Governance& g) {
  if (!r.map(n, {"signatures", "signers", "annual_review", "major_changes", "archive_to"},
             {"signatures", "annual_review", "archive_to"})) {
    return;
  }
  g.signatures = r.strings(r.field(n, "signatures"), false);
  read_signers(r, r.field(n, "signers"), g.signers);
  if (auto c = r.cadence(r.field(n, "annual_review"), false)) g.annual_review = *c;
  g.major_changes = r.strings(r.field(n, "major_changes"), false);
  g.archive_to = r.text(r.field(n, "archive_to"), false);
}

void read_notifications(Reader& r, const Node& n, NotificationPolicy& p) {
  if (!r.map(n, {"ack_valid_for", "max_attempts", "templates"}, {"templates"})) return;
  if (auto d = r.duration(r.field(n, "ack_valid_for"), false)) p.ack_valid_for = *d;
  p.max_attempts = static_cast<int>(r.integer(r.field(n, "max_attempts"), 1, 100, false).value_or(8));
  r.list(r.field(n, "templates"), [&](const Node& item) {
    if (!r.map(item, {"kind", "audience", "subject", "body"}, {"kind", "audience", "subject", "body"})) return;
    NotificationTemplate t;
    t.kind = r.one_of(r.field(item, "kind"), {"report", "sync", "reminder", "breach", "risk_notice", "change", "proposal", "signer_key", "duty_reminder", "duty_breach", "archived"}, false)
                 .value_or("");
    t.audience = r.one_of(r.field(item, "audience"),
                          {"internal", "partner", "regulator", "supplier", "users"}, false)
                     .value_or("");
    t.subject = r.text(r.field(item, "subject"), false);
    t.body = r.text(r.field(item, "body"), false);
    p.templates.push_back(std::move(t));
  });
}

}  // namespace

std::optional<Plan> read_plan(Reader& r, const Node& root) {
  static const std::initializer_list<const char*> kSections = {
      "format", "id", "version", "title", "agreement", "calendar", "parties", "contacts",
      "roles", "channels", "triggers", "assessment", "process", "levels", "permissions",
      "escalation", "fund", "suppliers", "backups", "drills", "training", "communication",
      "third_parties", "governance", "notifications"};
  if (!r.map(root, kSections, kSections)) return std::nullopt;
  Plan plan;
  Node format = r.field(root, "format");
  if (auto f = r.str(format, false); f && *f != kFormat) {
    r.error_at(format, fmt::format("unsupported plan format \"{}\" (this version reads {})", *f,
                                   kFormat));
  }
  plan.id = r.id(r.field(root, "id"));
  plan.version = r.integer(r.field(root, "version"), 1, 1'000'000, false).value_or(1);
  plan.title = r.text(r.field(root, "title"), false);
  read_agreement(r, r.field(root, "agreement"), plan.agreement);
  read_calendar(r, r.field(root, "calendar"), plan.calendar);
  r.list(r.field(root, "parties"), [&](const Node& item) {
    if (!r.map(item, {"id", "name", "group_channel"}, {"id", "name"})) return;
    plan.parties.push_back({r.id(r.field(item, "id")), r.text(r.field(item, "name"), false),
                            r.str(r.field(item, "group_channel"), false).value_or("")});
  }, false);
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
