"""Each role's reach in the console: safeguarding escalations only for the school's DSL and deputies (and a hub
safeguarding lead), audited transcript views, only the escalated session for other staff, button titles in
transcripts, and hub leads managing staff accounts."""
import json
import re

import pytest
from sqlalchemy import MetaData, Table, select

from booking import hub, schema, service, staff
from booking.settings import LONDON
from tests.console.test_console import app, login, token  # noqa: F401 - the app fixture

PASSWORD = hub.DEMO_PASSWORD
URGENT, NORMAL = 1, 3  # escalation ids in the app fixture (Worcester)


@pytest.fixture
def people(app):  # noqa: F811
    engine = app.config["ENGINE"]
    for email, role, school in (("careers@worcester-high.invalid", "careers_leader", "worcester-high"),
                                ("deputy@worcester-high.invalid", "deputy_dsl", "worcester-high"),
                                ("dsl@stafford-college.invalid", "dsl", "stafford-college"),
                                ("hub.dsl@demo.invalid", "hub_dsl", None)):
        staff.add_user(engine, email, role, PASSWORD, role, school_id=school)
    return app


def client_for(app, email):  # noqa: F811
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def status_of(app, escalation_id):  # noqa: F811
    with app.config["ENGINE"].connect() as conn:
        return conn.execute(select(schema.escalation.c.status).where(schema.escalation.c.id == escalation_id)).scalar()


@pytest.mark.parametrize("email", ["staff@worcester-high.invalid", "careers@worcester-high.invalid",
                                   "hub.lead@demo.invalid", "dsl@stafford-college.invalid",
                                   "sam.patel@advisers.invalid"])
def test_only_safeguarding_leads_see_or_change_an_urgent_escalation(people, email):
    client = client_for(people, email)
    assert "abuse at home" not in client.get("/console/escalations").get_data(as_text=True)
    assert client.get(f"/console/escalations/{URGENT}").status_code == 404
    csrf = token(client, "/console/bookings")
    response = client.post(f"/console/escalations/{URGENT}", data={"action": "status", "status": "resolved",
                                                                   "csrf_token": csrf})
    assert response.status_code == 404 and status_of(people, URGENT) == "new"


@pytest.mark.parametrize("email", ["dsl@worcester-high.invalid", "deputy@worcester-high.invalid",
                                   "hub.dsl@demo.invalid"])
def test_safeguarding_leads_see_and_change_it(people, email):
    client = client_for(people, email)
    assert "abuse at home" in client.get("/console/escalations").get_data(as_text=True)
    assert client.get(f"/console/escalations/{URGENT}").status_code == 200
    csrf = token(client, f"/console/escalations/{URGENT}")
    client.post(f"/console/escalations/{URGENT}", data={"action": "status", "status": "in_progress", "csrf_token": csrf})
    assert status_of(people, URGENT) == "in_progress"


@pytest.mark.parametrize("email,sees", [("staff@worcester-high.invalid", True), ("careers@worcester-high.invalid", True),
                                        ("hub.lead@demo.invalid", True), ("dsl@worcester-high.invalid", True),
                                        ("dsl@stafford-college.invalid", False), ("sam.patel@advisers.invalid", False)])
def test_a_request_for_a_person_reaches_the_schools_staff(people, email, sees):
    client = client_for(people, email)
    assert (client.get(f"/console/escalations/{NORMAL}").status_code == 200) is sees


def test_every_view_of_a_safeguarding_transcript_is_audited(people):
    client = client_for(people, "deputy@worcester-high.invalid")
    client.get(f"/console/escalations/{URGENT}")
    page = client.get(f"/console/escalations/{URGENT}").get_data(as_text=True)
    with people.config["ENGINE"].connect() as conn:
        views = conn.execute(select(schema.audit_event).where(schema.audit_event.c.action == "view_transcript")).all()
    assert [(v.actor, v.target) for v in views] == [("deputy@worcester-high.invalid", f"escalation:{URGENT}")] * 2
    assert all(v.at is not None for v in views)
    assert "deputy@worcester-high.invalid view_transcript" in page
    client_for(people, "staff@worcester-high.invalid").get(f"/console/escalations/{NORMAL}")
    with people.config["ENGINE"].connect() as conn:
        assert len(conn.execute(select(schema.audit_event)
                                .where(schema.audit_event.c.action == "view_transcript")).all()) == 2


