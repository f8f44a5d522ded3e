"""One verdict per message from the safeguarding net's detectors, any one of which is enough to flag it:

1. the patterns (safeguarding/net.py): a hit is a disclosure;
2. the learnt classifier (safeguarding/classifier.py): flags at its cross-validated threshold, urgent or not;
3. optionally, DIET's own score for `safeguarding_disclosure` (inside Rasa), at or above
   PATHFINDER_SAFEGUARDING_DIET_THRESHOLD. Off by default: measured on the 2,051 corpus rows DIET did not
   train on, DIET with 339 corpus examples flagged about 37% of ordinary messages at every threshold from 0.1
   to 0.9 and caught 3 messages the other two missed. Turning it on needs `python -m safeguarding.nlu_examples`
   (NLU examples from the corpus) and a retrain.

The verdict is deterministic and its kind is always one of safeguarding.kinds.KINDS.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from safeguarding import classifier, net
from safeguarding.kinds import CONCERN, DISCLOSURE, ORDINARY, known
from safeguarding.normalise import normalise

def _diet_threshold() -> float | None:
    value = os.environ.get("PATHFINDER_SAFEGUARDING_DIET_THRESHOLD", "off").strip().lower()
    if value in ("", "off", "none"):
        return None
    try:
        return min(max(float(value), 0.0), 1.0)
    except ValueError:
        raise SystemExit(f"PATHFINDER_SAFEGUARDING_DIET_THRESHOLD must be 'off' or a number from 0 to 1, not {value!r}")


# DIET's score for `safeguarding_disclosure` counts at or above this (None: DIET's score is not used).
DIET_THRESHOLD = _diet_threshold()
# The classifier's kind is preferred to the pattern's when it is at least this sure.
KIND_CONFIDENCE = 0.5
# A message of one or two words tells the learnt layer little ("hi again", "thanks again"): it flags one only when
# at least this sure. In cross-validation this kept every caught disclosure and dropped 16 false alarms.
SHORT_MESSAGE_RISK = 0.5
SHORT_MESSAGE_WORDS = 2


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


def _enough_words(words: list[str]) -> bool:
    """The learnt detectors judge messages of two words or more, or one long word: a lone "3", "ok" or "idk"
    (a form answer) tells them nothing. Short disclosures ("kms", "suicidal") are the patterns' job."""
    return len(words) >= 2 or (len(words) == 1 and len(words[0]) >= 6)


def learnt_flag(text: str, risk: float, threshold: float) -> bool:
    """Whether the learnt layer's `risk` flags `text` at `threshold` (stricter for one- or two-word messages)."""
    words = normalise(text).split()
    if not _enough_words(words):
        return False
    if len(words) <= SHORT_MESSAGE_WORDS:
        threshold = max(threshold, SHORT_MESSAGE_RISK)
    return risk >= threshold


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
    if learnt_flag(text, scores.risk, model.flag_threshold):
        detectors.append("classifier")
    if (DIET_THRESHOLD is not None and diet_score is not None and diet_score >= DIET_THRESHOLD
            and _enough_words(normalise(text).split())):
        detectors.append("diet")
    if not detectors:
        return ORDINARY_VERDICT
    tier = DISCLOSURE if hit or model.urgent(scores) else CONCERN
    kind = scores.kind if (hit is None or scores.kind_confidence >= KIND_CONFIDENCE) else hit.kind
    return Verdict(tier, known(kind), tuple(detectors))
