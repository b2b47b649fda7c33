#include "domain/time.hpp"

#include <date/date.h>

#include <sstream>

namespace pactum {

std::string format_instant(Instant t) { return date::format("%FT%TZ", t); }

std::optional<Instant> parse_instant(std::string_view text) {
  if (text.size() < 20 || text.size() > 40) return std::nullopt;
  // date::parse with %Ez accepts "+08:00"; a trailing "Z" is handled by mapping it to "+00:00".
  std::string s(text);
  if (s.back() == 'Z' || s.back() == 'z') {
    s.pop_back();
    s += "+00:00";
  }
  // Require the 'T' separator and a full date.
  if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't')) return std::nullopt;
  s[10] = 'T';
  std::istringstream in(s);
  date::sys_time<std::chrono::milliseconds> tp;
  in >> date::parse("%FT%T%Ez", tp);
  if (in.fail()) return std::nullopt;
  if (in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  return tp;
}

}  // namespace pactum
