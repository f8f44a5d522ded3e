"""Rasa checks every action-server response against a JSON schema with `jsonschema.validate`, which first checks
the schema itself against JSON Schema's meta-schema and builds a new validator: on every action call, for a
schema that never changes. Under load that was a third of Rasa's busy time (docs/performance.md). Here the
schema is checked once and one validator is reused; a response that fails goes to Rasa's own check, so the
error pupils' conversations and logs see is exactly Rasa's.
"""
from __future__ import annotations

_INSTALLED = {"done": False}


def install() -> None:
    if _INSTALLED["done"]:
        return
    from jsonschema import exceptions, validators
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    rasa_check = RemoteAction._validate_action_result

    def check_with_one_validator(self, result) -> bool:
        if exceptions.best_match(validator.iter_errors(result)) is None:
            return True
        return rasa_check(self, result)  # raises Rasa's ValidationError with its message

    RemoteAction._validate_action_result = check_with_one_validator
    _INSTALLED["done"] = True
