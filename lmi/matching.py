"""Fuzzy phrase matching: finds which known names (job titles, places, sectors) a pupil's words mean.

Tolerates plurals, word order, filler words and typos (up to one edit in words of up to seven letters, two in longer
ones, found with a precomputed deletion index so a look-up stays well under a millisecond). Words longer than
MAX_TOKEN letters are ignored: no name is that long, and a word's deletions grow with the cube of its length.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from lmi.text import tokens

EXACT, STEM, TYPO1, TYPO2 = 1.0, 0.85, 0.9, 0.75
MAX_TOKEN = 40
_SUFFIXES = ("ically", "ation", "ician", "ology", "ing", "ist", "ian", "ics", "ic", "ers", "er", "al", "ry", "or", "y", "e")


def stem(token: str) -> str:
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)]
    return token


def _max_edits(token: str) -> int:
    if len(token) <= 3:
        return 0
    return 1 if len(token) <= 7 else 2


def _deletes(token: str, depth: int) -> set[str]:
    found = {token}
    frontier = {token}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two letters counts once); limit+1 when above limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        best = cur[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
            best = min(best, cur[j])
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


@dataclass(frozen=True)
class Match:
    key: str
    phrase: str
    score: float


class PhraseIndex:
    """Maps phrases to keys (a phrase belongs to one key; a key may have many phrases)."""

    def __init__(self, phrases: list[tuple[str, str]]):
        self._phrases: list[tuple[str, str, tuple[str, ...]]] = []
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for key, phrase in phrases:
            toks = tuple(tokens(phrase))
            if not toks or (key, toks) in seen:
                continue
            seen.add((key, toks))
            self._phrases.append((key, phrase, toks))
        self._by_token: dict[str, list[int]] = defaultdict(list)
        self._by_stem: dict[str, set[str]] = defaultdict(set)
        self._joined: dict[str, str] = {}
        df: dict[str, int] = defaultdict(int)
        for pid, (_key, _phrase, toks) in enumerate(self._phrases):
            for tok in set(toks):
                self._by_token[tok].append(pid)
                self._by_stem[stem(tok)].add(tok)
                df[tok] += 1
            if len(toks) == 2:
                self._joined["".join(toks)] = " ".join(toks)
        n = max(len(self._phrases), 1)
        self._weight = {tok: math.log(1 + n / count) for tok, count in df.items()}
        self._deletions: dict[str, set[str]] = defaultdict(set)
        for tok in self._by_token:
            for variant in _deletes(tok, _max_edits(tok)):
                self._deletions[variant].add(tok)
        self._exact = {" ".join(toks): pid for pid, (_k, _p, toks) in enumerate(self._phrases)}

    def __len__(self) -> int:
        return len(self._phrases)

    def keys(self) -> set[str]:
        return {key for key, _p, _t in self._phrases}

    @lru_cache(maxsize=4096)
    def _similar(self, token: str) -> tuple[tuple[str, float], ...]:
        """Known tokens this query token may mean, with a similarity in (0, 1]."""
        found: dict[str, float] = {}
        for known in self._by_stem.get(stem(token), ()):
            found[known] = STEM
        if token in self._by_token:  # known as typed: other forms of the word still count ("mechanics")
            found[token] = EXACT
            return tuple(found.items())
        limit = _max_edits(token)
        if limit:
            candidates: set[str] = set()
            for variant in _deletes(token, limit):
                candidates |= self._deletions.get(variant, set())
            for known in candidates:
                distance = edit_distance(token, known, min(limit, _max_edits(known)))
                if distance <= min(limit, _max_edits(known)):
                    found[known] = max(found.get(known, 0.0), TYPO1 if distance == 1 else TYPO2)
        return tuple(found.items())

    def search(self, text: str, limit: int = 5, min_score: float = 0.3) -> list[Match]:
        query = [tok for tok in tokens(text) if len(tok) <= MAX_TOKEN]
        if not query:
            return []
        query = self._join_split_words(query)
        exact = self._exact.get(" ".join(query))
        per_query_token: list[dict[str, float]] = [dict(self._similar(tok)) for tok in query]
        candidates: set[int] = set()
        for sims in per_query_token:
            for known in sims:
                candidates.update(self._by_token[known])
        query_weight = sum(self._token_weight(tok, sims) for tok, sims in zip(query, per_query_token))
        best: dict[str, Match] = {}
        for pid in candidates:
            key, phrase, toks = self._phrases[pid]
            score = 1.0 if pid == exact else self._score(toks, per_query_token, query_weight)
            if score >= min_score and (key not in best or score > best[key].score):
                best[key] = Match(key, phrase, round(score, 3))
        return sorted(best.values(), key=lambda m: (-m.score, len(m.phrase), m.key))[:limit]

    def _token_weight(self, token: str, sims: dict[str, float]) -> float:
        if sims:
            return max(self._weight[k] for k in sims)
        return 1.0  # an unknown word counts against precision

    def _score(self, toks: tuple[str, ...], per_query_token: list[dict[str, float]], query_weight: float) -> float:
        phrase_weight = sum(self._weight[t] for t in toks)
        covered = 0.0
        used_query_weight = 0.0
        for tok in toks:
            best_sim, best_q = 0.0, -1
            for qi, sims in enumerate(per_query_token):
                sim = sims.get(tok, 0.0)
                if sim > best_sim:
                    best_sim, best_q = sim, qi
            if best_q >= 0:
                covered += self._weight[tok] * best_sim
                used_query_weight += self._weight[tok]
        recall = covered / phrase_weight
        precision = min(1.0, used_query_weight / query_weight) if query_weight else 0.0
        return 0.97 * recall ** 0.75 * (0.55 + 0.45 * precision)

    def _join_split_words(self, query: list[str]) -> list[str]:
        """'hair dresser' → 'hairdresser' when only the joined word is known, and the reverse."""
        out: list[str] = []
        i = 0
        while i < len(query):
            if i + 1 < len(query) and query[i] + query[i + 1] in self._by_token and (
                    query[i] not in self._by_token or query[i + 1] not in self._by_token):
                out.append(query[i] + query[i + 1])
                i += 2
                continue
            split = self._joined.get(query[i])
            if split and query[i] not in self._by_token:
                out.extend(split.split())
            else:
                out.append(query[i])
            i += 1
        return out
