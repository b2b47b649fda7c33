// Canonical JSON (RFC 8785, JSON Canonicalization Scheme): one byte sequence for one JSON value,
// whoever serialises it. Both parties hash these bytes, so the same record always has the same
// hash: object members sorted by their UTF-16 code units, no insignificant whitespace, strings
// with the minimal escapes, numbers in ECMAScript's shortest form.
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace pactum {

// Throws std::invalid_argument for a value JCS cannot represent (NaN or infinity).
std::string canonical_json(const boost::json::value& value);

// Appends `s` (valid UTF-8) as a canonical JSON string literal, quotes included.
void append_canonical_string(std::string& out, std::string_view s);

}  // namespace pactum
