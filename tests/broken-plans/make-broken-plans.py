#!/usr/bin/env python3
# Writes each broken plan as tests/plans/minimal.yaml with one thing wrong. Run from tests/ after
# changing minimal.yaml; then check each NAME.expected by hand (it is what `pactum plan check`
# must print, without the file name) - never regenerate an .expected without reading it.
import re, subprocess, pathlib
base = pathlib.Path('plans/minimal.yaml').read_text()
body = base.split('\n', 2)[2]  # drop the two comment lines
out = pathlib.Path('broken-plans'); out.mkdir(exist_ok=True)
def sub(old, new, count=1):
    assert old in body, old
    return body.replace(old, new, count)
variants = {
 'c1-party-without-emergency-contact': ('Party B has no emergency contact (C1)', sub("    name: {zh: 乙一, en: B One}\n    emergency_contact: true\n", "    name: {zh: 乙一, en: B One}\n")),
 'c1-contact-without-email': ('A contact lacks one of its four contact fields (C1)', sub("    email: a2@a.example.com\n", "")),
 'c3-permission-unknown-parties': ("A permission limited to parties that are neither any nor own (C3)", sub("  change_level: [leader]\n", "  change_level: {roles: [leader, boss], parties: both}\n")),
 'c3-deputy-of-other-party': ("A role's deputy belongs to the other party (C3)", sub("{party: A, holder: a1, deputy: a2}", "{party: A, holder: a1, deputy: b2}")),
 'l4-step-owner-undefined-role': ('A step is owned by a role that does not exist (L4)', sub("owner: {role: tech_lead, party: responsible}", "owner: {role: cto, party: responsible}")),
 'p3-deadline-not-a-duration': ('A deadline that is not a duration (P3)', sub("assess: {within: 4h, from: reported}", "assess: {within: 4 hours, from: reported}")),
 'p4-matrix-undefined-level': ('A matrix cell names an undefined level (P4)', sub("minor: {normal: L1}", "minor: {normal: L5}")),
 'unknown-key-did-you-mean': ('A misspelt key gets a "did you mean"', sub("    emergency_contact: true\n", "    emergency_contcat: true\n")),
 'wrong-type': ('A number where a word was written', sub("    rank: 1\n", "    rank: high\n")),
 'missing-section': ('A whole section is missing', re.sub(r"process:\n(  .*\n){3}", "", body)),
 'unknown-time-zone': ('A time zone that does not exist', sub("time_zone: Asia/Shanghai", "time_zone: Asia/Shangai")),
 'duplicate-key': ('The same key twice in one mapping', sub("    rank: 1\n", "    rank: 1\n    rank: 2\n")),
 'syntax-error': ('Broken YAML syntax', sub("  - {id: B, name: {zh: 乙方, en: Party B}}", "  - {id: B, name: {zh: 乙方, en: Party B}")),
 'bilingual-text-missing-english': ('A text without its English', sub("name: {zh: 组长, en: Leader}", "name: {zh: 组长}")),
 'm1-template-unknown-variable': ('A message template with a misspelt variable (M1)', sub("body: {zh: \"{{incident.phenomenon}}\"", "body: {zh: \"{{incident.phenomenom}}\"")),
 'm1-external-template-unknown-variable': ('An external message template with a misspelt variable (M1)', sub("en: \"{{incident.phenomenon}}\\n{{sender.name}}\"", "en: \"{{incident.phenomenon}}\\n{{sender.nmae}}\"")),
 't5-alert-rule-bad-regex': ('An alert rule with a regular expression that does not compile (T5)', sub("match: ['alertname=\"ServiceDown\"']", "match: ['alertname=\"ServiceDown\"', 'service=~\"api(\"']")),
 'several-errors-at-once': ('Three unrelated errors, all reported', sub("assess: {within: 4h, from: reported}", "assess: {within: 4 hours, from: reported}").replace("minor: {normal: L1}", "minor: {normal: L5}").replace("    email: a2@a.example.com\n", "    email: not-an-email\n")),
}
for name, (title, text) in variants.items():
    hdr = f"# Broken on purpose: {title}. Expected diagnostics: {name}.expected\n"
    p = out / f"{name}.yaml"
    p.write_text(hdr + text)
