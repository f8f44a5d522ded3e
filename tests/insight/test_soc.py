"""SOC 2020 major groups: ONS's names as the dataset's notes list them, and every code's group its first digit."""
import csv
import re

from insight.soc import MAJOR_GROUPS, label, major_group_of
from tests.conftest import LMI_DIR


def test_the_names_are_those_in_the_datasets_notes():
    notes = (LMI_DIR / "notes" / "occupations.md").read_text(encoding="utf-8")
    listed = {int(n): name for n, name in re.findall(r"^- \*\*(\d) ([^*]+)\*\*", notes, re.M)}
    assert listed == MAJOR_GROUPS


def test_every_occupations_group_is_its_codes_first_digit():
    with (LMI_DIR / "occupations.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(major_group_of(r["soc_code"]) == int(r["major_group"]) for r in rows)


def test_labels_and_codes_that_are_not_soc_codes():
    assert label(5) == "5 Skilled trades occupations"
    assert [major_group_of(c) for c in ("0123", "12345", "ab12", "", None)] == [None] * 5
