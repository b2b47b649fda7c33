// The calendar feed: RFC 5545 text that Outlook, DingTalk or Google Calendar can
// subscribe to, generated with libical. Each item (an open programme duty or incident obligation)
// is an event ending at its due instant, written in the plan's time zone
// (`DTSTART;TZID=Asia/Shanghai:…`, with that zone's VTIMEZONE), with a VALARM at the plan's
// reminder point (the one the reminder message goes out at: a duty's remind_at, an obligation's
// escalation.remind_at of its window) and one at the due instant.
// Pure apart from libical: `now` (DTSTAMP) is given.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/incident.hpp"
#include "domain/obligations.hpp"
#include "domain/plan.hpp"
#include "domain/programme/duties.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"

namespace pactum::calendar {

struct FeedItem {
  std::string uid;  // stable across feeds, so a calendar updates an event instead of adding one
  std::string summary;
  std::string description;
  std::optional<Instant> remind_at;  // the plan's reminder point, if before `due`
  Instant due;
};

// An open duty as a feed item, in `lang`: "V2 2026-Q4 应急演练", uid "V2.2026-Q4.<subject>@<plan>".
FeedItem duty_item(const Plan& plan, const Duty& duty, Lang lang);

// The open duties a person answers for: those about them (their own E2–E4 training) and those
// whose owner role they hold in the owner party (or any party).
std::vector<FeedItem> items_for(const Plan& plan, const std::vector<Duty>& duties,
                                const Actor& person, const std::string& contact, Lang lang);

// An open obligation of incident `incident` as a feed item, in `lang`:
// "P1 INC-2026-0001 上报", uid "INC-2026-0001.report@<plan>".
FeedItem obligation_item(const Plan& plan, const std::string& incident, const Obligation& o,
                         Lang lang);

// The open obligations with a due instant that a person owns in the incidents not yet finished:
// those whose owner role they hold ("any": every member) in the owner party (or any party).
std::vector<FeedItem> obligation_items_for(
    const Plan& plan, const std::vector<std::pair<std::string, IncidentState>>& incidents,
    const Actor& person, Instant now, Lang lang);

// The VCALENDAR text (CRLF line endings, folded as RFC 5545 asks).
std::string calendar_text(const Plan& plan, const std::vector<FeedItem>& items, Instant now);

}  // namespace pactum::calendar
