"""Runs the safeguarding net (safeguarding.check) on every message inside Rasa's NLU pipeline, last of all.

A flagged message gets the intent `safeguarding_disclosure` (urgent) or `safeguarding_concern` (confidence
1.0) and a `safeguarding_category` entity holding a known kind, so the rules that answer it never depend on
the model alone. DIET's own score for `safeguarding_disclosure` is one of the net's detectors.

Messages starting with "/": Rasa's RegexMessageHandler (which runs after this component) turns
"/intent", "/intent{...}" and even "/intent@0.9 more words" into that intent whenever the intent is in
the domain, dropping the rest. So only a message that is exactly a button payload of the domain
("/intent" or "/intent{json}" with known entities) skips the words check, and even then its entity values
are checked. A flagged message that starts with "/" loses its leading slash, so the handler leaves the
verdict alone.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.message_rule import MessageRule, set_intent
from lmi.config import PROJECT_ROOT
from safeguarding import check, classifier

DISCLOSURE_INTENT = "safeguarding_disclosure"
CONCERN_INTENT = "safeguarding_concern"
SAFEGUARDING_INTENTS = {DISCLOSURE_INTENT, CONCERN_INTENT}
ENTITY_NAME = "safeguarding_category"
FALLBACK_INTENT = "nlu_fallback"
VERDICT_KEY = "safeguarding"  # the net's verdict, in the parse result for the bench and the logs
_PAYLOAD = re.compile(r"^/(?P<intent>[A-Za-z0-9_]+)(?P<entities>\{.*\})?$", re.DOTALL)


def _domain_names() -> tuple[set[str], set[str]]:
    from rasa.shared.core.domain import Domain
    domain = Domain.load(str(PROJECT_ROOT / "bot" / "domain"))
    return set(domain.intents), set(domain.entities)


def payload_words(text: str, intents: set[str], entities: set[str]) -> str | None:
    """For a message that is exactly a button payload of the domain, the words in its entity values
    (often none); None when the message is not a payload and must be checked as typed words."""
    found = _PAYLOAD.match(text.strip())
    if not found or found.group("intent") not in intents:
        return None
    if found.group("entities") is None:
        return ""
    try:
        values = json.loads(found.group("entities"))
    except ValueError:
        return None
    if not isinstance(values, dict) or not set(values) <= entities:
        return None
    return " ".join(str(v) for v in values.values())


def diet_score(message: Message) -> float | None:
    """DIET's confidence for `safeguarding_disclosure` in the message's intent ranking, if ranked."""
    for ranked in message.get(INTENT_RANKING_KEY) or []:
        if ranked.get(INTENT_NAME_KEY) == DISCLOSURE_INTENT:
            return float(ranked.get("confidence") or 0.0)
    return 0.0 if message.get(INTENT_RANKING_KEY) else None


def _overrule(message: Message, threshold: float = 0.45) -> None:
    """DIET guessed a safeguarding intent the net does not confirm: take the model's next guess instead,
    its confidence rescaled without the safeguarding share, or 'not understood' when that stays unsure
    (the threshold is the FallbackClassifier's in bot/config.yml)."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or []
               if r.get(INTENT_NAME_KEY) not in SAFEGUARDING_INTENTS | {FALLBACK_INTENT}]
    left = 1.0 - sum(float(r.get("confidence") or 0) for r in message.get(INTENT_RANKING_KEY) or []
                     if r.get(INTENT_NAME_KEY) in SAFEGUARDING_INTENTS)
    if ranking and left > 0 and float(ranking[0].get("confidence") or 0) / left >= threshold:
        chosen = {INTENT_NAME_KEY: ranking[0][INTENT_NAME_KEY],
                  "confidence": min(1.0, float(ranking[0].get("confidence") or 0) / left)}
        message.set(INTENT, chosen, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [chosen] + ranking[1:], add_to_output=True)
    else:
        set_intent(message, FALLBACK_INTENT)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafeguardingNet(MessageRule):
    def __init__(self, config: Dict[Text, Any]):
        super().__init__(config)
        self.intents, self.entities = _domain_names()
        classifier.load()  # now, not on a pupil's first message

    def check(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        words, score = text, diet_score(message)
        if text.strip().startswith("/"):
            payload = payload_words(text, self.intents, self.entities)
            if payload is not None:
                words, score = payload, None  # a button press: DIET never saw typed words
        verdict = check(words, score)
        message.set(VERDICT_KEY, {"tier": verdict.tier, "kind": verdict.kind, "detectors": list(verdict.detectors),
                                  "diet_score": score}, add_to_output=True)
        if not verdict.flagged:
            if (message.get(INTENT) or {}).get(INTENT_NAME_KEY) in SAFEGUARDING_INTENTS:
                _overrule(message)  # the model alone, below the net's thresholds, decides nothing
            return
        set_intent(message, DISCLOSURE_INTENT if verdict.urgent else CONCERN_INTENT)
        entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != ENTITY_NAME]
        entities.append({"entity": ENTITY_NAME, "value": verdict.kind, "start": 0, "end": len(text),
                         "extractor": "SafeguardingNet", "confidence": 1.0})
        message.set(ENTITIES, entities, add_to_output=True)
        if text.strip().startswith("/"):
            message.set(TEXT, text.strip().lstrip("/"), add_to_output=True)
