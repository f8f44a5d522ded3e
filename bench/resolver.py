"""Occupation resolver: latency over the whole dataset, and top-1 accuracy on held-out pupil phrasings."""
from __future__ import annotations

import csv
import random
import statistics
import time
from pathlib import Path

from lmi.matching import PhraseIndex
from lmi.queries import LMI
from lmi.text import tokens

HELDOUT = Path(__file__).with_name("heldout_occupations.csv")


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1:]


def latency(lmi: LMI, seed: int = 7) -> dict:
    index = lmi.occupation_index
    phrases = [phrase for _key, phrase, _toks in index._phrases]
    rng = random.Random(seed)
    queries = []
    for phrase in phrases:
        queries.append(phrase)
        queries.append(f"how much do {phrase}s get paid")
        queries.append(" ".join(_typo(w, rng) for w in phrase.split()))
    timings = []
    for query in queries:
        PhraseIndex._similar.cache_clear()  # measure cold look-ups, not a warm cache
        started = time.perf_counter()
        index.search(query)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "queries": len(queries),
        "phrases": len(phrases),
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[int(0.95 * (len(timings) - 1))],
        "max_ms": timings[-1],
    }


def accuracy(lmi: LMI, path: Path = HELDOUT) -> dict:
    if not path.exists():
        return {"error": f"{path.name} is missing"}
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    ons = ons_titles(lmi)
    correct, correct_not_ons, not_ons, misses = 0, 0, 0, []
    for row in rows:
        found = lmi.find_occupations(row["text"], limit=1)
        got = found[0].soc_code if found else None
        hit = got == row["expected_soc_code"]
        correct += hit
        if tuple(tokens(row["text"])) not in ons:
            not_ons += 1
            correct_not_ons += hit
        if not hit:
            misses.append((row["text"], row["expected_soc_code"], got))
    return {"phrasings": len(rows), "top1": correct / len(rows) if rows else 0.0, "misses": misses,
            "phrasings_not_ons": not_ons, "top1_not_ons": correct_not_ons / not_ons if not_ons else 0.0}


def ons_titles(lmi: LMI) -> set[tuple[str, ...]]:
    """ONS's related job titles as the resolver sees them: a held-out phrasing that is one of them is
    answered by an official alias, so the figure without them shows what the resolver does on its own."""
    return {tuple(tokens(title)) for _code, title in lmi.ons_aliases}
