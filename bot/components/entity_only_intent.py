"""Reads a message that is little more than a job or a place ("chef", "what about leek?") as naming it.

DIET learns intents from words it has seen; a pupil's bare job or town name it has not seen would fall
back. The spaCy entity rules know every job and place in the LMI data, so when the classifier is unsure
and the message is only an occupation or a place with a few linking words, this sets `inform_occupation`
or `inform_place`. It runs after the FallbackClassifier and before the safeguarding net.
"""
from __future__ import annotations

import re
from typing import Any, Dict, Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.message_rule import MessageRule, set_intent

INTENT_FOR = {"occupation": "inform_occupation", "place": "inform_place"}
LINKING_WORDS = frozenset("""
what about how and a an the i im i'm want wanna to be become being like as in at near from live living go
school my ok okay then so maybe or is it for please pls job jobs work
""".split())
_WORD = re.compile(r"[a-z']+|\d+")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EntityOnlyIntent(MessageRule):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"threshold": 0.6}

    def check(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        intent = message.get(INTENT) or {}
        unsure = intent.get("name") == "nlu_fallback" or (intent.get("confidence") or 0.0) < self.config["threshold"]
        if text.startswith("/") or not unsure:
            return
        new_intent = named_only(text, message.get(ENTITIES) or [])
        if new_intent is not None:
            set_intent(message, new_intent)


def named_only(text: str, entities: list[dict]) -> Optional[str]:
    """The intent a message gets when it only names one kind of thing, or None."""
    kinds = {e.get("entity") for e in entities if e.get("entity") in INTENT_FOR}
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    rest = text
    for e in sorted((e for e in entities if e.get("entity") == kind), key=lambda e: -int(e.get("start", 0))):
        rest = rest[:int(e["start"])] + " " + rest[int(e["end"]):]
    if any(word not in LINKING_WORDS for word in _WORD.findall(rest.lower())):
        return None
    return INTENT_FOR[kind]