def add_events(app, rows):  # noqa: F811
    engine = app.config["TRACKER_ENGINE"]
    events = Table("events", MetaData(), autoload_with=engine)
    with engine.begin() as conn:
        conn.execute(events.insert(), [{"sender_id": sender, "type_name": kind, "timestamp": at,
                                        "data": json.dumps(data)} for sender, kind, at, data in rows])


def test_other_staff_see_only_the_escalated_session_with_button_titles(people):
    engine = people.config["ENGINE"]
    escalation_id = service.escalate(engine, "two-sessions", "worcester-high", "asked_for_person", urgent=False)
    with engine.connect() as conn:
        raised = conn.execute(select(schema.escalation.c.created_at)
                              .where(schema.escalation.c.id == escalation_id)).scalar()
    at = raised.replace(tzinfo=LONDON).timestamp()
    add_events(people, [
        ("two-sessions", "session_started", at - 7200, {}),
        ("two-sessions", "user", at - 7100, {"text": "an older private message"}),
        ("two-sessions", "session_started", at - 60, {}),
        ("two-sessions", "bot", at - 50, {"text": "Hi!", "data": {"buttons": [
            {"title": "Talk to a person", "payload": "/request_human"}]}}),
        ("two-sessions", "user", at - 40, {"text": "/request_human"}),
        ("two-sessions", "user", at + 600, {"text": "/greet"}),
        ("two-sessions", "session_started", at + 7200, {}),
        ("two-sessions", "user", at + 7300, {"text": "a later private message"}),
    ])
    page = client_for(people, "staff@worcester-high.invalid").get(f"/console/escalations/{escalation_id}") \
        .get_data(as_text=True)
    assert "Talk to a person (pressed the button)" in page and "(pressed a button)" in page
    assert "/request_human" not in page and "/greet" not in page
    assert "older private message" not in page and "later private message" not in page


def test_hub_lead_manages_staff_accounts(people):
    lead = client_for(people, "hub.lead@demo.invalid")
    page = lead.get("/console/staff").get_data(as_text=True)
    assert "dsl@worcester-high.invalid" in page and "Designated safeguarding lead" in page
    csrf = token(lead, "/console/staff")
    lead.post("/console/staff", data={"action": "add", "email": "new.dsl@worcester-high.invalid", "name": "New DSL",
                                      "role": "deputy_dsl", "school_id": "worcester-high",
                                      "password": PASSWORD, "csrf_token": csrf})
    new = client_for(people, "new.dsl@worcester-high.invalid")
    assert new.get(f"/console/escalations/{URGENT}").status_code == 200
    user_id = next(u.id for u in staff.list_users(people.config["ENGINE"]) if u.email == "new.dsl@worcester-high.invalid")
    lead.post("/console/staff", data={"action": "role", "user_id": user_id, "role": "teacher",
                                      "school_id": "worcester-high", "csrf_token": csrf})
    assert new.get(f"/console/escalations/{URGENT}").status_code == 404
    lead.post("/console/staff", data={"action": "disable", "user_id": user_id, "csrf_token": csrf})
    assert new.get("/console/escalations").status_code == 302  # the open session ends at once
    assert login(people.test_client(), "new.dsl@worcester-high.invalid").status_code == 401
    lead.post("/console/staff", data={"action": "enable", "user_id": user_id, "csrf_token": csrf})
    assert login(people.test_client(), "new.dsl@worcester-high.invalid").status_code == 302
    with people.config["ENGINE"].connect() as conn:
        actions = [r.action for r in conn.execute(select(schema.audit_event)
                                                  .where(schema.audit_event.c.target == "staff:new.dsl@worcester-high.invalid")
                                                  .order_by(schema.audit_event.c.id))]
    assert actions == ["staff_add", "staff_role", "staff_disable", "staff_enable"]
    own_id = next(u.id for u in staff.list_users(people.config["ENGINE"]) if u.email == "hub.lead@demo.invalid")
    response = lead.post("/console/staff", data={"action": "disable", "user_id": own_id, "csrf_token": csrf},
                         follow_redirects=True)
    assert "can&#39;t disable your own account" in response.get_data(as_text=True)


