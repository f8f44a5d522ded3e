"""Real headless Chromium: the pupil widget (keyboard only, booking, escalation, shared computers, charts, WCAG 2.2 AA
with axe-core) and the staff console."""
import re

import pytest
from sqlalchemy import select

from booking import hub, schema
from lmi.config import make_engine
from tests.e2e.browser import CHROMIUM_FLAGS, WebApp, axe_violations, chromium_path, describe, screenshots_dir
from widget import privacy

BOT_MESSAGE = ".pf-msg.pf-bot"
REFERENCE = re.compile(r"PF-[A-Z0-9]{6,}")
OUTLOOK_CHART = {"chart": {
    "title": "Projected change in jobs, Worcestershire, 2025 to 2035",
    "unit": "people",
    "bars": [{"label": "Caring personal service occupations", "value": 4200},
             {"label": "Health professionals", "value": 2900},
             {"label": "Teaching and other educational professionals", "value": 1300},
             {"label": "Process, plant and machine operatives", "value": -800},
             {"label": "Secretarial and related occupations", "value": -1650}],
    "summary": "Caring jobs are projected to grow most, by about 4,200 people. Secretarial jobs are projected to "
               "shrink most, by about 1,650 people.",
    "source": "DfE Labour market and skills projections: 2020 to 2035 (test figures)"}}


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


@pytest.fixture(scope="module")  # Playwright's sync API holds an event loop: closed before tests/scaled/ runs
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
    return page.locator(BOT_MESSAGE).nth(before).inner_text()  # the first reply (a booking is followed by its brief)


def book_an_interview(page) -> tuple[str, str]:
    """Books through the chat as Robin in Year 11 (the widget already open): the confirmation and its reference."""
    say(page, "can i book a careers interview")
    say(page, "Robin")
    say(page, "11")
    say(page, "engineering apprenticeships")
    click_button(page, "^Yes$")
    confirmation = click_button(page, r"\d")
    return confirmation, REFERENCE.search(confirmation).group(0)


def stored(page) -> str:
    """Everything the widget's origin keeps in this tab's sessionStorage and in localStorage."""
    return page.evaluate("JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage)])")


def session_id(page, school):
    return page.evaluate(f"sessionStorage.getItem('pathfinder:{school}:session')")


def open_and_wait_for_greeting(page, web, school):
    page.goto(f"{web.url}/?school={school}")
    page.click(".pf-launcher")
    page.wait_for_selector(BOT_MESSAGE, timeout=60000)


def assert_no_axe_violations(page, where):
    violations = axe_violations(page)
    assert violations == [], f"axe-core WCAG 2.2 AA violations {where}:\n{describe(violations)}"


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
    assert "£" in page.evaluate("JSON.stringify(sessionStorage)")
    assert page.evaluate("localStorage.length") == 0


