"""Runs the safeguarding net on every message inside Rasa's NLU pipeline, after the intent classifiers.

A disclosure overrides whatever the model predicted with the intent `safeguarding_disclosure`
(confidence 1.0) and a `safeguarding_category` entity, so the rule that answers it never depends on
the model having learnt it.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from safeguarding import check

INTENT_NAME = "safeguarding_disclosure"
ENTITY_NAME = "safeguarding_category"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafeguardingNet(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SafeguardingNet":
        return cls()

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._check(message)
        return messages

    @staticmethod
    def _check(message: Message) -> Optional[Message]:
        text = message.get(TEXT) or ""
        if text.startswith("/"):
            return None  # a button payload, not typed words
        found = check(text)
        if found is None:
            return None
        intent = {"name": INTENT_NAME, "confidence": 1.0}
        ranking = [intent] + [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != INTENT_NAME]
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        entities = list(message.get(ENTITIES) or [])
        entities.append({"entity": ENTITY_NAME, "value": found.category, "start": 0, "end": len(text),
                         "extractor": "SafeguardingNet", "confidence": 1.0})
        message.set(ENTITIES, entities, add_to_output=True)
        return message
