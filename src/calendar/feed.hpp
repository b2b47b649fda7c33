// The calendar feed (issue 15, §5): RFC 5545 text that Outlook, DingTalk or Google Calendar can
// subscribe to, generated with libical. Each item (an open programme duty, later an incident
// obligation) is an event ending at its due instant, written in the plan's time zone
// (`DTSTART;TZID=Asia/Shanghai:…`, with that zone's VTIMEZONE), with a VALARM at the plan's
// reminder point (escalation.remind_at of the item's window) and one at the due instant.
// Pure apart from libical: `now` (DTSTAMP) is given.
#pragma once

#include <string>
#include <vector>

#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "domain/programme/duties.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"

namespace pactum::calendar {

struct FeedItem {
  std::string uid;  // stable across feeds, so a calendar updates an event instead of adding one
  std::string summary;
  std::string description;
  Instant starts;  // when the window opened (the reminder point is measured from it)
  Instant due;
};

// An open duty as a feed item, in `lang`: "V2 2026-Q4 应急演练", uid "V2.2026-Q4.<subject>@<plan>".
FeedItem duty_item(const Plan& plan, const Duty& duty, Lang lang);

// The open duties a person answers for: those about them (their own E2–E4 training) and those
// whose owner role they hold in the owner party (or any party).
std::vector<FeedItem> items_for(const Plan& plan, const std::vector<Duty>& duties,
                                const Actor& person, const std::string& contact, Lang lang);

// The VCALENDAR text (CRLF line endings, folded as RFC 5545 asks).
std::string calendar_text(const Plan& plan, const std::vector<FeedItem>& items, Instant now);

}  // namespace pactum::calendar
