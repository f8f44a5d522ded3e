"""The action plan: who may write it (roles and school scoping as on the bookings page), at most five plain steps,
the pupil reaching it from the booking conversation or with reference and first name, ticks stored and seen by
staff, and plans following the retention schedule and erasure."""
import asyncio
from datetime import timedelta

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from actions import plan_actions
from booking import brief, plans, retention, schema, staff
from booking.escalations import NotAllowed
from booking.service import CANT_FIND, MAX_FAILED_LOOKUPS, BookingError, NotFound, Pupil, book, free_slots
from tests.booking.conftest import NOW

SCHOOL = "kidderminster-academy"  # Sam Patel covers it; Jo Evans does not
STEPS = ["Look at the Level 3 electrical apprenticeship at Kidderminster College", "Ask for work experience at an "
         "electrical firm"]


def user(engine, email):
    with engine.connect() as conn:
        user_id = conn.execute(select(schema.staff_user.c.id).where(schema.staff_user.c.email == email)).scalar()
    return staff.get_user(engine, user_id)


@pytest.fixture
def booked(engine, monkeypatch):
    monkeypatch.setattr(plan_actions, "engine", lambda: engine)
    slot = free_slots(engine, SCHOOL)[0]
    return book(engine, Pupil("pupil-1", "Ali", SCHOOL, 10, "engineering", True), slot.slot_id)


@pytest.fixture
def careers_leader(engine):
    staff.add_user(engine, "careers@kidderminster.invalid", "CL", "a-long-password", "careers_leader",
                   school_id=SCHOOL)
    staff.add_user(engine, "careers@stafford.invalid", "CL2", "a-long-password", "careers_leader",
                   school_id="stafford-college")
    return user(engine, "careers@kidderminster.invalid")


def tracker(sender, intent=None, entities=(), **slots):
    return Tracker(sender, slots, {"text": "", "intent": {"name": intent}, "entities": list(entities)}, [], False,
                   None, {}, "action_listen")


def run(action, t):
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, t, {})
    return (asyncio.run(result) if asyncio.iscoroutine(result) else result), dispatcher


@pytest.mark.parametrize("email", ["sam.patel@advisers.invalid", "hub.lead@demo.invalid",
                                   "careers@kidderminster.invalid"])
def test_the_adviser_careers_leader_and_hub_lead_write_steps(engine, booked, careers_leader, email):
    saved = plans.save(engine, user(engine, email), booked.reference, STEPS + ["", "  "])
    assert [s.text for s in saved] == STEPS and [s.position for s in saved] == [1, 2]
    with engine.connect() as conn:
        assert conn.execute(select(schema.audit_event.c.action).where(
            schema.audit_event.c.target == f"booking:{booked.reference}")).scalar() == "action_plan"


@pytest.mark.parametrize("email", ["jo.evans@advisers.invalid", "careers@stafford.invalid",
                                   "staff@stafford-college.invalid"])
def test_staff_of_another_school_or_adviser_cannot_see_or_write_it(engine, booked, careers_leader, email):
    with pytest.raises(NotAllowed):
        plans.visible(engine, user(engine, email), booked.reference)
    with pytest.raises(NotAllowed):
        plans.save(engine, user(engine, email), booked.reference, STEPS)
    assert plans.steps(engine, booked.reference) == []


@pytest.mark.parametrize("email", ["staff@kidderminster-academy.invalid", "hub.dsl@demo.invalid"])
def test_other_roles_who_see_the_booking_cannot_write_steps(engine, booked, email):
    if email.startswith("hub.dsl"):
        staff.add_user(engine, email, "HD", "a-long-password", "hub_dsl")
    assert plans.visible(engine, user(engine, email), booked.reference).reference == booked.reference
    with pytest.raises(NotAllowed):
        plans.save(engine, user(engine, email), booked.reference, STEPS)


@pytest.mark.parametrize("texts, message", [
    ([], "at least one"), (["", " "], "at least one"), ([f"step {n}" for n in range(6)], "at most 5"),
    (["ok", "x" * 301], "Step 2 is too long")])
def test_plain_validation_errors(engine, booked, texts, message):
    with pytest.raises(BookingError, match=message):
        plans.save(engine, user(engine, "sam.patel@advisers.invalid"), booked.reference, texts)


def test_pupil_sees_the_plan_in_the_conversation_that_booked_and_ticks_a_step(engine, booked):
    plans.save(engine, user(engine, "sam.patel@advisers.invalid"), booked.reference, STEPS)
    events, dispatcher = run(plan_actions.ActionCheckPlan(), tracker("pupil-1"))
    message = dispatcher.messages[0]
    assert "Welcome back, Ali" in message["text"] and f"1. {STEPS[0]}" in message["text"]
    assert [b["title"] for b in message["buttons"]] == ["I've done 1", "I've done 2"]
    seen = events[0]["value"]
    _, again = run(plan_actions.ActionCheckPlan(), tracker("pupil-1", plan_seen=seen))
    assert again.messages == []  # shown once, until the adviser changes it
    step_id = plans.steps(engine, booked.reference)[0].id
    _, ticked = run(plan_actions.ActionTickStep(), tracker("pupil-1", entities=[{"entity": "step_id",
                                                                                  "value": str(step_id)}]))
    assert "ticked off step 1" in ticked.messages[0]["text"] and "(done ✓)" in ticked.messages[0]["text"]
    assert [b["title"] for b in ticked.messages[0]["buttons"]] == ["I've done 2"]
    assert plans.steps(engine, booked.reference)[0].done  # staff see the tick
    kept = plans.save(engine, user(engine, "sam.patel@advisers.invalid"), booked.reference, STEPS + ["New step"])
    assert [s.done for s in kept] == [True, False, False]


