"""A bare job or place name is read as naming it; anything more is left to the model."""
import pytest

from bot.components.entity_only_intent import named_only


def ent(kind, text, word):
    start = text.index(word)
    return {"entity": kind, "start": start, "end": start + len(word), "value": word}


@pytest.mark.parametrize("text,kind,word,intent", [
    ("chef", "occupation", "chef", "inform_occupation"),
    ("what about midwives?", "occupation", "midwives", "inform_occupation"),
    ("i wanna be a paramedic", "occupation", "paramedic", "inform_occupation"),
    ("leek", "place", "leek", "inform_place"),
    ("i live in tamworth", "place", "tamworth", "inform_place"),
])
def test_a_message_that_only_names_a_job_or_place(text, kind, word, intent):
    assert named_only(text, [ent(kind, text, word)]) == intent


@pytest.mark.parametrize("text,entities", [
    ("how much do chefs earn", [("occupation", "chefs")]),
    ("is nursing in demand in stafford", [("occupation", "nursing"), ("place", "stafford")]),
    ("hello", []),
    ("my step dad hits me", []),
])
def test_anything_more_is_left_to_the_model(text, entities):
    assert named_only(text, [ent(k, text, w) for k, w in entities]) is None
