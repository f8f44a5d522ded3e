"""SOC 2020 major groups: the first digit of a unit group's code, with ONS's names for them.

The names are ONS's (SOC 2020 Volume 1, sheet 'SOC2020 Framework', in data/lmi/official/), as listed in
data/lmi/notes/occupations.md; the dataset's lmi_occupation.major_group gives each code's group.
"""
from __future__ import annotations

MAJOR_GROUPS = {
    1: "Managers, directors and senior officials",
    2: "Professional occupations",
    3: "Associate professional occupations",
    4: "Administrative and secretarial occupations",
    5: "Skilled trades occupations",
    6: "Caring, leisure and other service occupations",
    7: "Sales and customer service occupations",
    8: "Process, plant and machine operatives",
    9: "Elementary occupations",
}


def major_group_of(soc_code: str) -> int | None:
    """The major group of a 4-digit SOC 2020 code: its first digit."""
    if len(soc_code or "") == 4 and soc_code.isdigit() and int(soc_code[0]) in MAJOR_GROUPS:
        return int(soc_code[0])
    return None


def label(group: int) -> str:
    """'5 Skilled trades occupations'."""
    return f"{group} {MAJOR_GROUPS.get(group, 'SOC 2020 major group')}"
