#include "domain/time.hpp"

#include <date/date.h>

#include <cstdio>
#include <sstream>

namespace pactum {

std::string format_instant(Instant t) {
  // By hand rather than date::format (a stream per call): the audit chain formats one per event.
  auto day = date::floor<date::days>(t);
  date::year_month_day ymd{day};
  date::hh_mm_ss<std::chrono::milliseconds> hms{t - day};
  char buf[32];
  int year = static_cast<int>(ymd.year());
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", year,
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return buf;
}

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
