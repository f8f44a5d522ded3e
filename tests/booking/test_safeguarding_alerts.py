"""One urgent safeguarding alert per conversation per half hour; later disclosures join that escalation."""
import json
from datetime import timedelta

from sqlalchemy import select

from booking import schema
from booking.service import ALERT_WINDOW, escalate
from tests.booking.conftest import NOW


def _escalations(engine, conversation):
    with engine.connect() as conn:
        return conn.execute(select(schema.escalation).where(schema.escalation.c.conversation_id == conversation)
                            .order_by(schema.escalation.c.id)).all()


def _alerts(engine):
    with engine.connect() as conn:
        return conn.execute(select(schema.outbox).where(schema.outbox.c.kind == "escalation.urgent")).all()


def test_later_disclosures_within_half_an_hour_join_the_first_escalation(engine):
    first = escalate(engine, "conv-1", "worcester-high", "self_harm", urgent=True, detail="first words", now=NOW)
    again = escalate(engine, "conv-1", "worcester-high", "physical_abuse", urgent=True, detail="second words",
                     now=NOW + timedelta(minutes=29))
    rows = _escalations(engine, "conv-1")
    assert again == first and len(rows) == 1
    assert rows[0].reason == "self_harm"
    assert "first words" in rows[0].detail and "second words" in rows[0].detail and "physical_abuse" in rows[0].detail
    assert len([a for a in _alerts(engine) if json.loads(a.payload)["conversation_id"] == "conv-1"]) == 1


def test_a_disclosure_after_the_window_raises_a_new_alert(engine):
    escalate(engine, "conv-2", "worcester-high", "self_harm", urgent=True, now=NOW)
    escalate(engine, "conv-2", "worcester-high", "self_harm", urgent=True, now=NOW + ALERT_WINDOW + timedelta(minutes=1))
    assert len(_escalations(engine, "conv-2")) == 2
    assert len([a for a in _alerts(engine) if json.loads(a.payload)["conversation_id"] == "conv-2"]) == 2


def test_other_conversations_and_resolved_escalations_get_their_own_alert(engine):
    escalate(engine, "conv-3", "worcester-high", "self_harm", urgent=True, now=NOW)
    escalate(engine, "conv-4", "worcester-high", "self_harm", urgent=True, now=NOW + timedelta(minutes=1))
    with engine.begin() as conn:
        conn.execute(schema.escalation.update().where(schema.escalation.c.conversation_id == "conv-3")
                     .values(status="resolved"))
    escalate(engine, "conv-3", "worcester-high", "neglect", urgent=True, now=NOW + timedelta(minutes=2))
    assert len(_escalations(engine, "conv-3")) == 2 and len(_escalations(engine, "conv-4")) == 1
    assert len(_alerts(engine)) == 3


def test_a_concern_is_recorded_without_an_alert(engine):
    escalate(engine, "conv-5", "worcester-high", "distress", urgent=False, now=NOW)
    rows = _escalations(engine, "conv-5")
    assert [r.urgency for r in rows] == ["normal"] and not _alerts(engine)


def test_the_alert_carries_the_category_but_no_message_text(engine):
    escalate(engine, "conv-6", "worcester-high", "sexual_abuse", urgent=True, detail="SECRET WORDS", now=NOW)
    (alert,) = _alerts(engine)
    assert "SECRET WORDS" not in alert.payload and json.loads(alert.payload)["reason"] == "sexual_abuse"
