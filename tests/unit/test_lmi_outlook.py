"""Outlook, fastest-growing groups, employment by industry and entry routes, for both seed hubs."""
from __future__ import annotations

import csv
import json

import pytest

from lmi.cli import main
from lmi.entry import entry, entry_for
from lmi.outlook import fastest_growing, industry_employment, outlook, projection_area, round_for_pupils
from lmi.queries import NotFound
from tests.conftest import LMI_DIR
from tests.unit.test_lmi_cli import db  # noqa: F401  (the loaded database the CLI tests use)

OUTLOOK_KEYS = {"soc_group", "group_title", "area", "from_year", "to_year", "employment_from", "employment_to",
                "net_change", "replacement_demand", "total_requirement", "england_growth_pct", "source", "edition"}
ENTRY_KEYS = {"soc_code", "title", "entry_routes", "tasks", "apprenticeships", "source", "edition"}


def _csv(name: str) -> list[dict]:
    with (LMI_DIR / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _row(area: str, group: str) -> dict:
    return next(r for r in _csv("projections_occupations.csv") if r["area_name"] == area and r["soc_group"] == group)


@pytest.mark.parametrize("place, area", [("Bromsgrove", "Worcestershire"), ("Leek", "Stoke-on-Trent and Staffordshire")])
def test_job_outlook_is_its_sub_major_group_in_the_places_lsip(lmi_db, place, area):
    found = outlook(lmi_db, "electrician", place)
    row, england = _row(area, "52"), _row("England", "52")
    assert (found.kind, found.soc_group, found.area) == ("occupation", "52", area)
    assert (found.from_year, found.to_year) == (2020, 2035)
    assert found.employment_from == int(row["employment_from"]) > 1000  # people, not thousands
    assert found.replacement_demand == int(row["replacement_demand"])
    assert found.total_requirement == int(row["total_requirement"])
    assert found.england_growth_pct == round(100 * int(england["net_change"]) / int(england["employment_from"]), 1)
    assert found.source.short == "DfE, 2024" and "Main scenario" in found.edition
    assert set(found.as_dict()) == OUTLOOK_KEYS


def test_sector_outlook_adds_up_its_industry_groups(lmi_db):
    found = outlook(lmi_db, "manufacturing", "Stoke-on-Trent")
    rows = [r for r in _csv("projections_industries.csv") if r["area_name"] == "Stoke-on-Trent and Staffordshire"
            and r["industry"] in ("Engineering", "Food drink and tobacco", "Rest of manufacturing")]
    assert found.kind == "industry" and found.soc_group is None
    assert "Engineering, Food drink and tobacco and Rest of manufacturing" in found.group_title
    assert found.employment_from == sum(int(r["employment"]) for r in rows if r["level_year"] == "2020")
    assert found.net_change == found.employment_to - found.employment_from
    assert found.replacement_demand is None and found.total_requirement is None  # not published by industry


def test_exact_sector_name_wins_over_a_partial_job_match(lmi_db):
    assert outlook(lmi_db, "construction", "Worcester").kind == "industry"
    assert outlook(lmi_db, "bricklayer", "Worcester").soc_group == "53"


@pytest.mark.parametrize("by", ["net_change", "total_requirement"])
def test_fastest_growing_groups_for_a_chart(lmi_db, by):
    groups = fastest_growing(lmi_db, "Redditch", by=by)
    values = [getattr(g, by) for g in groups]
    assert len(groups) == 5 and values == sorted(values, reverse=True)
    best = max((r for r in _csv("projections_occupations.csv") if r["area_name"] == "Worcestershire"),
               key=lambda r: int(r[by]))
    assert groups[0].soc_group == best["soc_group"]


def test_industry_employment_is_people_by_industry_largest_first(lmi_db):
    figures = industry_employment(lmi_db, "Tamworth")
    assert len(figures) == 22 and all(f.sector_id for f in figures)
    assert [f.employment for f in figures] == sorted((f.employment for f in figures), reverse=True)
    assert figures[0].year == 2025 and figures[0].projected
    base = industry_employment(lmi_db, "Tamworth", year=2020)
    assert not base[0].projected
    with pytest.raises(NotFound, match="not 2030"):
        industry_employment(lmi_db, "Tamworth", year=2030)


def test_unknown_place_or_job_says_so(lmi_db):
    with pytest.raises(NotFound, match="'Narnia' is not a place"):
        outlook(lmi_db, "electrician", "Narnia")
    with pytest.raises(NotFound, match="not a job or sector"):
        outlook(lmi_db, "zzqqxx", "Worcester")
    with pytest.raises(NotFound, match="not a job"):
        entry(lmi_db, "zzqqxx")


def test_area_without_projections_says_so(lmi_copy, tmp_path):
    from lmi.config import make_engine
    from lmi.loader import load
    from lmi.queries import LMI

    (lmi_copy / "lsip_districts.csv").unlink()
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    load(lmi_copy, engine)
    with pytest.raises(NotFound, match="no projections for the Worcestershire area"):
        projection_area(LMI(engine), "Malvern")


def test_entry_gives_ons_routes_tasks_and_apprenticeships(lmi_db):
    found = entry(lmi_db, "plumber")
    assert found.soc_code == "5315"
    assert "apprenticeship" in found.entry_routes.lower()
    assert len(found.tasks) >= 3 and all("~" not in t and "|" not in t for t in found.tasks)
    assert "ST0303" in {a.reference for a in found.apprenticeships}
    assert found.source.publisher == "Office for National Statistics" and "April 2025" in found.edition
    assert set(found.as_dict()) == ENTRY_KEYS


def test_every_unit_group_has_ons_tasks(lmi_db):
    for code in ("1111", "2240", "5241", "9233"):
        assert entry_for(lmi_db, code).tasks


def test_ons_related_job_titles_are_names_the_resolver_knows(lmi_db):
    aliases = {a.lower() for r in _csv("occupations.csv") for a in r["aliases"].split("|")}
    assert "electrical contractor" not in aliases
    assert lmi_db.find_occupations("electrical contractor", limit=1)[0].soc_code == "5241"


def test_round_for_pupils():
    assert [round_for_pupils(n) for n in (42318, 1234, -951, 87)] == [42000, 1200, -950, 87]


@pytest.mark.parametrize("text, place", [("nurse", "Kidderminster"), ("care work", "Stafford"),
                                         ("hospitality", "Burton upon Trent")])
def test_cli_outlook_contract(db, capsys, text, place):
    assert main(["--database", db, "outlook", text, "--area", place, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert set(found) == OUTLOOK_KEYS
    assert found["source"]["cite"] == "DfE, 2024" and found["source"]["licence"].startswith("Open Government")


def test_cli_entry_contract_and_bad_input(db, capsys):
    assert main(["--database", db, "entry", "vet", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert set(found) == ENTRY_KEYS and found["soc_code"] == "2240" and found["tasks"]
    assert main(["--database", db, "entry", "zzqqxx", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "not a job this dataset knows" in captured.err
    assert main(["--database", db, "outlook", "plumber", "--area", "Narnia"]) == 1
    assert "is not a place in this dataset" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--database", db, "outlook", "plumber"])  # --area is required


def test_cli_growing_and_industries(db, capsys):
    assert main(["--database", db, "growing", "--area", "Worcester", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 5
    assert main(["--database", db, "industries", "--area", "Stoke", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 22
