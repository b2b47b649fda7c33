// The readers of the plan file's sections, internal to planfile/plan_reader: read_plan
// (plan_reader.cpp) calls them in the order of the document, and each file of plan_reader/ reads a
// group of sections (parties, response, programme, communication, governance). Each reads its
// section's node into the Plan model; the YamlCursor collects the diagnostics. Nothing outside the
// plan reader includes this header.
#pragma once

#include <map>
#include <vector>

#include "domain/plan.hpp"
#include "planfile/yaml_cursor.hpp"

namespace pactum::planfile {

// plan_reader/parties.cpp
void read_calendar(YamlCursor& r, const Node& n, Calendar& c);
void read_agreement(YamlCursor& r, const Node& n, Agreement& a);
void read_contacts(YamlCursor& r, const Node& n, std::vector<Contact>& out);
void read_roles(YamlCursor& r, const Node& n, std::vector<Role>& out);
void read_channels(YamlCursor& r, const Node& n, Plan& plan);
void read_permissions(YamlCursor& r, const Node& n, std::map<Action, Permission>& out);

// plan_reader/response.cpp
void read_triggers(YamlCursor& r, const Node& n, std::vector<TriggerCategory>& out);
void read_assessment(YamlCursor& r, const Node& n, Assessment& a);
void read_process(YamlCursor& r, const Node& n, ProcessDeadlines& p);
void read_levels(YamlCursor& r, const Node& n, std::vector<Level>& out);
void read_escalation(YamlCursor& r, const Node& n, Escalation& e);
void read_third_parties(YamlCursor& r, const Node& n, std::vector<ThirdParty>& out);

// plan_reader/programme.cpp
void read_fund(YamlCursor& r, const Node& n, FundPolicy& f);
void read_suppliers(YamlCursor& r, const Node& n, SupplierPolicy& s);
void read_backups(YamlCursor& r, const Node& n, BackupPolicy& b);
void read_drills(YamlCursor& r, const Node& n, DrillPolicy& d);
void read_training(YamlCursor& r, const Node& n, TrainingPolicy& t);

// plan_reader/communication.cpp
void read_communication(YamlCursor& r, const Node& n, Communication& c);
void read_notifications(YamlCursor& r, const Node& n, NotificationPolicy& p);

// plan_reader/governance.cpp
void read_governance(YamlCursor& r, const Node& n, Governance& g);

}  // namespace pactum::planfile
