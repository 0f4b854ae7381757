#!/usr/bin/env python3
"""SQL for bench/search.sh: ORGS organisations and CASES case studies and as many resources,
published, with plausible words (a few common, most rare), written to stdout for sqlite3.
Deterministic (a fixed seed). Usage: make_search.py ORGS CASES"""
import random
import sys

orgs, cases = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(16)
places = ["Barnsley", "Bolton", "Camden", "Derby", "Exeter", "Fylde", "Gateshead", "Hackney",
          "Ipswich", "Kendal", "Leeds", "Luton", "Merton", "Norwich", "Oldham", "Preston",
          "Reading", "Salford", "Torbay", "Wigan", "York", "Dover", "Essex", "Kent", "Warrington"]
kinds = ["Community", "Voluntary", "Youth", "Older People's", "Carers", "Food", "Arts", "Sports",
         "Housing", "Mental Health", "Advice", "Refugee", "Women's", "Environmental", "Heritage"]
nouns = ["Trust", "Association", "Group", "Network", "Centre", "Project", "Partnership",
         "Foundation", "Society", "Forum", "Collective", "Alliance", "Club", "Hub"]
topics = ["funding", "grants", "commissioning", "procurement", "consultation", "volunteering",
          "cuts", "savings", "budget", "equality", "independence", "risk", "tendering",
          "contracts", "partnership", "infrastructure", "recession", "mergers", "collaboration",
          "outcomes", "evaluation", "training", "advocacy", "accountability", "transparency"]
verbs = ["discussed", "agreed", "consulted", "commissioned", "funded", "reviewed", "simplified",
         "protected", "planned", "measured", "shared", "improved", "reduced", "supported"]
filler = ["the council", "the sector", "local groups", "the CVS", "the health board",
          "the police", "the fire service", "charities", "volunteers", "residents"]
types = ["charity", "community_group", "social_enterprise", "vcs_infrastructure"]
themes = ["delivering_results", "managing_cuts", "commissioning", "efficiency_innovation",
          "managing_risk", "consultation", "equality", "volunteering", "independence"]
rkinds = ["guidance", "toolkit", "template", "report"]
now = "2026-01-01T00:00:00Z"


def q(s):
    return "'" + s.replace("'", "''") + "'"


def sentence():
    return (f"{rnd.choice(filler).capitalize()} {rnd.choice(verbs)} {rnd.choice(topics)} with "
            f"{rnd.choice(filler)} in {rnd.choice(places)}, and {rnd.choice(topics)} "
            f"{rnd.choice(verbs)} {rnd.choice(topics)} word{rnd.randrange(100000)}.")


print("BEGIN;")
for i in range(orgs):
    name = f"{rnd.choice(places)} {rnd.choice(kinds)} {rnd.choice(nouns)} {i}"
    print("INSERT INTO organisation (org_id, name, sector, type, gss, website, verified, "
          f"created_at, updated_at) VALUES ('GB-BENCH-{i:07d}', {q(name)}, 'vcs', "
          f"{q(rnd.choice(types))}, NULL, NULL, 1, '{now}', '{now}');")
for i in range(cases):
    title = f"{rnd.choice(topics).capitalize()} and {rnd.choice(topics)} in {rnd.choice(places)}"
    print("INSERT INTO case_study (title, summary, outcome, year, status, created_by, "
          f"created_at, updated_at, published_at) VALUES ({q(title)}, {q(sentence() + ' ' + sentence())}, "
          f"{q(sentence())}, {rnd.randrange(2000, 2013)}, 'published', 'cli', '{now}', '{now}', '{now}');")
    print("INSERT INTO case_study_theme (case_study_id, theme) VALUES ((SELECT max(id) FROM "
          f"case_study), {q(rnd.choice(themes))});")
    title = f"{rnd.choice(kinds)} {rnd.choice(topics)} {rnd.choice(['guide', 'toolkit', 'report'])}"
    print("INSERT INTO resource (title, kind, summary, published_on, status, created_by, "
          f"created_at, updated_at, published_at) VALUES ({q(title)}, {q(rnd.choice(rkinds))}, "
          f"{q(sentence())}, '20{rnd.randrange(0, 13):02d}-06-01', 'published', 'cli', '{now}', "
          f"'{now}', '{now}');")
print("COMMIT;")
