"""The dated office files are well formed: every file names its sources, every row has its eleven fields, real dates
in order, a known state or organisation, a known office and a certainty; one office of one state is never held by
two people at once, except where a note says why (an acting holder, a rival government, a rotation)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from importlib import resources

import pytest

from eventwire.data import read_tsv

DATA = resources.files("eventwire.actors") / "data"
OFFICE_FILES = sorted(f.name for f in DATA.iterdir() if f.name.startswith("offices.") and f.name.endswith(".tsv"))
OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "finance_minister",
           "interior_minister", "economy_minister", "trade_minister", "org_head", "other",
           "foreign_ministry_spokesperson", "government_spokesperson", "defence_spokesperson",
           "organisation_spokesperson"}
SEVERAL_AT_ONCE = ("other", "org_head", "foreign_ministry_spokesperson", "government_spokesperson",
                   "defence_spokesperson", "organisation_spokesperson")  # China has three or four spokespersons
SHARED = ("acting", "rival", "rotat", "interim", "co-", "suspend", "dual", "jointly", "contested", "disputed",
          "caretaker", "transition", "parallel", "overlap")


def known_codes() -> set[str]:
    codes = {r["code"] for r in read_tsv(DATA / "countries.tsv")}
    return codes | {r["code"] for r in read_tsv(DATA / "organizations.tsv")}


def test_there_are_office_files():
    assert len(OFFICE_FILES) >= 4, OFFICE_FILES


@pytest.mark.parametrize("name", OFFICE_FILES)
def test_office_file_is_well_formed(name):
    text = (DATA / name).read_text(encoding="utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("#")).lower()
    assert "source" in header, f"{name}: the header must name its sources"
    rows = list(read_tsv(DATA / name))
    assert rows, name
    codes = known_codes()
    problems = []
    for k, r in enumerate(rows, 1):
        if set(r) < {"name", "aliases", "code", "office", "role", "start", "end", "certainty"} or None in r.values():
            problems.append((k, "fields", r))
            continue
        if r["code"] not in codes:
            problems.append((k, "unknown code", r["code"]))
        if r["office"] not in OFFICES:
            problems.append((k, "unknown office", r["office"]))
        if r["certainty"] not in ("sure", "check"):
            problems.append((k, "certainty", r["certainty"]))
        try:
            start = dt.date.fromisoformat(r["start"]) if r["start"] else None
            end = dt.date.fromisoformat(r["end"]) if r["end"] else None
        except ValueError:
            problems.append((k, "date", r["start"], r["end"]))
            continue
        if start and end and end < start:
            problems.append((k, "ends before it starts", r["name"], r["start"], r["end"]))
        if any(not a.strip() for a in (r["aliases"] or "").split("|") if r["aliases"]):
            problems.append((k, "empty alias", r["name"]))
    assert not problems, problems[:20]


@pytest.mark.parametrize("name", OFFICE_FILES)
def test_one_office_has_one_holder_at_a_time(name):
    spells = defaultdict(list)
    for r in read_tsv(DATA / name):
        if r["office"] in SEVERAL_AT_ONCE or not r["start"]:
            continue
        spells[(r["code"], r["office"], r["role"] if r["office"] == "other" else "")].append(r)
    clashes = []
    for key, rs in spells.items():
        rs.sort(key=lambda r: r["start"])
        for a, b in zip(rs, rs[1:], strict=False):
            a_end = a["end"] or "9999-12-31"
            if b["start"] < a_end and a["name"] != b["name"]:
                days = (dt.date.fromisoformat(min(a_end, "2100-01-01")) - dt.date.fromisoformat(b["start"])).days
                explained = any(w in (x["note"] or "").lower() for x in (a, b) for w in SHARED)
                if days > 1 and not explained:
                    clashes.append((key, a["name"], a["start"], a["end"], b["name"], b["start"]))
    assert not clashes, clashes[:20]
