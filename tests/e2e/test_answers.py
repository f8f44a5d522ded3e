"""Through REST with the action server: true, sourced, short answers with follow-ups and context."""
import re
import uuid

CITATION = re.compile(r"\((?:ONS|IfATE|DfE|GOV\.UK|[A-Z][\w .&'-]+), (?:19|20)\d\d")


def texts(replies):
    return " ".join(r.get("text") or "" for r in replies)


def buttons(replies):
    return [b["title"] for r in replies for b in r.get("buttons") or []]


def test_greeting(servers):
    assert "Pathfinder" in texts(servers.say("hiya"))


def test_pay_answer_quotes_a_sourced_figure_and_offers_follow_ups(servers):
    replies = servers.say("how much do electricians get")
    text = texts(replies)
    assert "£" in text and CITATION.search(text), text
    assert len(text.split()) <= 80
    assert any("pprenticeship" in b for b in buttons(replies))


def test_context_carries_over_to_follow_ups(servers):
    me = uuid.uuid4().hex
    servers.say("how much do plumbers earn", me)
    text = texts(servers.say("can i do an apprenticeship for that", me))
    assert "lumb" in text or "eating" in text, text


def test_local_question_asks_for_the_place_once_then_remembers_it(servers):
    me = uuid.uuid4().hex
    first = texts(servers.say("is nursing in demand round here", me))
    assert "town" in first.lower() or "area" in first.lower()
    second = texts(servers.say("kidderminster", me))
    assert "Worcestershire" in second, second
    third = texts(servers.say("what jobs are growing round here", me))
    assert "Worcestershire" in third and "which town" not in third.lower()


def test_typo_in_a_job_name(servers):
    text = texts(servers.say("how much does a plumbr get paid"))
    assert "£" in text or "don't have a pay figure" in text


def test_options_after_gcses(servers):
    text = texts(servers.say("what can i do after my gcses"))
    assert "A level" in text or "T Level" in text


def test_apprenticeships_for_a_sector_and_at_degree_level(servers):
    text = texts(servers.say("what apprenticeships are there in construction"))
    assert "jobs in construction" in text and "level" in text and CITATION.search(text), text
    text = texts(servers.say("are there degree apprenticeships in engineering"))
    assert "degree level" in text, text
    assert not re.search(r"\(level [2-5]\b", text), text


def test_sector_in_demand_near_me_uses_the_hub_priorities(servers):
    me = uuid.uuid4().hex
    servers.say("i live in redditch", me)
    text = texts(servers.say("is construction in demand round here", me))
    assert "Worcestershire" in text and "priority" in text, text


# --- issue 10: projections, entry routes, tasks, and answer quality seen by a new user ---------------------
PROJECTIONS = "(DfE, 2024, Labour market and skills projections, Skills Imperative 2035)"
ONS_SOC = "(ONS, 2025, SOC 2020 Volume 1,"


def charts(replies):
    return [r["custom"]["data"]["chart"] for r in replies
            if isinstance(r.get("custom"), dict) and "chart" in r["custom"].get("data", {})]


def test_will_there_be_jobs_near_me_asks_the_town_once_then_gives_projected_openings(servers):
    me = uuid.uuid4().hex
    first = texts(servers.say("will there be jobs for electricians round here in the future", me))
    assert "town" in first.lower(), first
    text = texts(servers.say("bromsgrove", me))
    assert "Worcestershire" in text and "projected" in text and "2020 to 2035" in text, text
    assert "retire or leave" in text and "England" in text and PROJECTIONS in text, text
    again = texts(servers.say("is plumbing growing or shrinking round here", me))
    assert "Worcestershire" in again and "projected" in again and "which town" not in again.lower(), again


def test_jobs_in_demand_in_the_2030s_come_with_a_chart_and_a_text_that_stands_alone(servers):
    me = uuid.uuid4().hex
    servers.say("i live in stafford", me)
    replies = servers.say("which jobs will be in demand in the 2030s", me)
    text = texts(replies)
    assert "Stoke-on-Trent and Staffordshire" in text and "2020 to 2035" in text and PROJECTIONS in text, text
    [chart] = charts(replies)
    assert set(chart) == {"title", "unit", "bars", "summary", "source"} and len(chart["bars"]) == 5
    assert all(b["label"].lower() in text for b in chart["bars"]), (chart, text)


def test_how_many_people_work_in_an_industry(servers):
    me = uuid.uuid4().hex
    servers.say("i go to school in kidderminster", me)
    text = texts(servers.say("how many people work in construction round here", me))
    assert re.search(r"About \d{1,3},\d{3} people work in construction in Worcestershire", text), text
    assert PROJECTIONS in text, text


def test_how_to_become_a_job_gives_ons_entry_routes_and_apprenticeships(servers):
    text = texts(servers.say("how do i become a plumber"))
    assert ONS_SOC in text and "apprenticeship" in text.lower() and "Plumb" in text, text
    assert "nationalcareers" not in text, text


def test_what_a_job_involves_day_to_day_quotes_ons_tasks(servers):
    text = texts(servers.say("what does a vet do day to day"))
    assert "Day to day" in text and "examines animals" in text and ONS_SOC in text, text


def test_options_after_year_11_include_apprenticeships(servers):
    text = texts(servers.say("what are my options after year 11"))
    assert "Apprenticeships" in text and "A levels" in text, text


def test_a_question_about_one_route_answers_that_route(servers):
    text = texts(servers.say("what is a t level"))
    assert text.startswith("T Levels:") and "BTEC" not in text and "A levels:" not in text, text


def test_getting_into_university_explains_entry_requirements(servers):
    text = texts(servers.say("how do i get into uni"))
    assert "To get in:" in text and "UCAS" in text, text


def test_no_answer_is_cut_off_mid_sentence(servers):
    for question in ("a levels or t levels", "should i go to uni or do an apprenticeship", "what is a btec",
                     "what can i do after my a levels", "tell me about being a nurse", "how do i become a teacher"):
        text = texts(servers.say(question))
        assert "..." not in text and "…" not in text, (question, text)


def test_apprenticeships_in_a_sector_are_that_sectors_standards(servers):
    text = texts(servers.say("what apprenticeships are there in engineering"))
    assert "Engineering" in text and "Baker" not in text and "Autocare" not in text, text


def test_asking_for_the_town_keeps_the_sector_asked_about(servers):
    me = uuid.uuid4().hex
    servers.say("how much do hairdressers earn", me)  # a job earlier in the conversation
    first = texts(servers.say("are there jobs in construction round here", me))
    assert "town" in first.lower(), first
    text = texts(servers.say("kidderminster", me))
    assert "construction" in text.lower() and "Worcestershire" in text, text
    assert "hairdress" not in text.lower(), text
    size = texts(servers.say("how many people work in it round here", me))
    assert "people work in construction in Worcestershire" in size, size
