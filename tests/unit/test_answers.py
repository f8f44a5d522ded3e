"""Replies: at most 80 words, sourced whenever a figure is quoted, honest when there is none."""
import re

import pytest
from sqlalchemy import select

from answers import apprenticeships, jobs, local, routes
from answers.occupations import did_you_mean, resolve
from answers.reply import MAX_WORDS, money
from lmi import schema

CITE = re.compile(r"\([^()]*(?:19|20)\d\d[^()]*\)")


def all_socs(lmi_db):
    with lmi_db.engine.connect() as conn:
        return [r.soc_code for r in conn.execute(select(schema.occupation.c.soc_code))]


def test_every_job_reply_is_short_and_sourced(lmi_db):
    for soc in all_socs(lmi_db):
        for reply in (jobs.job_info(lmi_db, soc), jobs.pay(lmi_db, soc)):
            assert reply.words <= MAX_WORDS, (soc, reply.text)
            if "£" in reply.text:
                assert CITE.search(reply.text), reply.text
            assert reply.buttons


def test_pay_quotes_the_published_median_or_says_there_is_none(lmi_db):
    for soc in all_socs(lmi_db):
        figure = lmi_db.headline_pay(soc)
        text = jobs.pay(lmi_db, soc).text
        if figure:
            assert money(figure.median) in text and f"({figure.source.short})" in text
        else:
            assert "don't have a pay figure" in text and "£" not in text


def test_best_paid_list(lmi_db):
    reply = jobs.best_paid(lmi_db)
    assert reply.words <= MAX_WORDS
    assert "ONS" in reply.text or "don't have pay figures" in reply.text


def test_did_you_mean_offers_buttons_for_ambiguous_words(lmi_db):
    resolution = resolve(lmi_db, "engineer")
    if resolution.found:
        pytest.skip("the dataset makes 'engineer' unambiguous")
    reply = did_you_mean(resolution, "ask_pay")
    assert 2 <= len(reply.buttons) <= 5
    assert all(p.startswith("/choose_occupation{") or p == "/inform_occupation_unknown" for _t, p in reply.buttons)
    assert reply.slots["pending_intent"] == "ask_pay"


def test_apprenticeship_replies(lmi_db):
    for soc in all_socs(lmi_db)[:60]:
        for reply in (apprenticeships.for_job(lmi_db, soc, None), apprenticeships.duration(lmi_db, soc, None)):
            assert reply.words <= MAX_WORDS, reply.text
    paid = apprenticeships.pay(lmi_db)
    assert paid.text.startswith("Yes")
    if "£" in paid.text:
        assert CITE.search(paid.text)
    assert apprenticeships.levels(lmi_db).words <= MAX_WORDS
    assert apprenticeships.levels(lmi_db, 3).words <= MAX_WORDS


def test_local_replies_for_every_hub(lmi_db):
    for hub in lmi_db.hubs():
        reply = local.growing(lmi_db, hub)
        assert reply.words <= MAX_WORDS, reply.text
        if any(ch.isdigit() for ch in reply.text):
            assert CITE.search(reply.text), reply.text
        profile = lmi_db.profile_of(hub)
        for named in profile.priority_sectors[:1] + profile.growth[:1]:
            assert named.source.short in reply.text, reply.text
        if not (profile.priority_sectors or profile.growth or profile.employment):
            assert "don't have" in reply.text
        for soc in all_socs(lmi_db)[:40]:
            demand = local.local_demand(lmi_db, soc, hub)
            assert demand.words <= MAX_WORDS, demand.text
            if any(ch.isdigit() for ch in demand.text):
                assert CITE.search(demand.text), demand.text


def test_place_replies(lmi_db):
    area, _ = lmi_db.find_area("Kidderminster")
    reply = local.place_confirmed(area)
    assert "Worcestershire" in reply.text and reply.slots["hub_id"] == "worcestershire"
    assert len(local.ask_place(lmi_db, "ask_growing_jobs").buttons) == len(lmi_db.hubs())


def test_route_replies(lmi_db):
    for stage in ("after-gcses", "after-a-levels"):
        reply = routes.options(lmi_db, stage)
        assert reply.words <= MAX_WORDS and reply.buttons
    for reply in (routes.compare(lmi_db), routes.compare(lmi_db, routes.UNI_VS_APPRENTICESHIP),
                  routes.route(lmi_db, routes.LEAVE_SCHOOL), routes.route(lmi_db, routes.RESITS),
                  routes.qualification_level(lmi_db, "3"), routes.qualification_level(lmi_db, "twelve")):
        assert reply.words <= MAX_WORDS, reply.text
    assert "18" in routes.route(lmi_db, routes.LEAVE_SCHOOL).text


