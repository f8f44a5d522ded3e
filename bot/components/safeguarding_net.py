"""Runs the safeguarding net on every message inside Rasa's NLU pipeline, after the intent classifiers.

A disclosure overrides whatever the model predicted with the intent `safeguarding_disclosure`
(confidence 1.0) and a `safeguarding_category` entity, so the rule that answers it never depends on
the model having learnt it.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.message_rule import MessageRule, set_intent
from safeguarding import check

INTENT_NAME = "safeguarding_disclosure"
ENTITY_NAME = "safeguarding_category"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafeguardingNet(MessageRule):
    def check(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if text.startswith("/"):
            return  # a button payload, not typed words
        found = check(text)
        if found is None:
            return
        set_intent(message, INTENT_NAME)
        entities = list(message.get(ENTITIES) or [])
        entities.append({"entity": ENTITY_NAME, "value": found.category, "start": 0, "end": len(text),
                         "extractor": "SafeguardingNet", "confidence": 1.0})
        message.set(ENTITIES, entities, add_to_output=True)
