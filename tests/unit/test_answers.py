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
