#include "domain/programme/supplier_tests.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "domain/evidence_rules.hpp"
#include "domain/json_member.hpp"
#include "domain/programme/record_json.hpp"

namespace pactum {
namespace json = boost::json;
namespace {

json::object text_json(const Text& t) { return json::object{{"zh", t.zh}, {"en", t.en}}; }

}  // namespace

const char* to_string(TestResult r) { return r == TestResult::failed ? "failed" : "passed"; }

std::optional<TestResult> parse_test_result(std::string_view name) {
  if (name == "passed") return TestResult::passed;
  if (name == "failed") return TestResult::failed;
  return std::nullopt;
}

json::object supplier_register_json(const Plan& plan) {
  const auto& s = plan.suppliers;
  json::array list;
  for (const auto& x : s.list) {
    list.push_back(json::object{
        {"id", x.id},
        {"name", text_json(x.name)},
        {"contact",
         json::object{{"name", text_json(x.contact_name)}, {"phone", x.phone}, {"email", x.email}}},
        {"scope", text_json(x.scope)},
        {"price", text_json(x.price)}});
  }
  int listed = static_cast<int>(s.list.size());
  json::value warning = nullptr;
  if (listed < s.required) {
    warning = text_json(
        {fmt::format("备用供应商名录仅有{}家，预案要求{}家", listed, s.required),
         fmt::format("{} backup suppliers listed; the plan requires {}", listed, s.required)});
  }
  return json::object{{"required", s.required},
                      {"listed", listed},
                      {"warning", std::move(warning)},
                      {"suppliers", std::move(list)}};
}

Status supplier_test_permitted(const Plan& plan, const Actor& actor) {
  if (actor.is_system()) return denied("a machine cannot record a supplier integration test");
  const auto& owner = plan.suppliers.integration_tests.owner;
  if (!owner || owner->role.empty() || owner->role == kAnyRole || actor.has_role(owner->role)) {
    return {};
  }
  return denied(
      fmt::format("supplier integration tests (S2) are recorded by the {} who owns "
                  "the duty (suppliers.integration_tests.owner)",
                  owner->role));
}

Status supplier_test_error(const Plan& plan, const SupplierTest& t, Instant now) {
  const auto& list = plan.suppliers.list;
  if (std::none_of(list.begin(), list.end(),
                   [&](const Supplier& s) { return s.id == t.supplier; })) {
    std::string ids;
    for (const auto& s : list) ids += (ids.empty() ? "" : ", ") + s.id;
    return invalid("supplier", fmt::format("\"{}\" is not a supplier of the plan's register "
                                           "(suppliers.list: {})",
                                           t.supplier, ids.empty() ? "none" : ids));
  }
  date::local_days today = plan.calendar.local_day(now);
  if (t.on > today) {
    return invalid(
        "date", fmt::format("{} is in the future: record a test that was held", format_day(t.on)));
  }
  if (t.scope.empty()) return invalid("scope", "say what was tested");
  return evidence_error(t.evidence, {EvidenceKind::note, 1});
}

json::object supplier_test_to_json(const SupplierTest& t) {
  json::array evidence;
  for (const auto& e : t.evidence) evidence.push_back(evidence_to_json(e));
  return json::object{
      {"id", t.id},       {"supplier", t.supplier},        {"date", format_day(t.on)},
      {"scope", t.scope}, {"result", to_string(t.result)}, {"evidence", std::move(evidence)}};
}

std::optional<SupplierTest> supplier_test_from_json(const json::object& o) {
  SupplierTest t;
  t.id = string_member(o, "id");
  t.supplier = string_member(o, "supplier");
  auto day = parse_day(string_member(o, "date"));
  auto result = parse_test_result(string_member(o, "result"));
  if (t.id.empty() || !day || !result) return std::nullopt;
  t.on = *day;
  t.result = *result;
  t.scope = string_member(o, "scope");
  if (const auto* v = o.if_contains("evidence"); v && v->is_array()) {
    for (const auto& x : v->as_array()) {
      auto e = x.is_object() ? evidence_from_json(x.as_object()) : std::nullopt;
      if (!e) return std::nullopt;
      t.evidence.push_back(std::move(*e));
    }
  }
  return t;
}

}  // namespace pactum
