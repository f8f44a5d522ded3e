"""Through REST: every kind of disclosure or concern gets the helplines in the first reply, with the right record
for the safeguarding lead; careers questions about nearby jobs raise nothing; "/" messages and forms skip nothing."""
import json
import uuid

import pytest
from sqlalchemy import select

from booking import schema
from lmi.config import make_engine
from safeguarding import corpus
from safeguarding.kinds import DISCLOSURE, KINDS, ORDINARY, UNSPECIFIED

HELPLINES = ("0800 1111", "116 123", "85258")
SCHOOL = {"school_id": "worcester-high"}


def texts(replies):
    return " ".join(r.get("text") or "" for r in replies)


def payloads(replies):
    return [b["payload"] for r in replies for b in r.get("buttons") or []]


def escalations(servers, me):
    engine = make_engine(servers.database_url)
    with engine.connect() as conn:
        return conn.execute(select(schema.escalation).where(schema.escalation.c.conversation_id == me)
                            .order_by(schema.escalation.c.id)).all()


def urgent_alerts(servers, me):
    engine = make_engine(servers.database_url)
    with engine.connect() as conn:
        rows = conn.execute(select(schema.outbox).where(schema.outbox.c.kind == "escalation.urgent")).all()
    return [r for r in rows if json.loads(r.payload)["conversation_id"] == me]


def sample():
    """Two corpus rows of each kind: the first disclosure and the first concern (or second disclosure)."""
    picked = {}
    for row in corpus.read():
        if row.label != ORDINARY and len(picked.setdefault(row.kind, [])) < 2 and \
                all(r.label != row.label for r in picked[row.kind]):
            picked[row.kind].append(row)
    return [(kind, row) for kind in KINDS for row in picked.get(kind, [])]


SAMPLE = sample()


@pytest.mark.parametrize("kind,row", SAMPLE, ids=[f"{k}-{r.label}" for k, r in SAMPLE])
def test_each_kind_gets_the_helplines_first_and_a_record_for_the_safeguarding_lead(servers, kind, row):
    me = uuid.uuid4().hex
    replies = servers.say(row.text, me, SCHOOL)
    assert replies and all(n in replies[0].get("text", "") for n in HELPLINES), (row.text, replies)
    (record,) = escalations(servers, me)
    assert record.reason in KINDS and record.school_id == "worcester-high"
    if row.label == DISCLOSURE:
        assert record.urgency == "urgent" and "trusted adult" in replies[0]["text"], row.text
        alert = json.loads(urgent_alerts(servers, me)[0].payload)
        assert row.text not in json.dumps(alert) and alert["reason"] in KINDS


def test_every_kind_is_sampled():
    assert {k for k, _ in SAMPLE} == set(KINDS)


CAREERS = [
    "how do i become a social worker", "what does a child protection social worker earn",
    "i want to be a police officer investigating online abuse", "do police work on county lines",
    "how much does a mental health nurse earn", "is nursing a good job for someone who likes helping people",
    "what does a youth worker do", "what jobs are there that help homeless people",
    "do charities that help abused kids pay their staff", "i want to work for a suicide prevention charity",
    "how do i become a mental health support worker", "can i join the army at 16",
    "what does a soldier get paid", "how do i become a prison officer",
]


@pytest.mark.parametrize("text", CAREERS)
def test_careers_questions_about_nearby_jobs_raise_no_alert(servers, text):
    me = uuid.uuid4().hex
    reply = texts(servers.say(text, me, SCHOOL))
    assert "0800 1111" not in reply, (text, reply)
    assert not escalations(servers, me)


@pytest.mark.parametrize("text", ["/i want to kill myself", "/stop@0.9 my dad hits me",
                                  '/choose_slot{"slot_id":"my dad hits me"}', "/ help my step dad beats me"])
def test_slash_messages_are_checked_unless_they_are_a_button_payload(servers, text):
    me = uuid.uuid4().hex
    replies = servers.say(text, me, SCHOOL)
    assert "0800 1111" in replies[0].get("text", ""), (text, replies)
    assert [r.urgency for r in escalations(servers, me)] == ["urgent"]


def test_a_pupil_cannot_write_the_category(servers):
    me = uuid.uuid4().hex
    servers.say('/safeguarding_disclosure{"safeguarding_category":"made up words"}', me, SCHOOL)
    assert [r.reason for r in escalations(servers, me)] == [UNSPECIFIED]


def test_a_concern_gets_a_check_in_and_an_adult_only_when_asked(servers):
    me = uuid.uuid4().hex
    replies = servers.say("i feel like nobody cares about me", me, SCHOOL)
    first = replies[0].get("text", "")
    assert all(n in first for n in HELPLINES) and "I'm letting" not in first
    assert "/safeguarding_tell_adult" in payloads(replies)
    (record,) = escalations(servers, me)
    assert record.urgency == "normal" and record.reason in KINDS and not urgent_alerts(servers, me)
    told = texts(servers.say("/safeguarding_tell_adult", me, SCHOOL))
    assert "asked a trusted adult" in told
    assert len(escalations(servers, me)) == 2


def test_a_disclosure_during_the_booking_form_is_answered_first_and_stops_the_form(servers):
    me = uuid.uuid4().hex
    servers.say("can i book a careers interview", me, SCHOOL)
    servers.say("Worcester Demo High School", me, SCHOOL)
    replies = servers.say("my step dad hasnt fed me in days", me, SCHOOL)
    assert "0800 1111" in replies[0].get("text", ""), replies
    assert "year" not in texts(replies).lower()
    assert [r.urgency for r in escalations(servers, me)] == ["urgent"]
    after = texts(servers.say("how much do plumbers earn", me, SCHOOL))
    assert "first name" not in after.lower()


def test_a_concern_during_the_booking_form_is_answered_first(servers):
    me = uuid.uuid4().hex
    servers.say("i want to see a careers adviser", me, SCHOOL)
    servers.say("Worcester Demo High School", me, SCHOOL)
    servers.say("Sam", me, SCHOOL)
    replies = servers.say("everything feels pointless lately and i cant sleep", me, SCHOOL)
    assert "0800 1111" in replies[0].get("text", ""), replies
    assert escalations(servers, me)


def test_two_disclosures_one_alert(servers):
    me = uuid.uuid4().hex
    servers.say("i want to kill myself", me, SCHOOL)
    replies = servers.say("and my dad hits me", me, SCHOOL)
    assert "0800 1111" in texts(replies)
    assert len(escalations(servers, me)) == 1 and len(urgent_alerts(servers, me)) == 1