def test_widget_at_320px_with_the_privacy_line_from_the_retention_settings(page, web, shots):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{web.url}/?school=stafford-college")
    page.click(".pf-launcher")
    line = page.locator("#pf-privacy-text").inner_text()
    assert line == privacy.notice()
    assert "90 days (about 3 months)" in line and "1 year" in line and "12 months" not in line
    page.screenshot(path=str(shots / "widget-320px-privacy.png"))
    page.click("#pf-privacy-ok")
    page.wait_for_selector(BOT_MESSAGE, timeout=60000)
    box = page.locator(".pf-panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    page.screenshot(path=str(shots / "widget-320px.png"))


def test_book_in_the_widget_and_the_adviser_sees_it(page, web, shots):
    open_widget_with_keyboard(page, web, "kidderminster-academy")
    _confirmation, reference = book_an_interview(page)
    page.screenshot(path=str(shots / "widget-booked.png"))
    assert "Write your reference down now" in page.locator(".pf-note").last.inner_text()
    assert reference not in stored(page)
    page.reload()
    page.click(".pf-launcher")
    shown = page.locator(".pf-log").inner_text()
    assert "You're booked in!" in shown and "[reference not kept on this computer]" in shown
    assert reference not in shown
    console_login(page, web, "sam.patel@advisers.invalid")
    page.goto(f"{web.url}/console/bookings")
    assert reference in page.content()
    page.screenshot(path=str(shots / "console-adviser-bookings.png"), full_page=True)


def test_escalation_reaches_the_right_school_only_and_pupil_html_stays_text(page, web, servers, shots):
    open_widget_with_keyboard(page, web, "worcester-high")
    say(page, "<b>marker-html</b> hello")
    page.click("#pf-person")
    page.locator(".pf-log", has_text="member of staff").wait_for(timeout=60000)
    session = session_id(page, "worcester-high")
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


def test_references_a_pupil_types_are_not_stored(page, web):
    open_widget_with_keyboard(page, web, "worcester-high")
    say(page, "please cancel pf abcd2345 for me")
    page.evaluate("payload => window.PathfinderWidget.showBotMessage(payload)",
                  {"text": "What's your booking reference? It looks like PF-ABCD2345."})
    say(page, "wxyz6789")
    say(page, "how much do plumbers get")
    kept = stored(page).lower()
    assert "abcd2345" not in kept and "wxyz6789" not in kept
    assert "please cancel [reference not kept on this computer] for me" in kept and "plumbers" in kept


def test_end_chat_leaves_nothing_for_the_next_pupil(page, web, shots):
    open_widget_with_keyboard(page, web, "worcester-high")
    say(page, "how much do plumbers get")
    first_session = session_id(page, "worcester-high")
    assert "plumbers" in page.locator(".pf-log").inner_text()
    page.click("#pf-end")
    page.wait_for_selector("#pf-privacy-ok:focus")
    assert "Chat ended" in page.locator(".pf-note").inner_text()
    page.wait_for_selector(BOT_MESSAGE, timeout=60000)  # a new greeting, in a new conversation
    assert "plumbers" not in page.locator(".pf-log").inner_text()
    assert "plumbers" not in stored(page)
    assert session_id(page, "worcester-high") not in (None, first_session)
    page.screenshot(path=str(shots / "widget-after-end-chat.png"))
    page.reload()
    page.click(".pf-launcher")
    assert "plumbers" not in page.locator(".pf-log").inner_text()


def test_a_new_tab_or_browser_sees_nothing_of_the_last_pupil(browser, page, web):
    open_widget_with_keyboard(page, web, "worcester-high")
    say(page, "how much do plumbers get")
    second_browser = browser.new_context()
    for other in (page.context.new_page(), second_browser.new_page()):
        open_and_wait_for_greeting(other, web, "worcester-high")
        assert "plumbers" not in other.locator(".pf-log").inner_text()
        assert "plumbers" not in stored(other)
        assert session_id(other, "worcester-high") != session_id(page, "worcester-high")
        other.close()
    second_browser.close()


def test_chats_left_in_local_storage_by_older_versions_are_deleted(page, web):
    page.goto(f"{web.url}/?school=worcester-high")
    page.evaluate("""() => {
        localStorage.setItem('pathfinder:worcester-high:history',
            JSON.stringify([{who: 'bot', text: 'old-chat-marker PF-ABC123', buttons: []}]));
        localStorage.setItem('pathfinder:worcester-high:session', 'old-session');
        localStorage.setItem('pathfinder:stafford-college:privacy', 'seen');
        localStorage.setItem('school-site-setting', 'kept');
    }""")
    page.reload()
    page.click(".pf-launcher")
    assert "old-chat-marker" not in page.locator(".pf-log").inner_text()
    assert page.evaluate("Object.keys(localStorage)") == ["school-site-setting"]
    assert "old-session" not in stored(page)


def test_a_chat_left_idle_for_30_minutes_is_cleared(page, web, shots):
    page.clock.install()
    open_widget_with_keyboard(page, web, "kidderminster-academy")
    say(page, "how much do plumbers get")
    first_session = session_id(page, "kidderminster-academy")
    page.clock.fast_forward("29:00")
    assert "plumbers" in page.locator(".pf-log").inner_text()
    page.clock.fast_forward("02:00")
    page.locator(".pf-note", has_text="30 minutes").wait_for(timeout=10000)
    assert "plumbers" not in page.locator(".pf-log").inner_text()
    assert "plumbers" not in stored(page)
    page.wait_for_selector(BOT_MESSAGE, timeout=60000)
    assert session_id(page, "kidderminster-academy") not in (None, first_session)
    page.screenshot(path=str(shots / "widget-idle-cleared.png"))


def test_a_school_can_set_a_shorter_idle_time(page, web):
    page.add_init_script("""new MutationObserver(() => {
        const tag = document.querySelector('script[src$="embed.js"]');
        if (tag && !tag.hasAttribute('data-idle-minutes')) { tag.setAttribute('data-idle-minutes', '10'); }
    }).observe(document, {childList: true, subtree: true});""")  # as a school's embed line would carry it
    page.clock.install()
    open_widget_with_keyboard(page, web, "kidderminster-academy")
    say(page, "how much do plumbers get")
    page.clock.fast_forward("11:00")
    page.locator(".pf-note", has_text="10 minutes").wait_for(timeout=10000)
    assert "plumbers" not in page.locator(".pf-log").inner_text()


def test_a_chat_idle_for_30_minutes_is_not_shown_after_a_reload(page, web):
    open_widget_with_keyboard(page, web, "kidderminster-academy")
    say(page, "how much do plumbers get")
    page.reload()
    page.click(".pf-launcher")
    assert "plumbers" in page.locator(".pf-log").inner_text()  # 0 minutes idle: still there
    page.evaluate("sessionStorage.setItem('pathfinder:kidderminster-academy:active', String(Date.now() - 31 * 60000))")
    page.reload()
    page.click(".pf-launcher")
    assert "plumbers" not in page.locator(".pf-log").inner_text()
    assert "plumbers" not in stored(page)


def show_chart(page, payload):
    before = page.locator(".pf-chart").count()
    page.evaluate("payload => window.PathfinderWidget.showBotMessage(payload)", payload)
    page.locator(".pf-chart").nth(before).wait_for()
    return page.locator(".pf-chart").last


def test_outlook_chart_is_an_accessible_svg_at_320px(page, web, shots):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{web.url}/?school=worcester-high")
    page.click(".pf-launcher")
    page.click("#pf-privacy-ok")
    chart = show_chart(page, OUTLOOK_CHART)
    svg = chart.locator("svg")
    assert svg.get_attribute("role") == "img"
    names = [page.locator(f"#{i}").inner_text() for i in svg.get_attribute("aria-labelledby").split()]
    assert names == [OUTLOOK_CHART["chart"]["title"], OUTLOOK_CHART["chart"]["summary"]]
    assert svg.locator("rect").count() == 5
    values = svg.locator(".pf-value").all_text_contents()
    assert values == ["+4,200 people", "+2,900 people", "+1,300 people", "-800 people", "-1,650 people"]
    baseline = float(svg.locator(".pf-baseline").get_attribute("x1"))
    bars = [(float(r.get_attribute("x")), float(r.get_attribute("width"))) for r in svg.locator("rect").all()]
    assert all(abs(x - baseline) < 0.2 for x, _ in bars[:3])  # growth starts at zero and goes right
    assert all(abs(x + w - baseline) < 0.2 for x, w in bars[3:])  # decline ends at zero: it goes left
    assert bars[0][1] > bars[1][1] > bars[2][1] and bars[4][1] > bars[3][1]
    rows = chart.locator("table tbody tr").all_inner_texts()
    assert [re.sub(r"\s+", " ", r).strip() for r in rows][3] == "Process, plant and machine operatives -800 people"
    assert "Source: DfE" in chart.inner_text()
    panel, drawn = page.locator(".pf-panel").bounding_box(), svg.bounding_box()
    assert drawn["x"] >= panel["x"] and drawn["x"] + drawn["width"] <= panel["x"] + panel["width"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 320, "height": 1000})  # tall enough to see the whole chart in the chat
    chart.evaluate("figure => figure.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(shots / "widget-chart-320px.png"))
    page.reload()  # a chart comes back with the rest of the chat
    page.click(".pf-launcher")
    assert page.locator(".pf-chart svg[role=img] rect").count() == 5


def test_a_malformed_chart_payload_shows_nothing_and_breaks_nothing(page, web):
    page.goto(f"{web.url}/?school=worcester-high")
    page.click(".pf-launcher")
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    for bad in ({"chart": {"title": "No bars", "summary": "x", "bars": []}},
                {"chart": {"title": "Text value", "summary": "x", "bars": [{"label": "a", "value": "12"}]}},
                {"chart": "not an object"}, {"chart": None}, None):
        page.evaluate("payload => window.PathfinderWidget.showBotMessage(payload)", bad)
    show_chart(page, OUTLOOK_CHART)
    assert page.locator(".pf-chart").count() == 1 and errors == []


def test_widget_passes_axe_wcag_22_aa(page, web, shots):
    open_and_wait_for_greeting(page, web, "worcester-high")
    assert_no_axe_violations(page, "with the widget open and its privacy line showing")
    page.click("#pf-privacy-ok")
    click_button(page, "^Apprenticeships$")
    assert page.locator(".pf-buttons button").count() > 0
    assert_no_axe_violations(page, "after a conversation with buttons")
    show_chart(page, OUTLOOK_CHART)
    assert_no_axe_violations(page, "with a chart shown")
    page.screenshot(path=str(shots / "widget-chart.png"))
    page.click("#pf-end")
    assert_no_axe_violations(page, "after End chat")


def test_console_login_passes_axe_wcag_22_aa(page, web):
    page.goto(f"{web.url}/console/login")
    assert_no_axe_violations(page, "on the console login page")


def test_a_real_outlook_answer_draws_its_chart_in_the_widget(page, web, shots):
    """From the pupil's question through Rasa, the action and the socket.io channel to the SVG on the page."""
    open_widget_with_keyboard(page, web, "worcester-high")
    say(page, "which jobs will be in demand in the 2030s")
    if page.locator(".pf-chart").count() == 0 and "town" in page.locator(BOT_MESSAGE).last.inner_text().lower():
        say(page, "worcester")
    page.locator(".pf-chart svg[role=img]").first.wait_for(timeout=60000)
    chart = page.locator(".pf-chart").last
    assert chart.locator("svg[role=img] rect").count() >= 3
    assert "DfE" in chart.inner_text()
    page.screenshot(path=str(shots / "widget-real-outlook-chart.png"))
    violations = axe_violations(page)
    assert violations == [], describe(violations)
