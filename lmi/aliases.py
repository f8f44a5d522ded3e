"""ONS's related job titles (SOC 2020 Volume 1) as extra names for the occupation resolver.

A title is kept only when it says which job is meant: ONS relates it to one unit group, it is not vaguer than
another group's name (all its words in that name: "therapist" beside "beauty therapist"), and more than a
field is left once filler words go ("leather worker" -> "leather"). ONS's bracketed qualifiers
("(leather goods mfr)") name an industry for coders, not a job, and are left out.
"""
from __future__ import annotations

import re

from lmi.text import tokens

_QUALIFIER = re.compile(r"\([^)]*\)")


def ons_aliases(known: list[tuple[str, str]], related: list[tuple[str, list[str]]]) -> list[tuple[str, str]]:
    """(soc_code, title) pairs to add, given the names already known and ONS's (soc_code, titles) lists."""
    by_token: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for key, phrase in known:
        words = frozenset(tokens(phrase))
        for word in words:
            by_token.setdefault(word, []).append((key, words))

    def vaguer_than_another(toks: tuple[str, ...], code: str) -> bool:
        words = set(toks)
        return any(key != code and words <= other for key, other in by_token.get(toks[0], ()))

    owners: dict[tuple[str, ...], set[str]] = {}
    named: dict[tuple[str, ...], str] = {}
    for code, titles in related:
        for title in filter(None, titles):
            title = " ".join(_QUALIFIER.sub(" ", title).split())
            toks = tuple(tokens(title))
            if toks and not (len(toks) == 1 and len(title.split()) > 1):
                owners.setdefault(toks, set()).add(code)
                named.setdefault(toks, title)
    return [(code, named[toks]) for toks, (code, *others) in ((k, sorted(v)) for k, v in owners.items())
            if not others and not vaguer_than_another(toks, code)]
