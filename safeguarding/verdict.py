"""One verdict per message from the safeguarding net's detectors, any one of which is enough to flag it:

1. the patterns (safeguarding/net.py): a hit is a disclosure;
2. the learnt classifier (safeguarding/classifier.py): flags at its cross-validated threshold, urgent or not;
3. DIET's own score for `safeguarding_disclosure`, when the caller has one (inside Rasa), above DIET_THRESHOLD.

The verdict is deterministic and its kind is always one of safeguarding.kinds.KINDS.
"""
from __future__ import annotations

from dataclasses import dataclass

from safeguarding import classifier, net
from safeguarding.kinds import CONCERN, DISCLOSURE, ORDINARY, known
from safeguarding.normalise import normalise

# DIET is trained on a subset of the corpus as the intent `safeguarding_disclosure`. Its score counts from here.
DIET_THRESHOLD = 0.5
# The classifier's kind is preferred to the pattern's when it is at least this sure.
KIND_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Verdict:
    tier: str                 # disclosure, concern or ordinary
    kind: str | None          # a known kind when tier is not ordinary
    detectors: tuple[str, ...] = ()

    @property
    def urgent(self) -> bool:
        return self.tier == DISCLOSURE

    @property
    def flagged(self) -> bool:
        return self.tier != ORDINARY


ORDINARY_VERDICT = Verdict(ORDINARY, None)


def _enough_words(text: str) -> bool:
    """The classifier judges messages of two words or more, or one long word: a lone "3", "ok" or "idk" (a
    form answer) tells it nothing. Short disclosures ("kms", "suicidal") are the patterns' job."""
    words = normalise(text).split()
    return len(words) >= 2 or (len(words) == 1 and len(words[0]) >= 6)


def check(text: str, diet_score: float | None = None) -> Verdict:
    """The safeguarding verdict for one typed message (`diet_score`: DIET's confidence for
    `safeguarding_disclosure`, if the message went through the Rasa model)."""
    if not (text or "").strip():
        return ORDINARY_VERDICT
    hit = net.match(text)
    model = classifier.load()
    scores = model.scores(text)
    detectors = []
    if hit:
        detectors.append("patterns")
    if model.flags(scores) and _enough_words(text):
        detectors.append("classifier")
    if diet_score is not None and diet_score >= DIET_THRESHOLD:
        detectors.append("diet")
    if not detectors:
        return ORDINARY_VERDICT
    tier = DISCLOSURE if hit or model.urgent(scores) else CONCERN
    kind = scores.kind if (hit is None or scores.kind_confidence >= KIND_CONFIDENCE) else hit.kind
    return Verdict(tier, known(kind), tuple(detectors))