def test_apprenticeships_for_a_whole_sector_lead_to_jobs_in_it(lmi_db):
    found = lmi_db.apprenticeships_in_sector("construction", limit=50)
    assert found
    for a in found:
        assert any((lmi_db.sector_of(s) or ("",))[0] == "construction" for s in a.soc_codes), a
    assert [a.level for a in found] == sorted(a.level for a in found)
    reply = apprenticeships.for_sector(lmi_db, "construction", "Construction")
    assert reply.words <= MAX_WORDS and "jobs in construction" in reply.text and CITE.search(reply.text)


def test_degree_apprenticeships_are_levels_six_and_seven(lmi_db):
    degree = lmi_db.apprenticeships_in_sector("health-social-care", levels=(6, 7), limit=50)
    assert degree and all(a.level in (6, 7) for a in degree)
    reply = apprenticeships.for_sector(lmi_db, "health-social-care", "Health and social care", (6, 7))
    assert "degree level" in reply.text and reply.words <= MAX_WORDS


def test_sector_demand_quotes_the_priority_and_its_source_or_says_it_has_none(lmi_db):
    for hub in lmi_db.hubs():
        profile = lmi_db.profile_of(hub)
        priorities = {p.sector_id: p for p in profile.priority_sectors}
        for sector_id, name in [("construction", "Construction"), ("mining-quarrying", "Mining and quarrying")]:
            reply = local.sector_demand(lmi_db, sector_id, name, hub)
            assert reply.words <= MAX_WORDS, reply.text
            if sector_id in priorities:
                assert priorities[sector_id].source.short in reply.text and "priority" in reply.text
            else:
                assert "don't have local figures" in reply.text


# --- DfE projections, ONS entry routes and tasks (issue 10) ------------------------------------------------
from answers import entry_routes, projections  # noqa: E402
from lmi.outlook import group_outlook, industry_employment  # noqa: E402

PROJECTED = re.compile(r"\bprojected\b", re.I)
PROJECTIONS_CITE = "(DfE, 2024, Labour market and skills projections, Skills Imperative 2035)"
ONS_CITE = re.compile(r"\(ONS, 2025, SOC 2020 Volume 1, [^()]*2025 edition\)")
CUT = re.compile(r"\.\.\.|…")


def hub_areas(lmi_db):
    return [lmi_db.find_area(name)[0] for name in ("Kidderminster", "Stafford")]


def test_job_outlook_quotes_openings_from_people_leaving_with_the_period_source_and_england(lmi_db):
    for area in hub_areas(lmi_db):
        for soc in ("5241", "2231", "6131", "5434"):
            g = group_outlook(lmi_db, soc, area.name)
            reply = projections.job_outlook(lmi_db, soc, area)
            assert reply.words <= MAX_WORDS and not CUT.search(reply.text), reply.text
            assert PROJECTED.search(reply.text) and f"{g.from_year} to {g.to_year}" in reply.text
            assert PROJECTIONS_CITE in reply.text and g.area in reply.text
            assert f"about {projections.about(g.replacement_demand).removeprefix('about ')}" in reply.text
            assert "retire or leave" in reply.text and "England" in reply.text


def test_electricians_near_bromsgrove_use_the_published_worcestershire_figures(lmi_db):
    reply = projections.job_outlook(lmi_db, "5241", lmi_db.find_area("Bromsgrove")[0])
    g = group_outlook(lmi_db, "5241", "Bromsgrove")
    assert g.area == "Worcestershire" and g.replacement_demand > abs(g.net_change)
    assert "about 4,600 of these jobs are projected to open up" in reply.text, reply.text
    assert "shrink by about 950" in reply.text and "skilled metal, electrical and electronic trades" in reply.text


def test_growing_jobs_come_with_a_chart_of_the_five_groups_and_a_text_that_stands_alone(lmi_db):
    for area in hub_areas(lmi_db):
        reply = projections.growing(lmi_db, area)
        chart = reply.chart["chart"]
        assert set(chart) == {"title", "unit", "bars", "summary", "source"}
        assert len(chart["bars"]) == 5 and all(isinstance(b["value"], int) and b["label"] for b in chart["bars"])
        assert [b["value"] for b in chart["bars"]] == sorted((b["value"] for b in chart["bars"]), reverse=True)
        assert chart["source"] in reply.text and chart["summary"]
        for bar in chart["bars"]:
            assert bar["label"].lower() in reply.text and bar["label"] in chart["summary"]
        assert reply.words <= MAX_WORDS and PROJECTED.search(reply.text) and "2020 to 2035" in reply.text


