"""The insight figures: breakdowns, filters, the retention window, and who may see which school."""
from datetime import date, datetime

import pytest

from booking.staff import StaffUser
from insight.queries import Filters, NotAllowed, insight, months
from insight.suppress import Shown
from tests.insight.conftest import NOW, asked, record_many

HUB_LEAD = StaffUser(1, "hub.lead@demo.invalid", "Hub", "hub_lead", None, None)
WORCESTER_LEADER = StaffUser(2, "cl@worcester-high.invalid", "CL", "careers_leader", "worcester-high", None)


@pytest.fixture
def seeded(engine):
    record_many(engine, 12, asked("pay", soc_code="5241"), year_group=10)                    # Worcester, Year 10
    record_many(engine, 6, asked("route", route="t-levels"), year_group=11)                   # Worcester, Year 11
    record_many(engine, 3, asked("local_demand", soc_code="2231", area_id="leek", answered=False),
                school_id="stafford-college", year_group=9)
    record_many(engine, 7, asked("local_demand", sector="construction", area_id="kidderminster", answered=False),
                school_id="kidderminster-academy", year_group=None)
    record_many(engine, 5, asked("pay", soc_code="2231"), school_id="stafford-college", year_group=9,
                at=datetime(2026, 10, 3, 9))
    record_many(engine, 9, asked("pay", soc_code="5241"), at=datetime(2023, 5, 1, 9))        # past retention
    return engine


def table(found, key):
    return {line.cells: line.count for line in found.breakdown(key).lines}


def test_the_hub_lead_sees_every_school_within_the_retention_period(seeded):
    found = insight(seeded, HUB_LEAD, Filters(), now=NOW)
    assert found.kept_from == date(2024, 11, 1)
    assert found.total == Shown(35)  # 33 within retention, rounded; the 2023 questions are not used
    assert table(found, "topics") == {("Pay",): Shown(15), ("A study route",): Shown(5),
                                      ("Jobs in demand locally",): Shown(10)}
    assert table(found, "jobs") == {("5 Skilled trades occupations",): Shown(10),
                                    ("2 Professional occupations",): Shown(10)}
    assert table(found, "routes") == {("T Levels",): Shown(5)}
    assert table(found, "unanswered") == {("Construction", "Kidderminster"): Shown(5),
                                          ("Midwifery nurses", "Leek"): Shown(None)}
    assert found.breakdown("unanswered").total == Shown(10)


def test_filters_by_school_year_group_and_month(seeded):
    by_school = insight(seeded, HUB_LEAD, Filters(school_id="stafford-college"), now=NOW)
    assert table(by_school, "unanswered") == {("Midwifery nurses", "Leek"): Shown(None)}
    assert by_school.total == Shown(10)
    by_year = insight(seeded, HUB_LEAD, Filters(year_group="not given"), now=NOW)
    assert table(by_year, "topics") == {("Jobs in demand locally",): Shown(5)}
    by_month = insight(seeded, HUB_LEAD, Filters(month=date(2026, 10, 1)), now=NOW)
    assert table(by_month, "jobs") == {("2 Professional occupations",): Shown(5)} and by_month.total == Shown(5)


def test_a_careers_leader_sees_their_own_school_only(seeded):
    found = insight(seeded, WORCESTER_LEADER, Filters(), now=NOW)
    assert found.filters.school_id == "worcester-high"
    assert table(found, "topics") == {("Pay",): Shown(10), ("A study route",): Shown(5)}
    assert table(found, "unanswered") == {}
    with pytest.raises(NotAllowed):
        insight(seeded, WORCESTER_LEADER, Filters(school_id="stafford-college"), now=NOW)


@pytest.mark.parametrize("role,school", [("teacher", "worcester-high"), ("dsl", "worcester-high"),
                                         ("deputy_dsl", "worcester-high"), ("hub_dsl", None), ("adviser", None)])
def test_nobody_else_sees_insight(seeded, role, school):
    with pytest.raises(NotAllowed):
        insight(seeded, StaffUser(9, "x@y.invalid", "X", role, school, None), Filters(), now=NOW)


def test_a_disabled_hub_lead_sees_nothing(seeded):
    with pytest.raises(NotAllowed):
        insight(seeded, StaffUser(1, "h@y.invalid", "H", "hub_lead", None, None, disabled=True), Filters(), now=NOW)


def test_the_months_offered_are_those_kept_with_questions(seeded):
    assert months(seeded, HUB_LEAD, now=NOW) == [date(2026, 11, 1), date(2026, 10, 1)]
    assert months(seeded, WORCESTER_LEADER, now=NOW) == [date(2026, 11, 1)]


def test_a_shorter_retention_period_uses_less(seeded, monkeypatch):
    monkeypatch.setenv("PATHFINDER_RETAIN_INSIGHT_DAYS", "30")
    found = insight(seeded, HUB_LEAD, Filters(), now=NOW)
    assert found.kept_from == date(2026, 10, 1) and found.total == Shown(35)
    monkeypatch.setenv("PATHFINDER_RETAIN_INSIGHT_DAYS", "10")
    assert insight(seeded, HUB_LEAD, Filters(), now=NOW).total == Shown(30)  # 28: October's 5 are gone


def test_a_job_or_place_not_named_is_said_so(engine):
    record_many(engine, 5, asked("growing_jobs", answered=False))
    found = insight(engine, HUB_LEAD, Filters(), now=NOW)
    assert table(found, "unanswered") == {("no job named", "no place given"): Shown(5)}


def test_every_answer_intent_is_a_valid_topic():
    from actions.questions import QUESTIONS
    from insight.validate import TOPIC
    assert all(TOPIC.match(intent.removeprefix("ask_")) for intent in QUESTIONS)
