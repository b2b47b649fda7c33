// T5: the query parameters of Alertmanager's v2 listings, as amtool sends them:
//   GET
//   /api/v2/alerts?active=true&silenced=false&inhibited=false&unprocessed=false&filter=…&receiver=…
//   GET /api/v2/silences?filter=…
// `filter` may repeat; each is a matcher as amtool writes one (alertname=Foo, service=~"api|db").
// A parameter that cannot be read is refused naming it, as Alertmanager answers 400.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/alert_rules.hpp"
#include "domain/result.hpp"

namespace pactum::http {

using QueryList = std::vector<std::pair<std::string, std::string>>;

struct AlertQuery {
  bool active = true;       // show alerts no silence mutes
  bool silenced = true;     // show muted alerts
  bool inhibited = true;    // (Pactum inhibits nothing)
  bool unprocessed = true;  // (Pactum has processed every alert it answered for)
  std::vector<Matcher> filters;
  std::optional<Matcher>
      receiver;  // a regex (anchored) over the receivers' names, as label "receiver"
};

Result<AlertQuery> parse_alert_query(const QueryList& query);
Result<std::vector<Matcher>> parse_filters(const QueryList& query);

// Whether a label set passes every filter: an alert's labels, or a silence's matchers taken as
// names and values (as Alertmanager filters silences).
bool passes(const std::vector<Matcher>& filters, const Labels& labels);

}  // namespace pactum::http
