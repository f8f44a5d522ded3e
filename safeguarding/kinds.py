"""The fixed vocabulary of safeguarding tiers and kinds shared by the corpus, the detectors, alerts and the bench.

A category stored or shown to staff is always one of KINDS (or UNSPECIFIED), never text a pupil supplied.
"""
from __future__ import annotations

DISCLOSURE, CONCERN, ORDINARY = "disclosure", "concern", "ordinary"
TIERS = (DISCLOSURE, CONCERN, ORDINARY)

KINDS = (
    "suicidal_thoughts", "self_harm", "physical_abuse", "emotional_abuse", "sexual_abuse", "neglect",
    "domestic_abuse", "criminal_exploitation", "sexual_exploitation", "image_abuse", "bullying_violence",
    "running_away", "young_carer", "forced_marriage_fgm_honour", "radicalisation", "substance_misuse",
    "eating_disorder", "distress",
)
ORDINARY_KINDS = ("careers_near_topic", "exaggeration", "everyday")

# Stored when a safeguarding intent arrives without a kind the detectors recognise (e.g. a typed payload).
UNSPECIFIED = "unspecified"


def known(kind: str | None) -> str:
    """`kind` if it is one of KINDS, else UNSPECIFIED: pupil-supplied text never becomes a category."""
    return kind if kind in KINDS else UNSPECIFIED
