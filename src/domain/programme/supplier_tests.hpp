// Backup suppliers (S1, S2): the plan's register as the API shows it, with S1's warning when it
// lists fewer suppliers than the plan requires, and what makes an S2 integration test record
// acceptable and how it reads and writes as JSON (the payload of `supplier_test.recorded` on the
// log's "programme" stream). What the tests mean for the S2 duty is domain/programme/duties.hpp.
// Pure: `now` is given.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "domain/plan.hpp"
#include "domain/programme/records.hpp"
#include "domain/result.hpp"

namespace pactum {

// S1: {required, listed, warning (null, or {zh, en} when fewer are listed than required),
// suppliers: [{id, name, contact: {name, phone, email}, scope, price}]}.
boost::json::object supplier_register_json(const Plan& plan);

// S2: who may record a test: the holder of the role that owns the plan's
// suppliers.integration_tests duty (its owner.role; any member if it names none), never a
// machine. permission_denied otherwise.
Status supplier_test_permitted(const Plan& plan, const Actor& actor);

// S2: the supplier is one of the register's (unknown: invalid_argument naming "supplier"); the
// day is not after today in the plan's time zone; scope says what was tested; at least one
// evidence item (evidence_rules.hpp).
Status supplier_test_error(const Plan& plan, const SupplierTest& t, Instant now);

std::optional<TestResult> parse_test_result(std::string_view name);
boost::json::object supplier_test_to_json(const SupplierTest& t);
std::optional<SupplierTest> supplier_test_from_json(const boost::json::object& o);

}  // namespace pactum
