"""Real headless Chromium: the pupil widget (keyboard only, booking, escalation) and the staff console."""
import re

import pytest
from sqlalchemy import select

from booking import hub, schema
from lmi.config import make_engine
from tests.e2e.browser import CHROMIUM_FLAGS, WebApp, chromium_path, screenshots_dir

BOT_MESSAGE = ".pf-msg.pf-bot"


@pytest.fixture(scope="session")
def web(servers):
    app = WebApp(servers)
    yield app
    app.stop()


@pytest.fixture(scope="session")
def shots():
    folder = screenshots_dir()
    print(f"\nScreenshots: {folder}")
    return folder


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.fail("Chromium is not installed: run scripts/install-system-deps")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    yield context.new_page()
    context.close()


def open_widget_with_keyboard(page, web, school):
    page.goto(f"{web.url}/?school={school}")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.className") == "pf-launcher":
            break
    else:
        pytest.fail("the chat button cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("#pf-privacy-ok:focus")
    page.keyboard.press("Enter")
    page.wait_for_selector("#pf-input:focus")
    page.wait_for_selector(BOT_MESSAGE, timeout=60000)  # the greeting


def say(page, text):
    before = page.locator(BOT_MESSAGE).count()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    page.locator(BOT_MESSAGE).nth(before).wait_for(timeout=60000)  # the page's CSP forbids wait_for_function
    return page.locator(BOT_MESSAGE).last.inner_text()


def click_button(page, title_pattern):
    before = page.locator(BOT_MESSAGE).count()
    page.locator(".pf-buttons button", has_text=re.compile(title_pattern)).last.click()
    page.locator(BOT_MESSAGE).nth(before).wait_for(timeout=60000)  # the page's CSP forbids wait_for_function
    return page.locator(BOT_MESSAGE).last.inner_text()


def console_login(page, web, email, password=hub.DEMO_PASSWORD):
    page.goto(f"{web.url}/console/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit]")


def test_keyboard_only_chat_gets_a_sourced_answer_and_survives_reload(page, web, shots):
    open_widget_with_keyboard(page, web, "worcester-high")
    answer = say(page, "how much do electricians get")
    assert "£" in answer and re.search(r"\((ONS|[A-Z][\w ]+), 20\d\d\)", answer), answer
    assert page.locator("[role=log][aria-live=polite]").count() == 1
    assert page.locator("#pf-help").inner_text().count("0800 1111") == 1
    page.screenshot(path=str(shots / "widget-answer.png"))
    page.reload()
    page.click(".pf-launcher")
    assert "£" in page.locator(".pf-log").inner_text()


def test_widget_at_320px(page, web, shots):
    page.set_viewport_size({"width": 320, "height": 640})
    open_widget_with_keyboard(page, web, "stafford-college")
    box = page.locator(".pf-panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    page.screenshot(path=str(shots / "widget-320px.png"))


def test_book_in_the_widget_and_the_adviser_sees_it(page, web, shots):
    open_widget_with_keyboard(page, web, "kidderminster-academy")
    say(page, "can i book a careers interview")
    say(page, "Robin")
    say(page, "11")
    say(page, "engineering apprenticeships")
    click_button(page, "^Yes$")
    confirmation = click_button(page, r"\d")
    reference = re.search(r"PF-[A-Z0-9]{6}", confirmation).group(0)
    page.screenshot(path=str(shots / "widget-booked.png"))
    console_login(page, web, "sam.patel@advisers.invalid")
    page.goto(f"{web.url}/console/bookings")
    assert reference in page.content()
    page.screenshot(path=str(shots / "console-adviser-bookings.png"), full_page=True)


def test_escalation_reaches_the_right_school_only_and_pupil_html_stays_text(page, web, servers, shots):
    open_widget_with_keyboard(page, web, "worcester-high")
    say(page, "<b>marker-html</b> hello")
    page.click("#pf-person")
    page.locator(".pf-log", has_text="member of staff").wait_for(timeout=60000)
    session = page.evaluate("localStorage.getItem('pathfinder:worcester-high:session')")
    engine = make_engine(servers.database_url)
    with engine.connect() as conn:
        escalation_id = conn.execute(select(schema.escalation.c.id)
                                     .where(schema.escalation.c.conversation_id == session)).scalar()
    assert escalation_id
    console_login(page, web, "staff@stafford-college.invalid")
    assert page.goto(f"{web.url}/console/escalations/{escalation_id}").status == 404
    page.click("text=Log out")
    console_login(page, web, "staff@worcester-high.invalid")
    page.goto(f"{web.url}/console/escalations/{escalation_id}")
    transcript = page.locator(".transcript")
    assert "<b>marker-html</b>" in transcript.inner_text()
    assert transcript.locator("b").count() == 0
    page.screenshot(path=str(shots / "console-escalation.png"), full_page=True)


def test_console_login_csrf_and_logout(page, web, shots):
    console_login(page, web, "hub.lead@demo.invalid", "not-the-password")
    assert "don't match" in page.locator(".error").inner_text()
    console_login(page, web, "hub.lead@demo.invalid")
    assert page.url.endswith("/console/escalations")
    page.screenshot(path=str(shots / "console-queue.png"), full_page=True)
    forged = page.request.post(f"{web.url}/console/escalations/1", form={"action": "status", "status": "resolved"})
    assert forged.status == 400
    page.click("text=Log out")
    assert "/console/login" in page.url
    assert "/console/login" in page.goto(f"{web.url}/console/escalations").url
