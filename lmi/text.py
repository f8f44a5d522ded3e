"""Normalising what pupils type: case, punctuation, plurals and filler words."""
from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")

# Words that say nothing about which job or place is meant.
FILLER = frozenset("""
a an the and or of for to in on at as by with from into about
i im i'm me my u you ur your we they it its is are be been being was were am
do does did doing dont can could would should will wanna want wants gonna going
how what whats wat wot which who where when why much many any some
job jobs career careers work working worker job's role roles become becoming
get gets getting earn earns earning paid pay pays paying salary salaries wage wages money
make makes made making most best top good well better highest lowest more less uk
like love into interested thinking think maybe really just so very
apprenticeship apprenticeships course courses training
there here round around near area local locally
please pls plz tell know about info information
""".split())

# Kept even though short or common: they carry meaning in job titles.
_NOT_PLURALS = frozenset("""
bus gas glass boss press class chess dress grass series species analysis physics
maths economics politics athletics gymnastics aerobics electronics mechanics robotics
logistics graphics statistics hairdress
""".split())


# "IT" the sector, not the pronoun: upper-case IT, "it support", "work in it".
_IT_SECTOR = re.compile(
    r"\bIT\b|\bit(?=\s+(?:support|technician|tech|jobs?|sector|industry|careers?|courses?|"
    r"apprenticeships?|manager|consultant|help ?desk|department|services?|engineer|specialist)\b)"
    r"|(?<=\bin )it\b(?=\s*[?.!]*\s*$)")


# "careers" is filler ("nursing careers"), except in the job of giving careers guidance.
_CAREERS_ROLE = re.compile(r"\bcareers?(?=\s+(?:guidance\s+)?(?:advis|counsel|coach|practitioner|officer|lead)\w*)",
                           re.I)


def mark_it_sector(text: str) -> str:
    return _IT_SECTOR.sub(" ict ", text or "")


def mark_careers_role(text: str) -> str:
    return _CAREERS_ROLE.sub("careersguidance", text)


def fold(text: str) -> str:
    """Lower-case ASCII with accents removed, '&' read as 'and', IT-the-sector as 'ict' and careers
    guidance kept as one word."""
    text = unicodedata.normalize("NFKD", mark_careers_role(mark_it_sector(text)))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower().replace("&", " and ")


def singular(token: str) -> str:
    if len(token) <= 3 or token in _NOT_PLURALS or token.endswith(("ss", "us", "is")):
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("ches", "shes", "xes", "sses")):
        return token[:-2]
    if token.endswith("men"):
        return token[:-3] + "man"
    if token.endswith("s"):
        return token[:-1]
    return token


# "a level 3 apprenticeship": the qualification level, never part of a job's name.
_QUALIFICATION_LEVEL = re.compile(r"\blevel\s*[1-8]\b")


def tokens(text: str, *, drop_filler: bool = True) -> list[str]:
    """Meaningful word tokens, singular, in order."""
    folded = fold(text).replace("'", "")
    if drop_filler:
        folded = _QUALIFICATION_LEVEL.sub(" ", folded)
    words = _NON_WORD.split(folded)
    out = []
    for word in words:
        if not word:
            continue
        if drop_filler and word in FILLER:
            continue
        word = singular(word)
        if drop_filler and word in FILLER:
            continue
        out.append(word)
    return out


def normalise(text: str) -> str:
    return " ".join(tokens(text, drop_filler=False))


def plural_of(word: str) -> str:
    """English plurals of job words: midwife/midwives, fireman/firemen, secretary/secretaries, coach/coaches."""
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("fe"):
        return word[:-2] + "ves"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("sh", "ch", "x")):
        return word + "es"
    return word + "s"
