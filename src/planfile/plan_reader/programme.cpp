// The plan file, the standing programme: the fund, suppliers, backups, drills and training.
#include <fmt/format.h>

#include "planfile/plan_reader/sections.hpp"

namespace pactum::planfile {
namespace {

void read_named_items(YamlCursor& r, const Node& n, std::vector<NamedItem>& out) {
  r.list(
      n,
      [&](const Node& item) {
        if (!r.map(item, {"id", "name"}, {"id", "name"})) return;
        out.push_back({r.id(r.field(item, "id")), r.text(r.field(item, "name"), false)});
      },
      false);
}

}  // namespace

void read_fund(YamlCursor& r, const Node& n, FundPolicy& f) {
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

void read_suppliers(YamlCursor& r, const Node& n, SupplierPolicy& s) {
  if (!r.map(n, {"required", "integration_tests", "quotes_per_major_incident", "list"},
             {"required", "integration_tests", "quotes_per_major_incident", "list"})) {
    return;
  }
  s.required = static_cast<int>(r.integer(r.field(n, "required"), 0, 1000, false).value_or(0));
  if (auto c = r.cadence(r.field(n, "integration_tests"), false)) s.integration_tests = *c;
  s.quotes_per_major_incident = static_cast<int>(
      r.integer(r.field(n, "quotes_per_major_incident"), 0, 100, false).value_or(0));
  r.list(
      r.field(n, "list"),
      [&](const Node& item) {
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
      },
      false);
}

void read_backups(YamlCursor& r, const Node& n, BackupPolicy& b) {
  if (!r.map(n, {"schedule", "restore_test", "locations"},
             {"schedule", "restore_test", "locations"})) {
    return;
  }
  if (auto c = r.cadence(r.field(n, "schedule"), false)) b.schedule = *c;
  if (auto c = r.cadence(r.field(n, "restore_test"), false)) b.restore_test = *c;
  r.list(
      r.field(n, "locations"),
      [&](const Node& item) {
        if (!r.map(item, {"id", "kind", "name", "isolated"}, {"id", "kind", "name", "isolated"}))
          return;
        b.locations.push_back(
            {r.id(r.field(item, "id")),
             r.one_of(r.field(item, "kind"), {"local", "cloud"}, false).value_or(""),
             r.text(r.field(item, "name"), false),
             r.boolean(r.field(item, "isolated"), false).value_or(false)});
      },
      false);
}

void read_drills(YamlCursor& r, const Node& n, DrillPolicy& d) {
  if (!r.map(n, {"cadence", "kinds", "scenarios"}, {"cadence", "kinds", "scenarios"})) return;
  if (auto c = r.cadence(r.field(n, "cadence"), false)) d.cadence = *c;
  r.list(
      r.field(n, "kinds"),
      [&](const Node& k) {
        if (auto kind = r.one_of(k, {"tabletop", "live"})) d.kinds.push_back(*kind);
      },
      false);
  read_named_items(r, r.field(n, "scenarios"), d.scenarios);
}

void read_training(YamlCursor& r, const Node& n, TrainingPolicy& t) {
  if (!r.map(n,
             {"content", "on_joining", "refresher", "core_roles", "pass_rate", "valid_for",
              "remedial"},
             {"content", "on_joining", "refresher", "core_roles", "pass_rate", "valid_for"})) {
    return;
  }
  r.list(
      r.field(n, "content"), [&](const Node& c) { t.content.push_back(r.text(c)); }, false);
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

}  // namespace pactum::planfile