def test_another_conversation_needs_the_reference_and_first_name(engine, booked):
    plans.save(engine, user(engine, "sam.patel@advisers.invalid"), booked.reference, STEPS)
    form = plan_actions.ValidatePlanForm()
    needed = asyncio.run(form.required_slots([], CollectingDispatcher(), tracker("other-device"), {}))
    assert needed == ["plan_reference", "plan_first_name"]
    assert asyncio.run(form.required_slots([], CollectingDispatcher(), tracker("pupil-1"), {})) == []
    wrong = form.validate_plan_first_name("Bob", CollectingDispatcher(), tracker("other-device",
                                          plan_reference=booked.reference), {})
    assert wrong == {"plan_reference": None, "plan_first_name": None, "requested_slot": None}
    assert form.validate_plan_first_name("ali", CollectingDispatcher(), tracker(
        "other-device", plan_reference=booked.reference), {}) == {"plan_first_name": "ali"}
    _, shown = run(plan_actions.ActionShowPlan(), tracker("other-device", plan_reference=booked.reference,
                                                          plan_first_name="ali"))
    assert STEPS[1] in shown.messages[0]["text"]
    step_id = plans.steps(engine, booked.reference)[1].id
    _, stranger = run(plan_actions.ActionTickStep(), tracker("stranger", entities=[{"entity": "step_id",
                                                                                     "value": str(step_id)}]))
    assert "can't find that step" in stranger.messages[0]["text"]
    assert not plans.steps(engine, booked.reference)[1].done


def test_the_conversation_that_booked_is_told_plainly_when_there_is_no_plan_yet(engine, booked):
    form = plan_actions.ValidatePlanForm()
    assert asyncio.run(form.required_slots([], CollectingDispatcher(), tracker("pupil-1"), {})) == []
    _, dispatcher = run(plan_actions.ActionShowPlan(), tracker("pupil-1"))
    assert dispatcher.messages[0]["text"] == plans.NO_PLAN
    _, silent = run(plan_actions.ActionShowPlan(), tracker("stranger"))
    assert silent.messages == []  # the form has already said why


def test_wrong_guesses_count_towards_the_lookup_limit(engine, booked):
    plans.save(engine, user(engine, "sam.patel@advisers.invalid"), booked.reference, STEPS)
    for _ in range(MAX_FAILED_LOOKUPS):
        with pytest.raises(NotFound, match=CANT_FIND):
            plans.lookup(engine, "guesser", booked.reference, "Zed")
    with pytest.raises(BookingError, match="take a break"):
        plans.lookup(engine, "guesser", booked.reference, "Ali")


def test_no_plan_yet_is_said_plainly(engine, booked):
    with pytest.raises(BookingError, match="hasn't written any next steps"):
        plans.lookup(engine, "other", booked.reference, "Ali")


def steps_count(engine):
    with engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(schema.action_step)).scalar(),
                conn.execute(select(func.count()).select_from(schema.booking_brief)).scalar())


def test_plans_and_briefs_follow_the_booking_retention_period(engine, booked):
    brief.save(engine, "pupil-1", booked.reference, [{"kind": "year_group", "text": "Year 10"}])
    plans.save(engine, user(engine, "sam.patel@advisers.invalid"), booked.reference, STEPS)
    retention.purge(engine, now=NOW + timedelta(days=20))
    assert steps_count(engine) == (2, 1)
    counts = retention.purge(engine, now=NOW + timedelta(days=60))
    assert counts.rows["action_step"] == 2 and counts.rows["booking_brief"] == 1 and steps_count(engine) == (0, 0)


def test_erasing_a_pupil_removes_their_plan_and_brief(engine, booked):
    brief.save(engine, "pupil-1", booked.reference, [{"kind": "year_group", "text": "Year 10"}])
    plans.save(engine, user(engine, "sam.patel@advisers.invalid"), booked.reference, STEPS)
    counts = retention.erase_pupil(engine, None, user(engine, "hub.lead@demo.invalid"), reference=booked.reference)
    assert counts.rows["action_step"] == 2 and counts.rows["booking_brief"] == 1 and steps_count(engine) == (0, 0)


def test_the_widgets_plan_check_is_not_shown_as_a_pupil_message(tmp_path):
    import json as _json

    from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text

    from booking.transcripts import transcript
    from lmi.config import make_engine
    tracker_engine = make_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    events = Table("events", MetaData(), Column("id", Integer, primary_key=True), Column("sender_id", String(255)),
                   Column("type_name", String(255)), Column("timestamp", Float), Column("intent_name", String(255)),
                   Column("action_name", String(255)), Column("data", Text))
    events.metadata.create_all(tracker_engine)
    with tracker_engine.begin() as conn:
        conn.execute(events.insert(), [
            {"sender_id": "c", "type_name": "user", "timestamp": 1.0, "data": _json.dumps({"text": "/check_plan"})},
            {"sender_id": "c", "type_name": "user", "timestamp": 2.0, "data": _json.dumps({"text": "/greet"})}])
    assert [line.text for line in transcript(tracker_engine, "c")] == ["(pressed a button)"]
