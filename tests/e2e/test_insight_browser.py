"""Real headless Chromium on the hub insight page: questions recorded through the recorder, a hub lead logs in and
sees the unanswered-questions table with a suppressed count, keyboard filters, CSV export, and axe-core (WCAG 2.2 AA)."""
import re
import threading

import pytest
from werkzeug.serving import make_server

from booking import hub
from booking.service import now_local
from bot.local_servers import free_port
from insight.record import record_asked
from lmi.config import make_engine
from lmi.loader import load
from tests.conftest import LMI_DIR
from tests.e2e.browser import axe_violations, describe, screenshots_dir
from tests.e2e.test_browser import browser, page  # noqa: F401


def asked(topic, answered=True, **values):
    return {"topic": topic, "answered": answered, "figures": [], **values}


@pytest.fixture(scope="module")
def console(tmp_path_factory):
    import os
    from console.app import create_app
    folder = tmp_path_factory.mktemp("insight-e2e")
    url = f"sqlite:///{folder / 'p.db'}"
    engine = make_engine(url)
    hub.seed_demo(engine)
    load(LMI_DIR, engine)
    now = now_local()
    seeded = [("worcester-high", 10, asked("pay", soc_code="5241"), 8),
              ("worcester-high", 11, asked("route", route="t_levels"), 6),
              ("stafford-college", 9, asked("local_demand", answered=False, soc_code="2231", area_id="leek",
                                            area="Leek"), 3),
              ("stafford-college", 9, asked("local_demand", answered=False, soc_code="5241", area_id="stone",
                                            area="Stone"), 6),
              ("kidderminster-academy", None, asked("apprenticeship", answered=False, sector="construction",
                                                    area_id="kidderminster", area="Kidderminster"), 5)]
    for school, year, record, times in seeded:
        for _ in range(times):
            assert record_asked(engine, record, school_id=school, year_group=year, at=now)
    os.environ["PATHFINDER_INSECURE_COOKIES"] = "1"
    app = create_app(url, f"sqlite:///{folder / 't.db'}")
    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


def test_a_hub_lead_sees_what_pupils_ask_and_what_went_unanswered(page, console):
    page.goto(f"{console}/console/login")
    page.fill("#email", "hub.lead@demo.invalid")
    page.fill("#password", hub.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.click("text=Hub insight")
    assert page.locator("h1").inner_text() == "Hub insight"

    unanswered = page.locator("#unanswered-table")
    leek = unanswered.locator("tr", has_text="Leek")
    assert leek.locator("th").inner_text() == "Midwifery nurses"
    assert leek.locator("td").all_inner_texts() == ["Leek", "fewer than 5"]
    stone = unanswered.locator("tr", has_text="Stone")
    assert stone.locator("td").all_inner_texts() == ["Stone", "5"]
    assert unanswered.locator("tr", has_text="Kidderminster").locator("th").inner_text() == "Construction"
    assert page.locator("#topics-table tr", has_text="Pay").locator("td").inner_text() == "10"
    chart = page.get_by_role("img", name=re.compile(r"^Questions the dataset could not answer"))
    assert "Midwifery nurses, Leek: fewer than 5." in chart.locator("desc").text_content()
    violations = axe_violations(page)
    assert violations == [], f"axe-core WCAG 2.2 AA violations on the insight page:\n{describe(violations)}"
    page.screenshot(path=str(screenshots_dir() / "console-hub-insight.png"), full_page=True)

    page.focus("#school")  # the filters by keyboard alone
    page.select_option("#school", "stafford-college")
    page.focus("#year")
    page.select_option("#year", "Year 9")
    page.focus("button:has-text('Show')")
    page.keyboard.press("Enter")
    page.wait_for_url("**school=stafford-college**")
    assert "Stafford Demo College, Year 9" in page.locator("#summary").inner_text()
    assert page.locator("#unanswered-table tr", has_text="Kidderminster").count() == 0

    link = page.locator("a", has_text="Download CSV: Questions the dataset could not answer")
    response = page.request.get(console + link.get_attribute("href"))
    body = response.text()
    assert response.ok and "Counts under 5 are suppressed and shown as <5" in body
    assert "Midwifery nurses,Leek,<5" in body and "Filters: school Stafford Demo College; year group Year 9" in body
    page.screenshot(path=str(screenshots_dir() / "console-hub-insight-filtered.png"), full_page=True)
