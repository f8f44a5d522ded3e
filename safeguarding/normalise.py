"""Rewrites text-speak and misspellings into plain words so the patterns can stay readable."""
from __future__ import annotations

import re
import unicodedata

_SPELLINGS = {
    "sum1": "someone", "some1": "someone", "sumone": "someone", "smone": "someone", "som1": "someone",
    "any1": "anyone", "no1": "no one", "every1": "everyone", "ppl": "people", "peeps": "people",
    "u": "you", "ur": "your", "r": "are", "y": "why", "im": "i am", "i'm": "i am", "ive": "i have",
    "i've": "i have", "dont": "do not", "don't": "do not", "doesnt": "does not", "doesn't": "does not",
    "cant": "cannot", "can't": "cannot", "wont": "will not", "won't": "will not", "didnt": "did not",
    "didn't": "did not", "isnt": "is not", "isn't": "is not", "wanna": "want to", "gonna": "going to",
    "gunna": "going to", "finna": "going to", "gotta": "got to", "kinda": "kind of", "cuz": "because",
    "coz": "because", "cos": "because", "bc": "because", "b4": "before", "2day": "today", "2nite": "tonight",
    "2": "to", "4": "for", "pls": "please", "plz": "please", "thx": "thanks", "tho": "though", "rn": "right now",
    "mum's": "mums", "mom": "mum", "mommy": "mum", "mummy": "mum", "momma": "mum", "mam": "mum", "ma": "mum",
    "daddy": "dad", "pa": "dad", "stepdad": "step dad", "step-dad": "step dad", "stepmum": "step mum",
    "step-mum": "step mum", "stepmom": "step mum", "bf": "boyfriend", "gf": "girlfriend", "kms": "kill myself",
    "kys": "kill yourself", "unalive": "kill", "unaliving": "killing", "selfharm": "self harm",
    "self-harm": "self harm", "selfharming": "self harming", "self-harming": "self harming", "suicidle": "suicidal",
    "sucidal": "suicidal", "suicdal": "suicidal", "sucide": "suicide", "suicde": "suicide", "hurtin": "hurting",
    "threatning": "threatening", "threating": "threatening", "thretening": "threatening", "bullyed": "bullied",
    "bulied": "bullied", "bulling": "bullying", "buling": "bullying", "abuseing": "abusing", "abusive": "abusive",
    "anymore": "any more", "nomore": "no more", "hitts": "hits", "hittin": "hitting", "beatin": "beating",
    "who've": "who have", "whove": "who have", "they'll": "they will", "theyll": "they will", "he'll": "he will",
    "she'll": "she will", "i'll": "i will", "they're": "they are", "theyre": "they are", "they've": "they have",
    "theyve": "they have", "he's": "he is", "she's": "she is", "hes": "he is", "shes": "she is",
    "n": "and", "nd": "and", "wiv": "with", "wid": "with", "w/": "with", "da": "the", "ma's": "mums",
}

_NON_WORD = re.compile(r"[^a-z0-9' ]+")
_REPEATS = re.compile(r"(.)\1{2,}")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("’", "'").replace("‘", "'")
    text = _NON_WORD.sub(" ", text)
    text = _REPEATS.sub(r"\1\1", text)  # "sooooo" -> "soo", keeps real double letters
    words = [_SPELLINGS.get(word, word) for word in text.split()]
    return " " + " ".join(words) + " "
