"""Every query in lmi.queries, checked against the real dataset (whatever its size)."""
import csv

import pytest

from lmi.queries import UK, stage_of
from tests.conftest import LMI_DIR


def rows(name):
    with (LMI_DIR / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_official_title_resolves_to_itself(lmi_db):
    for row in rows("occupations.csv"):
        top = lmi_db.find_occupations(row["title"], limit=1)[0]
        assert top.soc_code == row["soc_code"] and top.confidence == 1.0, row["title"]


def test_every_alias_resolves_to_its_occupation(lmi_db):
    for row in rows("occupations.csv"):
        for alias in filter(None, row["aliases"].split("|")):
            top = lmi_db.find_occupations(alias, limit=1)[0]
            assert top.soc_code == row["soc_code"], (alias, top.soc_code, top.title)


def test_matches_are_ranked_with_confidence_and_sourced_pay(lmi_db):
    found = lmi_db.find_occupations("engineer", limit=5)
    assert len(found) > 1
    assert [m.confidence for m in found] == sorted((m.confidence for m in found), reverse=True)
    for m in found:
        d = m.as_dict()
        assert set(d) >= {"soc_code", "title", "confidence", "median_pay", "pay_year", "source"}
        if d["median_pay"] is not None:
            assert d["pay_year"] and d["source"]["publisher"] and d["source"]["link"].startswith("http")


def test_pay_is_the_latest_year_per_geography_uk_first(lmi_db):
    pay_rows = rows("pay.csv")
    if not pay_rows:
        pytest.skip("no pay rows in this dataset")
    soc = pay_rows[0]["soc_code"]
    figures = lmi_db.pay(soc)
    expected_uk = max(int(r["year"]) for r in pay_rows if r["soc_code"] == soc and r["geography"] == UK)
    assert figures[0].geography == UK and figures[0].year == expected_uk
    assert len({f.geography for f in figures}) == len(figures)


def test_missing_pay_stays_missing(lmi_db):
    with_pay = {r["soc_code"] for r in rows("pay.csv")}
    without = [r["soc_code"] for r in rows("occupations.csv") if r["soc_code"] not in with_pay]
    for soc in without[:20]:
        assert lmi_db.pay(soc) == [] and lmi_db.headline_pay(soc) is None


def test_apprenticeships_for_a_job_lead_to_it_and_filter_by_level(lmi_db):
    linked = [r for r in rows("apprenticeships.csv") if r["soc_codes"]]
    assert linked, "no apprenticeship is linked to an occupation"
    soc = linked[0]["soc_codes"].split("|")[0]
    found = lmi_db.apprenticeships(soc_codes=[soc])
    assert found and all(soc in a.soc_codes for a in found if a.soc_codes)
    level = found[0].level
    assert all(a.level == level for a in lmi_db.apprenticeships(soc_codes=[soc], levels=(level,)))
    assert lmi_db.apprenticeship(linked[0]["reference"].lower()).reference == linked[0]["reference"]


def test_every_town_and_district_resolves_to_its_hub(lmi_db):
    area_rows = {r["area_id"]: r for r in rows("areas.csv")}

    def hub_of(area_id):
        while area_rows[area_id]["parent_id"]:
            area_id = area_rows[area_id]["parent_id"]
        return area_id

    for row in area_rows.values():
        area, confidence = lmi_db.find_area(row["name"])
        assert area.hub_id == hub_of(row["area_id"]), row["name"]
        assert confidence > 0.6


def test_unknown_place(lmi_db):
    assert lmi_db.find_area("Atlantis") is None
    assert lmi_db.find_area("") is None


def test_area_profile_has_sourced_priority_sectors(lmi_db):
    for hub in lmi_db.hubs():
        profile = lmi_db.profile_of(hub)
        for p in profile.priority_sectors:  # a named priority, not a figure: undated pages keep no year
            assert p.source.publisher and p.source.link.startswith("http")
        for f in profile.employment + profile.growth:
            assert f.source.publisher and f.source.year and f.source.link.startswith("http")


def test_routes_by_stage(lmi_db):
    for stage in ("after-gcses", "after-a-levels"):
        found = lmi_db.routes(stage)
        assert found and all(r.stage in (stage, "any") for r in found)


def test_qualification_levels(lmi_db):
    level3 = lmi_db.qualification_level(3)
    assert level3.level == "3" and level3.examples
    assert lmi_db.qualification_level("9") is None


@pytest.mark.parametrize("text,stage", [("what can i do after my gcses", "after-gcses"),
                                        ("options after year 11", "after-gcses"),
                                        ("what after a levels", "after-a-levels"),
                                        ("how much do vets earn", None)])
def test_stage_of(text, stage):
    assert stage_of(text) == stage
