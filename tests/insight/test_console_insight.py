"""The hub insight page and its CSV export in the console: who sees which school, suppressed counts, no text."""
import re

import pytest

from booking import hub, staff
from booking.service import now_local
from console.app import create_app
from tests.insight.conftest import asked, record_many

PASSWORD = hub.DEMO_PASSWORD
PUPIL_WORDS = "Jamie from 10B wants to be a midwife"


@pytest.fixture
def app(db_url, engine, tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFINDER_INSECURE_COOKIES", "1")
    monkeypatch.setenv("PATHFINDER_SECRET_KEY", "test-secret")
    for email, role, school in (("careers@worcester-high.invalid", "careers_leader", "worcester-high"),
                                ("careers@stafford-college.invalid", "careers_leader", "stafford-college"),
                                ("hub.dsl@demo.invalid", "hub_dsl", None)):
        staff.add_user(engine, email, role, PASSWORD, role, school_id=school)
    now = now_local()
    record_many(engine, 8, asked("pay", soc_code="5241", occupation=PUPIL_WORDS), at=now)          # Worcester
    record_many(engine, 3, asked("local_demand", soc_code="2231", area_id="leek", answered=False),
                school_id="stafford-college", year_group=9, at=now)
    record_many(engine, 6, asked("local_demand", soc_code="5241", area_id="stone", answered=False),
                school_id="stafford-college", year_group=9, at=now)
    made = create_app(db_url, f"sqlite:///{tmp_path / 't.db'}")
    made.config["TESTING"] = True
    return made


def client_for(app, email):
    client = app.test_client()
    page = client.get("/console/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/console/login", data={"email": email, "password": PASSWORD,
                                               "csrf_token": token}).status_code == 302
    return client


def test_the_hub_lead_sees_every_school_with_small_counts_suppressed(app):
    page = client_for(app, "hub.lead@demo.invalid").get("/console/insight")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<h1>Hub insight</h1>" in html and "Questions the dataset could not answer, by job and town" in html
    assert re.search(r"<th scope=\"row\">Midwifery nurses</th><td>Leek</td><td class=\"suppressed\">fewer than 5</td>",
                     html)
    assert re.search(r"<th scope=\"row\">Electricians and electrical fitters</th><td>Stone</td><td>5</td>", html)
    assert "Stafford Demo College" in html and "Worcester Demo High School" in html  # the school filter
    assert "<svg role=\"img\"" in html and "Midwifery nurses, Leek: fewer than 5." in html
    assert PUPIL_WORDS not in html and "Jamie" not in html


def test_a_careers_leader_sees_their_own_school_only(app):
    client = client_for(app, "careers@worcester-high.invalid")
    html = client.get("/console/insight").get_data(as_text=True)
    assert "Worcester Demo High School (your school)" in html and "Leek" not in html and "Stone" not in html
    assert client.get("/console/insight?school=stafford-college").status_code == 404
    assert client.get("/console/insight/unanswered.csv?school=stafford-college").status_code == 404
    stafford = client_for(app, "careers@stafford-college.invalid").get("/console/insight").get_data(as_text=True)
    assert "Leek" in stafford and "Electricians" in stafford and "Worcester Demo" not in stafford


@pytest.mark.parametrize("email", ["staff@worcester-high.invalid", "dsl@worcester-high.invalid",
                                   "hub.dsl@demo.invalid", "sam.patel@advisers.invalid"])
def test_other_staff_cannot_open_the_page_or_the_export(app, email):
    client = client_for(app, email)
    assert client.get("/console/insight").status_code == 404
    assert client.get("/console/insight/topics.csv").status_code == 404
    assert "Hub insight" not in client.get("/console/bookings").get_data(as_text=True)


def test_logged_out_visitors_are_sent_to_the_login(app):
    for path in ("/console/insight", "/console/insight/unanswered.csv"):
        response = app.test_client().get(path)
        assert response.status_code == 302 and "/console/login" in response.headers["Location"]


def test_the_export_keeps_the_filters_and_suppresses(app):
    client = client_for(app, "hub.lead@demo.invalid")
    response = client.get("/console/insight/unanswered.csv?school=stafford-college&year=Year+9")
    body = response.get_data(as_text=True)
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    assert "Filters: school Stafford Demo College; year group Year 9; month every month kept" in body
    assert "Midwifery nurses,Leek,<5" in body and "Electricians and electrical fitters,Stone,5" in body
    assert "Total,,10" in body
    empty = client.get("/console/insight/unanswered.csv?school=worcester-high").get_data(as_text=True)
    assert "Leek" not in empty and "Total,,0" in empty
    assert client.get("/console/insight/nothing.csv").status_code == 404


def test_the_page_links_each_csv_with_its_filters(app):
    html = client_for(app, "hub.lead@demo.invalid").get("/console/insight?year=Year+9").get_data(as_text=True)
    assert 'href="/console/insight/unanswered.csv?school=&amp;year=Year+9&amp;month="' in html


def test_nonsense_filters_are_ignored_not_errors(app):
    client = client_for(app, "hub.lead@demo.invalid")
    assert client.get("/console/insight?year=Year+99&month=banana").status_code == 200
    assert client.get("/console/insight?month=2026-13").status_code == 200
