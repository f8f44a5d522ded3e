"""The shared shape of Pathfinder's rule components: untrained NLU steps that look at each message after
the intent classifiers and may set its intent outright (confidence 1.0), ahead of the model's ranking."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


class MessageRule(GraphComponent):
    """Subclasses implement `check(message)`; register them with DefaultV1Recipe as intent classifiers."""

    def __init__(self, config: Dict[Text, Any]):
        self.config = {**self.get_default_config(), **(config or {})}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "MessageRule":
        return cls(config)

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self.check(message)
        return messages

    def check(self, message: Message) -> None:
        raise NotImplementedError


def set_intent(message: Message, name: str) -> None:
    """Makes `name` the message's intent with confidence 1.0, first in the ranking."""
    chosen = {"name": name, "confidence": 1.0}
    ranking = [chosen] + [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    message.set(INTENT, chosen, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
