"""Reads a message that is little more than a job or a place ("chef", "what about leek?") as naming it.

DIET learns intents from words it has seen; a pupil's bare job or town name it has not seen would fall
back. The spaCy entity rules know every job and place in the LMI data, so when the classifier is unsure
and the message is only an occupation or a place with a few linking words, this sets `inform_occupation`
or `inform_place`. It runs after the FallbackClassifier and before the safeguarding net.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

INTENT_FOR = {"occupation": "inform_occupation", "place": "inform_place"}
LINKING_WORDS = frozenset("""
what about how and a an the i im i'm want wanna to be become being like as in at near from live living go
school my ok okay then so maybe or is it for please pls job jobs work
""".split())
_WORD = re.compile(r"[a-z']+|\d+")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EntityOnlyIntent(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "EntityOnlyIntent":
        return cls(config)

    def __init__(self, config: Dict[Text, Any]):
        self.threshold = float(config.get("threshold", 0.6))

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"threshold": 0.6}

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._check(message)
        return messages

    def _check(self, message: Message) -> Optional[str]:
        text = message.get(TEXT) or ""
        intent = message.get(INTENT) or {}
        if text.startswith("/") or (intent.get("name") != "nlu_fallback"
                                    and (intent.get("confidence") or 0.0) >= self.threshold):
            return None
        new_intent = named_only(text, message.get(ENTITIES) or [])
        if new_intent is None:
            return None
        chosen = {"name": new_intent, "confidence": 1.0}
        ranking = [chosen] + [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != new_intent]
        message.set(INTENT, chosen, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return new_intent


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
