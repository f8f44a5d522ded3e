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
