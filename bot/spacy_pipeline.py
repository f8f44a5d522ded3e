"""Builds the blank English spaCy pipeline Rasa's SpacyNLP loads (no model download is possible).

Its entity_ruler knows the LMI dataset's job titles and aliases, places, sectors and subjects, so
SpacyEntityExtractor finds `occupation`, `place`, `sector`, `subject` and `qualification_level`.
"""
from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import spacy

from lmi.config import PROJECT_ROOT, lmi_dir
from lmi.text import plural_of
from lmi.validate import read_dataset

OUTPUT = PROJECT_ROOT / "build" / "spacy-pathfinder"
LABELS = ("occupation", "place", "sector", "subject", "qualification_level")

SCHOOL_SUBJECTS = (
    "maths", "math", "mathematics", "further maths", "english", "english language", "english literature",
    "biology", "chemistry", "physics", "science", "combined science", "computer science", "computing", "ict",
    "history", "geography", "religious studies", "re", "french", "spanish", "german", "art", "art and design",
    "design and technology", "dt", "drama", "music", "media studies", "film studies", "pe", "physical education",
    "sport", "psychology", "sociology", "economics", "business", "business studies", "law", "politics",
    "philosophy", "food technology", "food preparation and nutrition", "photography", "textiles",
    "engineering", "health and social care", "statistics", "citizenship", "latin",
)

QUALIFICATION_PATTERNS = (
    [[{"LOWER": "level"}, {"LOWER": {"IN": ["1", "2", "3", "4", "5", "6", "7", "8", "one", "two", "three", "four",
                                             "five", "six", "seven", "eight"]}}]]
    + [[{"LOWER": {"IN": ["gcse", "gcses"]}}]]
    + [[{"LOWER": {"IN": ["a", "as"]}}, {"ORTH": {"IN": ["-"]}, "OP": "?"}, {"LOWER": {"IN": ["level", "levels"]}}]]
    + [[{"LOWER": {"IN": ["alevel", "alevels", "a-level", "a-levels"]}}]]
    + [[{"LOWER": "t"}, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["level", "levels"]}}]]
    + [[{"LOWER": {"IN": ["tlevel", "tlevels", "t-level", "t-levels"]}}]]
    + [[{"LOWER": {"IN": ["btec", "btecs", "hnd", "hnc", "nvq", "degree", "degrees", "masters", "phd"]}}]]
    + [[{"LOWER": {"IN": ["foundation", "bachelors", "bachelor's"]}}, {"LOWER": "degree"}]]
)


def build_patterns(folder: Path) -> list[dict]:
    dataset = read_dataset(folder)
    if not dataset.ok:
        raise SystemExit("LMI files have problems; run `python -m lmi validate data/lmi`:\n"
                         + "\n".join(str(p) for p in dataset.problems[:20]))
    phrases: dict[str, set[str]] = {label: set() for label in LABELS}
    for row in dataset.rows["occupations.csv"]:
        phrases["occupation"].add(row["title"])
        phrases["occupation"].update(row["aliases"])
    for row in dataset.rows["areas.csv"]:
        phrases["place"].add(row["name"])
        phrases["place"].update(row["aliases"])
    for row in dataset.rows["sectors.csv"]:
        phrases["sector"].add(row["name"])
        phrases["sector"].update(row["aliases"])
    phrases["subject"].update(SCHOOL_SUBJECTS)
    patterns: list[dict] = []
    nlp = spacy.blank("en")
    for label, values in phrases.items():
        for value in sorted(v.strip() for v in values if v and v.strip()):
            words = [t.lower_ for t in nlp.make_doc(value)]
            patterns.append({"label": label, "pattern": [{"LOWER": w} for w in words], "id": value.lower()})
            if label == "occupation" and not words[-1].endswith("s"):
                plural = words[:-1] + [plural_of(words[-1])]
                patterns.append({"label": label, "pattern": [{"LOWER": w} for w in plural], "id": value.lower()})
    patterns += [{"label": "qualification_level", "pattern": p} for p in QUALIFICATION_PATTERNS]
    return patterns


def build(folder: Path | None = None, output: Path = OUTPUT) -> Path:
    folder = folder or lmi_dir()
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": None, "overwrite_ents": True})
    patterns = build_patterns(folder)
    ruler.add_patterns(patterns)
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    (output / "pathfinder.json").write_text(json.dumps({"patterns": len(patterns), "source": str(folder)}))
    return output


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lmi-dir", type=Path)
    args = parser.parse_args()
    path = build(args.lmi_dir)
    print(f"spaCy pipeline written to {path}")
