// T5: silences in Alertmanager's v2 shapes (api/v2/openapi.yaml of prometheus/alertmanager), so
// that amtool and Alertmanager's other clients manage Pactum's maintenance windows:
//   - the postable silence (`POST /api/v2/silences`): {id?, matchers: [{name, value, isRegex,
//     isEqual?}], startsAt, endsAt, createdBy, comment};
//   - the gettable silence: the same with id, status {state} and updatedAt.
// As with alert bodies, a problem refuses the whole body naming its field ("matchers[1].isRegex"),
// and fields Pactum does not use are ignored (Alertmanager adds fields between versions).
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "domain/result.hpp"
#include "domain/silence.hpp"

namespace pactum::http {

struct PostableSilence {
  Silence silence;  // without its id
  std::string id;   // the silence it replaces (Alertmanager's update); empty for a new one
};

// Only the shape: what a silence must satisfy is domain's silence_error().
Result<PostableSilence> parse_postable_silence(const std::string& body);

boost::json::object gettable_silence_json(const Silence& s, Instant now);

}  // namespace pactum::http
