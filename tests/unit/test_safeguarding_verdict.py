"""The combined safeguarding verdict (safeguarding.check): any one detector is enough, the tier and kind are
always from the known vocabulary, and careers questions about nearby jobs raise nothing."""
import pytest

from safeguarding import check, classifier, corpus, net
from safeguarding.kinds import CONCERN, DISCLOSURE, KINDS, ORDINARY
from safeguarding import verdict

DIET_THRESHOLD = 0.5

# Careers questions about jobs near the topics, one set per area the issue names (taken from the corpus).
AREAS = {
    "social work": ("social work",), "police": ("police", "detective"), "nursing": ("nurse", "nursing"),
    "youth work": ("youth work",), "charities": ("charity", "charities"), "mental health": ("mental health",),
    "armed forces": ("army", "navy", "raf", "armed forces", "soldier", "marines"),
}


def careers_rows(area_words):
    return [r.text for r in corpus.read()
            if r.kind == "careers_near_topic" and any(w in r.text.lower() for w in area_words)]


@pytest.mark.parametrize("area", sorted(AREAS))
def test_careers_questions_about_nearby_jobs_raise_no_urgent_alert_and_rarely_a_concern(area):
    texts = careers_rows(AREAS[area])
    assert len(texts) >= 3, area
    verdicts = [(t, check(t)) for t in texts]
    urgent = [(t, v) for t, v in verdicts if v.urgent]
    concerns = [(t, v) for t, v in verdicts if v.flagged]
    # No careers question sends an urgent alert; the learnt layer's threshold (set for 99% recall) lets a few
    # in 50 through as a non-urgent concern, which README and the bench report.
    assert not urgent, urgent
    assert len(concerns) * 50 <= len(texts), concerns


@pytest.mark.parametrize("text", [
    "how do i become a social worker", "i want to be a police officer who investigates online abuse",
    "what jobs are there that help homeless people", "how much does a mental health nurse earn",
    "can i join the army at 16", "what does a youth worker do", "do charities pay their staff",
])
def test_the_issue_s_false_alarms_are_gone(text):
    assert check(text).tier == ORDINARY


def test_a_pattern_alone_is_a_disclosure(monkeypatch):
    monkeypatch.setattr(verdict, "learnt_flag", lambda text, risk, threshold: False)
    found = check("my step dad hits me")
    assert found.tier == DISCLOSURE and found.detectors == ("patterns",) and found.kind in KINDS


def test_the_classifier_alone_is_enough():
    text = "whats even the point of anything anymore"
    assert net.match(text) is None
    found = check(text)
    assert found.flagged and found.detectors == ("classifier",) and found.kind == "suicidal_thoughts"


def test_diet_s_score_is_off_by_default_and_its_switch_is_checked(monkeypatch):
    monkeypatch.delenv("PATHFINDER_SAFEGUARDING_DIET_THRESHOLD", raising=False)
    assert verdict._diet_threshold() is None
    monkeypatch.setenv("PATHFINDER_SAFEGUARDING_DIET_THRESHOLD", "0.3")
    assert verdict._diet_threshold() == 0.3
    monkeypatch.setenv("PATHFINDER_SAFEGUARDING_DIET_THRESHOLD", "high")
    with pytest.raises(SystemExit):
        verdict._diet_threshold()
    monkeypatch.setattr(verdict, "DIET_THRESHOLD", None)
    assert check("how do i become an electrician", diet_score=1.0).tier == ORDINARY


def test_diet_alone_is_enough_above_its_threshold_only_when_switched_on(monkeypatch):
    monkeypatch.setattr(verdict, "DIET_THRESHOLD", DIET_THRESHOLD)
    text = "how do i become an electrician"
    assert check(text).tier == ORDINARY
    assert check(text, diet_score=DIET_THRESHOLD - 0.01).tier == ORDINARY
    found = check(text, diet_score=DIET_THRESHOLD)
    assert found.flagged and found.detectors == ("diet",) and found.kind in KINDS


def test_two_tiers():
    assert check("i want to kill myself").tier == DISCLOSURE
    assert check("i feel like nobody cares about me").tier in (CONCERN, DISCLOSURE)
    tiers = {check(r.text).tier for r in corpus.read() if r.label == CONCERN}
    assert CONCERN in tiers


def test_every_kind_is_caught_and_named_from_the_known_list():
    seen = {}
    for row in corpus.read():
        if row.label != ORDINARY and row.kind not in seen:
            seen[row.kind] = check(row.text)
    assert set(seen) == set(KINDS)
    for kind, found in seen.items():
        assert found.flagged and found.kind in KINDS, (kind, found)


def test_same_message_same_verdict():
    for text in ["my mums new boyfriend scares me", "sh again. sorry", "how much do plumbers earn"]:
        assert check(text) == check(text) == check(text)


def test_empty_and_odd_input():
    for text in ["", "   ", None, "🙂", "a" * 20000]:
        assert check(text).tier in (ORDINARY, CONCERN, DISCLOSURE)
    assert check("").tier == ORDINARY


@pytest.mark.parametrize("text", ["hi again", "thanks again", "hello again"])
def test_a_two_word_greeting_needs_the_learnt_layer_to_be_sure(text):
    assert check(text).tier == ORDINARY


def test_short_disclosures_are_still_caught():
    for text in ("kms", "suicidal", "i hate myself", "no point."):
        assert check(text).flagged, text
