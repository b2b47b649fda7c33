// The plan file, the incident response: triggers and their alert rules, assessment, process
// deadlines, levels and their steps, escalation, and the third parties engaged.
#include <fmt/format.h>

#include <algorithm>

#include "planfile/plan_reader/sections.hpp"

namespace pactum::planfile {
namespace {

// 'name="value"', 'name!="value"', 'name=~"regex"', 'name!~"regex"'.
std::optional<Matcher> parse_matcher(const std::string& s) {
  auto op_pos = s.find_first_of("=!");
  if (op_pos == std::string::npos || op_pos == 0) return std::nullopt;
  std::string label = s.substr(0, op_pos);
  bool label_ok =
      std::all_of(label.begin(), label.end(),
                  [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }) &&
      !std::isdigit(static_cast<unsigned char>(label[0]));
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

void read_grades(YamlCursor& r, const Node& n, std::vector<Grade>& out) {
  r.list(
      n,
      [&](const Node& item) {
        if (!r.map(item, {"id", "name", "description"}, {"id", "name", "description"})) return;
        out.push_back({r.id(r.field(item, "id")), r.text(r.field(item, "name"), false),
                       r.text(r.field(item, "description"), false)});
      },
      false);
}

void read_steps(YamlCursor& r, const Node& n, std::vector<Step>& out) {
  r.list(
      n,
      [&](const Node& item) {
        if (!r.map(
                item,
                {"id", "name", "owner", "due", "evidence", "mandatory", "notice", "rule", "notify"},
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
          s.evidence.count =
              static_cast<int>(r.integer(r.field(evidence, "count"), 0, 100, false).value_or(1));
        }
        s.mandatory = r.boolean(r.field(item, "mandatory"), false).value_or(true);
        s.notice = r.duration(r.field(item, "notice"), false);
        s.rule = r.str(r.field(item, "rule"), false).value_or("");
        Node notify = r.field(item, "notify");
        if (notify.present() && r.map(notify, {"kind", "audience"}, {"kind", "audience"})) {
          s.notify_kind = r.one_of(r.field(notify, "kind"),
                                   {"report", "sync", "reminder", "breach", "risk_notice"}, false)
                              .value_or("");
          s.notify_audience =
              r.one_of(r.field(notify, "audience"),
                       {"internal", "partner", "regulator", "supplier", "users"}, false)
                  .value_or("");
        }
        out.push_back(std::move(s));
      },
      false);
}

}  // namespace

void read_triggers(YamlCursor& r, const Node& n, std::vector<TriggerCategory>& out) {
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
      if (alert.present() && r.map(alert, {"match", "for", "level", "group_by", "responsible"},
                                   {"match", "for", "level"})) {
        AlertRule rule;
        r.list(
            r.field(alert, "match"),
            [&](const Node& m) {
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
            },
            false);
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

void read_assessment(YamlCursor& r, const Node& n, Assessment& a) {
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

void read_process(YamlCursor& r, const Node& n, ProcessDeadlines& p) {
  if (!r.map(n, {"report", "sync", "assess"}, {"report", "sync", "assess"})) return;
  if (auto d = r.deadline(r.field(n, "report"), false)) p.report = *d;
  if (auto d = r.deadline(r.field(n, "sync"), false)) p.sync = *d;
  if (auto d = r.deadline(r.field(n, "assess"), false)) p.assess = *d;
}

void read_levels(YamlCursor& r, const Node& n, std::vector<Level>& out) {
  r.list(n, [&](const Node& item) {
    if (!r.map(item,
               {"id", "rank", "name", "example", "resolve", "review_submit", "review_approve",
                "steps", "resources"},
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
    r.list(
        r.field(item, "resources"), [&](const Node& res) { l.resources.push_back(r.text(res)); },
        false);
    out.push_back(std::move(l));
  });
}

void read_escalation(YamlCursor& r, const Node& n, Escalation& e) {
  if (!r.map(n, {"remind_at", "waves", "duty_reminders"}, {"remind_at", "waves"})) return;
  if (auto bp = r.percent_basis_points(r.field(n, "remind_at"), false)) {
    e.remind_at_percent = *bp / 100;
  }
  r.list(
      r.field(n, "waves"),
      [&](const Node& item) {
        if (!r.map(item, {"after", "notify"}, {"after", "notify"})) return;
        EscalationWave w;
        w.after = r.duration(r.field(item, "after"), false).value_or(Duration{});
        w.notify = r.strings(r.field(item, "notify"), false);
        e.waves.push_back(std::move(w));
      },
      false);
  // Programme duties: a lead time per period kind, e.g. {quarter: 7d, day: 12h}.
  Node reminders = r.field(n, "duty_reminders");
  if (r.map(reminders, {"day", "week", "month", "quarter", "half_year", "year"}, {})) {
    for (Period p : {Period::day, Period::week, Period::month, Period::quarter, Period::half_year,
                     Period::year}) {
      if (auto d = r.duration(r.field(reminders, to_string(p)), false)) e.duty_reminders[p] = *d;
    }
  }
}

void read_third_parties(YamlCursor& r, const Node& n, std::vector<ThirdParty>& out) {
  r.list(
      n,
      [&](const Node& item) {
        if (!r.map(
                item,
                {"id", "rule", "name", "condition", "after", "within", "conditions", "engaged_by"},
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

}  // namespace pactum::planfile
