"""Reading what a turn is about from the tracker: the job, the place, the level, the words typed."""
from __future__ import annotations

import re

from rasa_sdk import Tracker

from answers.occupations import Resolution, resolve
from lmi.queries import LMI, Area

_LEVEL = re.compile(r"\blevel\s*([2-8]|two|three|four|five|six|seven|eight)\b", re.I)
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_DEGREE = re.compile(r"\bdegree[\s-]*(?:level\s+)?app?rent", re.I)
_BACK = re.compile(r"\b(it|that|this|them|those)\b", re.I)
SURE_SECTOR = 0.75  # 'health care' matches 'Health and social care' at 0.77


def text_of(tracker: Tracker) -> str:
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text


def entity(tracker: Tracker, name: str) -> str | None:
    values = list(tracker.get_latest_entity_values(name))
    return values[0] if values else None


def occupation_in_message(lmi: LMI, tracker: Tracker) -> Resolution:
    """The job this message names: a button's SOC code, the spaCy entity, or the whole text."""
    soc = entity(tracker, "soc_code")
    match = lmi.occupation_match(soc) if soc else None
    if match:
        return Resolution(match, [match])
    return resolve(lmi, entity(tracker, "occupation"), text_of(tracker))


def place_in_message(lmi: LMI, tracker: Tracker) -> Area | None:
    for text in (entity(tracker, "place"), text_of(tracker)):
        if text:
            found = lmi.find_area(text)
            if found:
                return found[0]
    return None


def remembered_area(lmi: LMI, tracker: Tracker) -> Area | None:
    area_id = tracker.get_slot("area_id")
    return lmi.area(area_id) if area_id else None


def level_in_message(tracker: Tracker) -> int | None:
    for text in (entity(tracker, "qualification_level"), text_of(tracker)):
        match = _LEVEL.search(text or "")
        if match:
            value = match.group(1).lower()
            return _WORDS.get(value) or int(value)
    return None


def asks_degree_level(tracker: Tracker) -> bool:
    """'degree apprenticeships in engineering': levels 6 and 7."""
    return bool(_DEGREE.search(text_of(tracker)))


def sector_in_message(lmi: LMI, tracker: Tracker) -> tuple[str, str] | None:
    """The sector this message names ("construction", "health"), as (id, name), when the words are clear."""
    for text in (entity(tracker, "sector"), text_of(tracker)):
        if text:
            found = lmi.find_sector(text)
            if found and found[2] >= SURE_SECTOR:
                return found[0], found[1]
    return None


def remembered_sector(tracker: Tracker) -> tuple[str, str] | None:
    """The sector the pupil asked about last, while no job has been named since."""
    sector_id, name = tracker.get_slot("sector_id"), tracker.get_slot("sector_name")
    return (sector_id, name) if sector_id and name else None


def refers_back(text: str) -> bool:
    """'how many people work in it': the job or sector talked about before."""
    return bool(_BACK.search(text or ""))
