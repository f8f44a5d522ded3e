"""A booking's page in the console: the approved brief, and the next steps form (roles and school scoping, CSRF,
at most five steps, plain validation errors)."""
import re

import pytest
from sqlalchemy import select

from booking import brief, plans, schema, staff
from booking.service import Pupil, book, free_slots
from tests.console.test_console import app, login, token  # noqa: F401 - the app fixture

PASSWORD = "a-long-password"


@pytest.fixture
def booked(app):  # noqa: F811
    engine = app.config["ENGINE"]
    staff.add_user(engine, "careers@kidderminster.invalid", "CL", PASSWORD, "careers_leader",
                   school_id="kidderminster-academy")
    slot = free_slots(engine, "kidderminster-academy")[0]
    made = book(engine, Pupil("pupil-1", "Ali", "kidderminster-academy", 10, "engineering", True), slot.slot_id)
    brief.save(engine, "pupil-1", made.reference, [{"kind": "year_group", "text": "Year 10"},
                                                    {"kind": "job", "text": "Looked at the job: Electricians"}])
    return made


def client_for(app, email, password=None):  # noqa: F811
    client = app.test_client()
    assert login(client, email, *([password] if password else [])).status_code == 302
    return client


def page_of(booked):
    return f"/console/bookings/{booked.reference}"


def post(client, booked, steps, with_token=True):
    data = {f"step{n}": text for n, text in enumerate(steps, start=1)}
    if with_token:
        data["csrf_token"] = token(client, page_of(booked))
    return client.post(page_of(booked), data=data)


def test_the_adviser_sees_the_brief_and_saves_steps(app, booked):  # noqa: F811
    client = client_for(app, "sam.patel@advisers.invalid")
    assert page_of(booked) in client.get("/console/bookings").get_data(as_text=True)
    page = client.get(page_of(booked)).get_data(as_text=True)
    assert "Brief from the pupil" in page and "Looked at the job: Electricians" in page
    response = post(client, booked, ["Visit Kidderminster College open day", "", "Ask about work experience"])
    assert response.status_code == 302
    page = client.get(page_of(booked)).get_data(as_text=True)
    assert "Next steps saved" in page and "Visit Kidderminster College open day" in page and "not done yet" in page
    assert [s.text for s in plans.steps(app.config["ENGINE"], booked.reference)] == [
        "Visit Kidderminster College open day", "Ask about work experience"]


def test_a_tick_by_the_pupil_shows_to_staff(app, booked):  # noqa: F811
    client = client_for(app, "careers@kidderminster.invalid", PASSWORD)
    post(client, booked, ["Visit the open day"])
    step = plans.steps(app.config["ENGINE"], booked.reference)[0]
    plans.tick(app.config["ENGINE"], booked.reference, step.id)
    assert re.search(r"Visit the open day · <strong>done</strong>", client.get(page_of(booked)).get_data(as_text=True))


def test_six_steps_or_a_long_one_get_a_plain_error_and_nothing_changes(app, booked):  # noqa: F811
    client = client_for(app, "sam.patel@advisers.invalid")
    data = {f"step{n}": f"step {n}" for n in range(1, 7)}
    data["csrf_token"] = token(client, page_of(booked))
    response = client.post(page_of(booked), data=data)
    assert response.status_code == 400 and "at most 5 next steps" in response.get_data(as_text=True)
    response = post(client, booked, ["fine", "x" * 301])
    assert response.status_code == 400 and "Step 2 is too long" in response.get_data(as_text=True)
    response = post(client, booked, ["", ""])
    assert response.status_code == 400 and "Write at least one next step" in response.get_data(as_text=True)
    assert plans.steps(app.config["ENGINE"], booked.reference) == []


def test_without_the_csrf_token_nothing_is_saved(app, booked):  # noqa: F811
    client = client_for(app, "sam.patel@advisers.invalid")
    assert post(client, booked, ["Visit the open day"], with_token=False).status_code == 400
    assert plans.steps(app.config["ENGINE"], booked.reference) == []


@pytest.mark.parametrize("email", ["jo.evans@advisers.invalid", "staff@stafford-college.invalid",
                                   "staff@worcester-high.invalid"])
def test_other_schools_and_advisers_get_not_found(app, booked, email):  # noqa: F811
    client = client_for(app, email)
    assert client.get(page_of(booked)).status_code == 404
    response = client.post(page_of(booked), data={"step1": "x", "csrf_token": token(client, "/console/bookings")})
    assert response.status_code == 404 and plans.steps(app.config["ENGINE"], booked.reference) == []


def test_a_teacher_of_the_school_reads_it_but_cannot_write_steps(app, booked):  # noqa: F811
    client = client_for(app, "staff@kidderminster-academy.invalid")
    page = client.get(page_of(booked)).get_data(as_text=True)
    assert "Looked at the job: Electricians" in page and 'name="step1"' not in page
    response = client.post(page_of(booked), data={"step1": "x", "csrf_token": token(client, page_of(booked))})
    assert response.status_code == 404 and plans.steps(app.config["ENGINE"], booked.reference) == []


def test_no_brief_is_said_plainly(app):  # noqa: F811
    engine = app.config["ENGINE"]
    slot = free_slots(engine, "worcester-high")[0]
    made = book(engine, Pupil("pupil-2", "Bo", "worcester-high", 9, "university", True), slot.slot_id)
    client = client_for(app, "hub.lead@demo.invalid")
    assert "The pupil did not send a brief" in client.get(f"/console/bookings/{made.reference}").get_data(as_text=True)
    with engine.connect() as conn:
        assert conn.execute(select(schema.booking_brief).where(
            schema.booking_brief.c.booking_reference == made.reference)).first() is None
