"""The staff console: login and lockout, CSRF, logout, school isolation, escaped transcripts, report."""
import json
import re
from datetime import date

import pytest
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text

from booking import hub, service
from booking.service import Pupil
from console.app import create_app
from lmi.config import make_engine

PASSWORD = hub.DEMO_PASSWORD


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFINDER_INSECURE_COOKIES", "1")  # the test client speaks plain http
    monkeypatch.setenv("PATHFINDER_SECRET_KEY", "test-secret")
    db, tracker = f"sqlite:///{tmp_path / 'p.db'}", f"sqlite:///{tmp_path / 't.db'}"
    engine = make_engine(db)
    hub.seed_demo(engine, today=date.today())
    events = Table("events", MetaData(), Column("id", Integer, primary_key=True), Column("sender_id", String(255)),
                   Column("type_name", String(255)), Column("timestamp", Float), Column("intent_name", String(255)),
                   Column("action_name", String(255)), Column("data", Text))
    tracker_engine = make_engine(tracker)
    events.metadata.create_all(tracker_engine)
    with tracker_engine.begin() as conn:
        conn.execute(events.insert(), [
            {"sender_id": "conv-w", "type_name": "user", "timestamp": 1.0,
             "data": json.dumps({"text": "<script>alert('x')</script> my step dad hits me"})},
            {"sender_id": "conv-w", "type_name": "bot", "timestamp": 2.0,
             "data": json.dumps({"text": "Thank you for telling me."})},
        ])
    service.escalate(engine, "conv-w", "worcester-high", "abuse_at_home", urgent=True)
    service.escalate(engine, "conv-s", "stafford-college", "asked_for_person", urgent=False)
    service.escalate(engine, "conv-w2", "worcester-high", "asked_for_person", urgent=False)
    app = create_app(db, tracker)
    app.config["TESTING"] = True
    return app


def token(client, path="/console/login"):
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def login(client, email, password=PASSWORD):
    return client.post("/console/login", data={"email": email, "password": password, "csrf_token": token(client)})


def test_pages_need_login(app):
    response = app.test_client().get("/console/escalations")
    assert response.status_code == 302 and "/console/login" in response.headers["Location"]


def test_login_and_logout(app):
    client = app.test_client()
    assert login(client, "staff@worcester-high.invalid").status_code == 302
    assert "Escalations" in client.get("/console/escalations").get_data(as_text=True)
    logout = client.post("/console/logout", data={"csrf_token": token(client, "/console/escalations")})
    assert logout.status_code == 302
    assert client.get("/console/escalations").status_code == 302


def test_wrong_password_then_lockout(app):
    client = app.test_client()
    for _ in range(4):
        response = login(client, "staff@worcester-high.invalid", "wrong-password")
        assert response.status_code == 401 and "don&#39;t match" in response.get_data(as_text=True)
    assert "locked" in login(client, "staff@worcester-high.invalid", "wrong-password").get_data(as_text=True)
    assert "locked" in login(client, "staff@worcester-high.invalid").get_data(as_text=True)


def test_form_without_csrf_token_is_rejected(app):
    client = app.test_client()
    assert client.post("/console/login", data={"email": "hub.lead@demo.invalid", "password": PASSWORD}).status_code == 400
    login(client, "hub.lead@demo.invalid")
    assert client.post("/console/logout").status_code == 400


def test_staff_see_only_their_own_school(app):
    worcester, stafford, lead = app.test_client(), app.test_client(), app.test_client()
    login(worcester, "staff@worcester-high.invalid")
    login(stafford, "staff@stafford-college.invalid")
    login(lead, "hub.lead@demo.invalid")
    w = worcester.get("/console/escalations").get_data(as_text=True)
    s = stafford.get("/console/escalations").get_data(as_text=True)
    assert "Worcester Demo High School" in w and "Stafford Demo College" not in w
    assert "Stafford Demo College" in s and "Worcester Demo High School" not in s
    assert stafford.get("/console/escalations/1").status_code == 404
    both = lead.get("/console/escalations").get_data(as_text=True)
    assert "Stafford Demo College" in both and "Worcester Demo High School" in both


