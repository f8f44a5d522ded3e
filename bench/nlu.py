"""Intent macro-F1 and accuracy, entity recall, and occupation top-1 accuracy on the held-out utterances
(never used for training). Occupations are resolved the way the actions do: the spaCy entity first, then
the whole message."""
from __future__ import annotations

import asyncio
from pathlib import Path

HELDOUT = Path(__file__).with_name("heldout_nlu.yml")


def load_examples(path: Path = HELDOUT) -> list:
    from rasa.shared.nlu.training_data.loading import load_data
    return load_data(str(path)).intent_examples


def evaluate(model_path: Path, lmi, path: Path = HELDOUT) -> dict:
    from rasa.core.agent import Agent
    from sklearn.metrics import accuracy_score, f1_score

    import logging

    import structlog
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))  # no per-message debug
    examples = load_examples(path)
    agent = Agent.load(str(model_path))

    async def parse_all():
        return [await agent.parse_message(ex.get("text")) for ex in examples]

    parsed = asyncio.run(parse_all())
    truth = [ex.get("intent") for ex in examples]
    predicted = [p["intent"]["name"] for p in parsed]
    from answers.occupations import resolve

    expected_entities = found_entities = occupations = occupations_right = 0
    occupation_misses = []
    for ex, p in zip(examples, parsed):
        for ent in ex.get("entities") or []:
            expected_entities += 1
            text = ex.get("text")[ent["start"]:ent["end"]].lower()
            found = [e for e in p.get("entities", []) if e["entity"] == ent["entity"]]
            if any(e["value"].lower() in text or text in e["value"].lower() for e in found):
                found_entities += 1
            if ent["entity"] == "occupation" and ent.get("value", "").isdigit():
                occupations += 1
                resolution = resolve(lmi, found[0]["value"] if found else None, ex.get("text"))
                got = resolution.sure.soc_code if resolution.found else None
                if got == ent["value"]:
                    occupations_right += 1
                else:
                    occupation_misses.append((ex.get("text"), ent["value"], got))
    confusions: dict[tuple[str, str], int] = {}
    for t, p in zip(truth, predicted):
        if t != p:
            confusions[(t, p)] = confusions.get((t, p), 0) + 1
    return {
        "utterances": len(examples),
        "intents": len(set(truth)),
        # Over the intents of the set: a fallback or a wrong intent is a miss for the true intent, and is
        # not itself a class with a zero score.
        "macro_f1": f1_score(truth, predicted, labels=sorted(set(truth)), average="macro", zero_division=0),
        "fallbacks": predicted.count("nlu_fallback"),
        "accuracy": accuracy_score(truth, predicted),
        "entities": expected_entities,
        "entity_recall": found_entities / expected_entities if expected_entities else None,
        "occupations": occupations,
        "occupation_top1": occupations_right / occupations if occupations else None,
        "occupation_misses": occupation_misses,
        "confusions": sorted(confusions.items(), key=lambda kv: -kv[1])[:10],
    }