def test_industry_size_is_a_plain_rounded_number_of_people(lmi_db):
    stoke = lmi_db.find_area("Stoke")[0]
    figures = industry_employment(lmi_db, stoke.name)
    construction = sum(f.employment for f in figures if f.sector_id == "construction")
    reply = projections.industry_size(lmi_db, stoke, ("construction", "Construction"))
    assert f"{projections.about(construction).capitalize()} people work in construction" in reply.text, reply.text
    assert PROJECTIONS_CITE in reply.text and "(projected)" in reply.text
    everything = projections.industry_size(lmi_db, stoke)
    assert everything.chart and len(everything.chart["chart"]["bars"]) == 5 and everything.words <= MAX_WORDS
    for sector_id in {f.sector_id for f in figures if f.sector_id}:
        reply = projections.industry_size(lmi_db, stoke, (sector_id, sector_id))
        assert reply.words <= MAX_WORDS and not CUT.search(reply.text)


def test_entry_routes_in_plain_words_keep_ons_meaning_and_list_apprenticeships(lmi_db):
    reply = entry_routes.how_to_get_in(lmi_db, "2240")
    assert "degree in veterinary science" in reply.text and ONS_CITE.search(reply.text), reply.text
    plumbers = entry_routes.how_to_get_in(lmi_db, "5315")
    assert "Apprenticeships for it: " in plumbers.text and "approved apprenticeship programme" in plumbers.text
    assert "Roofer" not in plumbers.text
    assert entry_routes.plain("Entrants usually possess GCSEs/S grades.") == "Most people starting have GCSEs."
    assert entry_routes.plain("There are no formal academic entry requirements.") == \
        "You don't need particular qualifications to start."
    assert "DBS check (a criminal record check)" in entry_routes.plain("A DBS check may be required.")
    assert entry_routes.plain("Training is undertaken Off and on-the-job.") == "You train at work and away from work."


def test_every_job_gets_short_uncut_entry_routes_and_tasks(lmi_db):
    for soc in all_socs(lmi_db):
        for reply in (entry_routes.how_to_get_in(lmi_db, soc), entry_routes.subjects(lmi_db, soc),
                      jobs.job_info(lmi_db, soc)):
            assert reply.words <= MAX_WORDS + 1, (soc, reply.text)  # the subjects reply ends with a link and " ."
            assert not CUT.search(reply.text), (soc, reply.text)


def test_what_a_job_involves_quotes_ons_tasks(lmi_db):
    text = jobs.job_info(lmi_db, "2240").text
    assert "examines animals" in text and ONS_CITE.search(text), text


def test_options_after_year_11_include_apprenticeships(lmi_db):
    text = routes.options(lmi_db, "after-gcses").text
    assert "Apprenticeships" in text and "A levels" in text and "T Levels" in text, text


def test_a_question_about_one_route_answers_that_route_only(lmi_db):
    text = routes.asked_routes(lmi_db, "what is a t level").text
    assert text.startswith("T Levels:") and "BTEC" not in text and "A levels:" not in text, text
    assert routes.routes_named("is a degree apprenticeship better than uni") == ["degree-apprenticeship", "university"]
    assert routes.routes_named("what level 3 courses are there") == []


def test_getting_into_university_explains_entry_requirements(lmi_db):
    text = routes.asked_routes(lmi_db, "how do i get into uni", default=()).text
    assert text.startswith("University degree:") and "To get in:" in text and "UCAS Tariff points" in text, text


def test_no_route_reply_is_cut_off(lmi_db):
    replies = [routes.route(lmi_db, r.route_id) for r in lmi_db.routes()]
    replies += [routes.compare(lmi_db), routes.compare(lmi_db, routes.UNI_VS_APPRENTICESHIP),
                routes.options(lmi_db, "after-gcses"), routes.options(lmi_db, "after-a-levels")]
    for reply in replies:
        assert not CUT.search(reply.text) and reply.words <= MAX_WORDS, reply.text
        assert reply.text.rstrip().endswith((".", ")")), reply.text


def test_sector_apprenticeships_are_that_sectors_standards(lmi_db):
    text = apprenticeships.for_sector(lmi_db, "manufacturing", "Manufacturing", None,
                                      "what apprenticeships are there in engineering").text
    assert "Baker" not in text and "Autocare" not in text and "Engineering" in text, text
    assert "Bricklayer" in apprenticeships.for_sector(lmi_db, "construction", "Construction").text


def test_every_job_outlook_fits_and_is_never_cut(lmi_db):
    for area in hub_areas(lmi_db):
        for soc in all_socs(lmi_db):
            reply = projections.job_outlook(lmi_db, soc, area)
            assert reply.words <= MAX_WORDS and not CUT.search(reply.text), (soc, reply.text)
            assert PROJECTIONS_CITE in reply.text and "projected" in reply.text, (soc, reply.text)