def test_transcript_shows_pupil_html_as_text(app):
    client = app.test_client()
    login(client, "dsl@worcester-high.invalid")
    page = client.get("/console/escalations/1").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page and "<script>alert" not in page


def test_status_note_and_audit_trail(app):
    client = app.test_client()
    login(client, "dsl@worcester-high.invalid")
    csrf = token(client, "/console/escalations/1")
    client.post("/console/escalations/1", data={"action": "status", "status": "in_progress", "csrf_token": csrf})
    client.post("/console/escalations/1", data={"action": "note", "note": "Spoke to pupil", "csrf_token": csrf})
    page = client.get("/console/escalations/1").get_data(as_text=True)
    assert "in progress" in page and "Spoke to pupil" in page
    assert "dsl@worcester-high.invalid status in_progress" in page


def test_adviser_sees_their_bookings_and_report_csv(app):
    engine = app.config["ENGINE"]
    slot = service.free_slots(engine, "worcester-high")[0]
    made = service.book(engine, Pupil("c1", "Ria", "worcester-high", 11, "T Levels", True), slot.slot_id)
    sam, jo, lead = app.test_client(), app.test_client(), app.test_client()
    login(sam, "sam.patel@advisers.invalid")
    login(jo, "jo.evans@advisers.invalid")
    login(lead, "hub.lead@demo.invalid")
    assert made.reference in sam.get("/console/bookings").get_data(as_text=True)
    assert made.reference not in jo.get("/console/bookings").get_data(as_text=True)
    csv_text = lead.get("/console/report?format=csv").get_data(as_text=True)
    assert "school,year_group,pupils_booked,pupils_attended" in csv_text


def test_failed_logins_are_throttled_per_address(app, monkeypatch):
    monkeypatch.delenv("PATHFINDER_LOGIN_FAILURES_PER_ADDRESS", raising=False)
    monkeypatch.delenv("PATHFINDER_TRUSTED_PROXIES", raising=False)
    client = app.test_client()
    accounts = [email for email, *_ in hub.DEMO_STAFF]
    # one wrong password on each of many accounts: no account reaches its own lockout
    for attempt in range(10):
        response = login(client, accounts[attempt % len(accounts)], "wrong-password")
        assert response.status_code == 401 and "locked" not in response.get_data(as_text=True)
    refused = login(client, "hub.lead@demo.invalid")  # even the right password waits
    assert refused.status_code == 429 and "Too many failed logins" in refused.get_data(as_text=True)
    elsewhere = app.test_client()
    page = elsewhere.get("/console/login", environ_base={"REMOTE_ADDR": "10.9.9.9"}).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert elsewhere.post("/console/login", environ_base={"REMOTE_ADDR": "10.9.9.9"}, data={
        "email": "hub.lead@demo.invalid", "password": PASSWORD, "csrf_token": csrf}).status_code == 302


def test_successful_logins_do_not_use_up_the_address(app):
    for _ in range(12):
        client = app.test_client()
        assert login(client, "hub.lead@demo.invalid").status_code == 302


def test_forwarded_for_counts_only_behind_a_trusted_proxy(app, monkeypatch):
    monkeypatch.setenv("PATHFINDER_LOGIN_FAILURES_PER_ADDRESS", "2")
    client = app.test_client()

    def attempt(forwarded_for):
        return client.post("/console/login", headers={"X-Forwarded-For": forwarded_for}, data={
            "email": "hub.lead@demo.invalid", "password": "wrong-password", "csrf_token": token(client)}).status_code

    assert [attempt(f"10.0.0.{i}") for i in range(3)] == [401, 401, 429]  # made-up headers change nothing
    monkeypatch.setenv("PATHFINDER_TRUSTED_PROXIES", "1")
    assert [attempt("203.0.113.5"), attempt("203.0.113.6")] == [401, 401]
