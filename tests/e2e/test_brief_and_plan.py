"""Real headless Chromium, end to end: a pupil asks about a job, books, takes an item out of the brief and sends it;
the adviser sees the brief on the booking's console page and writes next steps; the pupil reopens the widget in
the same conversation, sees the steps and ticks one off; the adviser sees the tick. Screenshots of each."""
import re

from tests.e2e.test_browser import (BOT_MESSAGE, assert_no_axe_violations, book_an_interview, browser,  # noqa: F401
                                    click_button, console_login, open_widget_with_keyboard, page, say, shots, web)

SCHOOL = "kidderminster-academy"


def wait_for_bot(page, text, timeout=60000):
    page.locator(BOT_MESSAGE, has_text=text).last.wait_for(timeout=timeout)
    return page.locator(BOT_MESSAGE, has_text=text).last.inner_text()


def test_brief_to_the_adviser_and_action_plan_back_to_the_pupil(page, web, shots):  # noqa: F811
    open_widget_with_keyboard(page, web, SCHOOL)
    assert "£" in say(page, "how much do electricians get")
    _confirmation, reference = book_an_interview(page)

    offer = wait_for_bot(page, "short note")
    assert "1. Year 11" in offer and "2. Wants to talk about: engineering apprenticeships" in offer
    assert re.search(r"3\. Looked at the job: Electricians.*£[\d,]+ a year", offer)
    titles = page.locator(".pf-buttons").last.locator("button").all_inner_texts()
    assert titles[:3] == ["Remove 1", "Remove 2", "Remove 3"] and titles[-2:] == ["Send it", "Don't send"]
    assert page.locator(".pf-buttons").last.get_attribute("role") == "group"
    page.screenshot(path=str(shots / "widget-brief-offered.png"))
    assert_no_axe_violations(page, "in the widget offering a brief")

    click_button(page, "^Remove 2$")
    shown = wait_for_bot(page, "took out number 2")
    assert "Wants to talk about" not in shown and "1. Year 11" in shown
    click_button(page, "^Send it$")
    wait_for_bot(page, "Sent!")
    page.screenshot(path=str(shots / "widget-brief-sent.png"))

    console_login(page, web, "sam.patel@advisers.invalid")
    page.goto(f"{web.url}/console/bookings")
    page.click(f"a:has-text('{reference}')")
    brief = page.locator("ol.brief").inner_text()
    assert "Year 11" in brief and "Electricians" in brief and "£" in brief
    assert "Wants to talk about" not in brief  # the pupil took it out
    page.screenshot(path=str(shots / "console-booking-brief.png"), full_page=True)
    assert_no_axe_violations(page, "on the console's booking page")

    page.fill("#step1", "Look at the Level 3 electrical apprenticeship at Kidderminster College")
    page.fill("#step2", "Ask your form tutor about work experience with an electrician")
    page.click("text=Save next steps")
    assert "Next steps saved" in page.locator(".flash").inner_text()
    page.screenshot(path=str(shots / "console-action-plan.png"), full_page=True)

    page.goto(f"{web.url}/?school={SCHOOL}")  # the same tab: the widget reopens on the same conversation
    page.click(".pf-launcher")
    plan = wait_for_bot(page, "Welcome back, Robin")
    assert "1. Look at the Level 3 electrical apprenticeship" in plan and "2. Ask your form tutor" in plan
    click_button(page, "^I've done 1$")
    ticked = wait_for_bot(page, "ticked off step 1")
    assert "(done ✓)" in ticked
    page.screenshot(path=str(shots / "widget-action-plan.png"))

    page.goto(f"{web.url}/console/bookings/{reference}")
    steps = page.locator("ol.steps").inner_text()
    assert re.search(r"Kidderminster College · done", steps) and "not done yet" in steps
    page.screenshot(path=str(shots / "console-action-plan-ticked.png"), full_page=True)
