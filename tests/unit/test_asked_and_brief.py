"""The "asked" record (answers/asked.py) and the brief built from it (answers/brief.py): only dataset values, no
pupil text, nothing a pupil removed and nothing about safeguarding."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions import answer_actions
from actions.questions import QUESTIONS, Turn
from answers import jobs
from answers.asked import KEYS, TOPICS, asked, remember, unanswered_job
from answers.brief import build, without
from lmi import schema


def paid_and_unpaid(lmi_db):
    with lmi_db.engine.connect() as conn:
        socs = [r.soc_code for r in conn.execute(select(schema.occupation.c.soc_code))]
    unpaid = next((s for s in socs if not lmi_db.pay(s)), None)
    return "5241", unpaid


def turn(soc_code=None, area=None, sector=None, route=None, text="how much do electricians earn my name is Kai"):
    return Turn(text, soc_code, area, None, route, sector=sector)


def test_topics_are_every_question(lmi_db):
    assert TOPICS == {intent.removeprefix("ask_") for intent in QUESTIONS}


def test_a_pay_answer_records_the_job_and_the_figures_shown_with_their_source(lmi_db):
    reply = jobs.pay(lmi_db, "5241")
    record = asked(lmi_db, "ask_pay", turn("5241"), reply)
    assert tuple(record) == KEYS
    assert record["topic"] == "pay" and record["soc_code"] == "5241" and record["answered"] is True
    assert record["occupation"] == lmi_db.occupation("5241").title
    assert record["figures"] and all("£" in f and "(" in f for f in record["figures"])
    assert lmi_db.pay("5241")[0].source.short in record["figures"][0]
    assert "Kai" not in str(record) and "earn" not in str(record)


def test_a_job_with_no_pay_figure_is_recorded_as_unanswered(lmi_db):
    _, unpaid = paid_and_unpaid(lmi_db)
    if unpaid is None:
        pytest.skip("every occupation in the dataset has a pay figure")
    record = asked(lmi_db, "ask_pay", turn(unpaid), jobs.pay(lmi_db, unpaid))
    assert record["answered"] is False and record["figures"] == [] and record["soc_code"] == unpaid
    assert unanswered_job(lmi_db, "ask_local_demand", unpaid)["answered"] is False


def test_places_and_routes_are_the_datasets_own(lmi_db):
    area = lmi_db.find_area("Bromsgrove")[0]
    record = asked(lmi_db, "ask_growing_jobs", turn(area=area, text="jobs near bromsgrove"),
                   QUESTIONS["ask_growing_jobs"].answer(lmi_db, turn(area=area)))
    assert (record["area_id"], record["area"]) == (area.area_id, area.name)
    record = asked(lmi_db, "ask_apprenticeship_duration", turn(), jobs.pay(lmi_db, "5241"))
    assert record["route"] == "apprenticeship"
    typed = asked(lmi_db, "ask_route", turn(route="my cousin's plan"), jobs.pay(lmi_db, "5241"))
    assert typed["route"] is None  # an entity that is not a route id in the dataset is never kept
    known = lmi_db.routes()[0].route_id
    assert asked(lmi_db, "ask_route", turn(route=known), jobs.pay(lmi_db, "5241"))["route"] == known


def test_explored_keeps_the_newest_twenty_and_each_record_once():
    records = [{"topic": "pay", "soc_code": str(n)} for n in range(30)]
    kept = []
    for r in records + records[-3:]:
        kept = remember(kept, r)
    assert len(kept) == 20 and kept[-1] == records[-1]
    assert len({str(r) for r in kept}) == 20


def test_the_answer_action_appends_the_record_to_explored(lmi_db, monkeypatch):
    monkeypatch.setattr(answer_actions, "lmi", lambda: lmi_db)
    monkeypatch.setattr(answer_actions, "engine", lambda: lmi_db.engine)
    tracker = Tracker("c1", {"explored": [{"topic": "resits"}]},
                      {"text": "how much do electricians earn, my name is Kai", "intent": {"name": "ask_pay"},
                       "entities": []}, [], False, None, {}, "action_listen")
    events = answer_actions.answer("ask_pay", tracker, CollectingDispatcher(), soc_code="5241", job_known=True)
    explored = [e["value"] for e in events if e.get("name") == "explored"][-1]
    assert explored[0] == {"topic": "resits"} and explored[-1]["soc_code"] == "5241"
    assert "Kai" not in str(explored)


RECORDS = [
    {"topic": "pay", "soc_code": "5241", "occupation": "Electricians and electrical fitters", "sector": None,
     "route": None, "area_id": None, "area": None, "answered": True,
     "figures": ["Median full-time pay £35,000 a year, UK (ONS ASHE 2024)"]},
    {"topic": "apprenticeship", "soc_code": None, "occupation": None, "sector": "Construction", "route":
     "apprenticeship", "area_id": None, "area": None, "answered": True, "figures": []},
    {"topic": "local_demand", "soc_code": "6131", "occupation": "Veterinary nurses", "sector": None, "route": None,
     "area_id": "worcestershire", "area": "Worcestershire", "answered": False, "figures": []},
]


def test_the_brief_has_year_topic_jobs_routes_and_unanswered_questions():
    items = build(RECORDS, 10, "apprenticeships after Year 11")
    texts = [i["text"] for i in items]
    assert texts[0] == "Year 10" and texts[1] == "Wants to talk about: apprenticeships after Year 11"
    assert any("Electricians" in t and "£35,000" in t and "ONS ASHE 2024" in t for t in texts)
    assert "Looked at the sector: Construction" in texts and "Looked at: apprenticeship" in texts
    assert "Pathfinder could not answer: jobs nearby for Veterinary nurses in Worcestershire" in texts


def test_removed_items_are_gone():
    items = build(RECORDS, 10, "apprenticeships")
    number = next(n for n, i in enumerate(items, start=1) if "Electricians" in i["text"])
    left = without(items, number)
    assert len(left) == len(items) - 1 and not any("Electricians" in i["text"] for i in left)
    assert without(items, 99) == items


@pytest.mark.parametrize("topic", ["my step dad hits me", "i want to kill myself", "someone is hurting me at home"])
def test_a_typed_topic_the_safeguarding_net_flags_never_goes_in(topic):
    texts = " ".join(i["text"] for i in build(RECORDS, 9, topic))
    assert topic not in texts and "Wants to talk about" not in texts and "Year 9" in texts


def test_records_that_are_not_careers_questions_are_ignored():
    poisoned = RECORDS + [
        {"topic": "safeguarding_disclosure", "occupation": "abuse_at_home", "answered": False, "figures": []},
        {"topic": "safeguarding_concern", "sector": "self_harm", "answered": False},
        {"topic": "escalation", "route": "asked_for_person"}, "not a record", None]
    texts = " ".join(i["text"] for i in build(poisoned, 10, "engineering"))
    for word in ("safeguarding", "abuse", "self_harm", "self harm", "escalation", "asked_for_person"):
        assert word not in texts.lower()


def test_the_answer_action_counts_the_question_for_the_hub_without_the_pupils_words(lmi_db, monkeypatch):
    from insight.schema import asked as asked_table
    monkeypatch.setattr(answer_actions, "lmi", lambda: lmi_db)
    monkeypatch.setattr(answer_actions, "engine", lambda: lmi_db.engine)
    with lmi_db.engine.connect() as conn:
        before = len(conn.execute(select(asked_table)).fetchall())
    tracker = Tracker("c2", {"pupil_year_group": "10"},
                      {"text": "how much do electricians earn, my name is Kai", "intent": {"name": "ask_pay"},
                       "entities": []}, [], False, None, {}, "action_listen")
    answer_actions.answer("ask_pay", tracker, CollectingDispatcher(), soc_code="5241", job_known=True)
    with lmi_db.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(asked_table))]
    assert len(rows) == before + 1
    assert (rows[-1]["topic"], rows[-1]["soc_code"], rows[-1]["year_group"]) == ("pay", "5241", "Year 10")
    assert "Kai" not in str(rows[-1])


def test_a_broken_insight_database_never_stops_the_answer(lmi_db, monkeypatch):
    from sqlalchemy import create_engine
    monkeypatch.setattr(answer_actions, "lmi", lambda: lmi_db)
    monkeypatch.setattr(answer_actions, "engine", lambda: create_engine("sqlite:////nonexistent/dir/x.db"))
    tracker = Tracker("c3", {}, {"text": "electrician pay", "intent": {"name": "ask_pay"}, "entities": []},
                      [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    answer_actions.answer("ask_pay", tracker, dispatcher, soc_code="5241", job_known=True)
    assert "£" in dispatcher.messages[0]["text"]