@pytest.mark.parametrize("email", ["staff@worcester-high.invalid", "careers@worcester-high.invalid",
                                   "dsl@worcester-high.invalid", "hub.dsl@demo.invalid", "sam.patel@advisers.invalid"])
def test_only_hub_leads_manage_accounts(people, email):
    client = client_for(people, email)
    assert client.get("/console/staff").status_code == 404
    csrf = token(client, "/console/bookings")
    response = client.post("/console/staff", data={"action": "add", "email": "x@y.invalid", "name": "X",
                                                   "role": "hub_lead", "password": "a-long-password",
                                                   "csrf_token": csrf})
    assert response.status_code == 404
    assert "x@y.invalid" not in [u.email for u in staff.list_users(people.config["ENGINE"])]


@pytest.mark.parametrize("email,allowed", [("staff@worcester-high.invalid", False), ("careers@worcester-high.invalid", False),
                                           ("sam.patel@advisers.invalid", False), ("dsl@worcester-high.invalid", True),
                                           ("hub.lead@demo.invalid", True)])
def test_erasure_is_for_safeguarding_leads_and_hub_leads(people, email, allowed):
    client = client_for(people, email)
    assert (client.get("/console/erase").status_code == 200) is allowed


def test_dsl_erases_a_pupil_from_the_console(people):
    client = client_for(people, "dsl@worcester-high.invalid")
    csrf = token(client, "/console/erase")
    client.post("/console/erase", data={"conversation_id": "conv-w", "csrf_token": csrf})
    assert status_of(people, URGENT) == "new"  # not without the tick
    page = client.post("/console/erase", data={"conversation_id": "conv-w", "confirm": "yes", "csrf_token": csrf},
                       follow_redirects=True).get_data(as_text=True)
    assert "Erased" in page and status_of(people, URGENT) is None
    assert re.search(r"tracker events: 2", page)


@pytest.mark.parametrize("email,allowed", [("staff@worcester-high.invalid", False), ("sam.patel@advisers.invalid", False),
                                           ("careers@worcester-high.invalid", True)])
def test_careers_leader_lets_a_pupil_book_another_interview(people, email, allowed):
    engine = people.config["ENGINE"]
    slots = service.free_slots(engine, "worcester-high")
    made = service.book(engine, service.Pupil("keen", "Ria", "worcester-high", 11, "Law", True), slots[0].slot_id)
    with pytest.raises(service.AlreadyBooked):
        service.book(engine, service.Pupil("keen", "Ria", "worcester-high", 11, "Law", True), slots[1].slot_id)
    client = client_for(people, email)
    page = client.get("/console/bookings").get_data(as_text=True)
    assert ("Allow another interview" in page) is allowed
    csrf = token(client, "/console/bookings")
    client.post("/console/bookings", data={"action": "allow_more", "reference": made.reference, "csrf_token": csrf})
    if allowed:
        assert service.book(engine, service.Pupil("keen", "Ria", "worcester-high", 11, "Law", True), slots[1].slot_id)
    else:
        with pytest.raises(service.AlreadyBooked):
            service.book(engine, service.Pupil("keen", "Ria", "worcester-high", 11, "Law", True), slots[1].slot_id)
