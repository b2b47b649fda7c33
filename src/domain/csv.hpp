// CSV (RFC 4180) for regulators and spreadsheets: CRLF line ends, fields quoted when they hold a
// comma, a quote or a line break. A file starts with a UTF-8 byte-order mark so that spreadsheet
// programs (Excel) read Chinese as UTF-8; a field that starts with = + - @ gets a leading
// apostrophe, so a spreadsheet shows text a person wrote rather than evaluating it as a formula.
#pragma once

#include <string>
#include <string_view>

namespace pactum {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Appends `value` as one field, after a comma unless it is the row's first.
void csv_field(std::string& out, std::string_view value, bool first = false);

}  // namespace pactum
