"""`python -m lmi import apprenticeship-standards`: Skills England's standards list refreshes apprenticeships.csv by
reference (titles, levels, durations, routes, links, edition), keeps the SOC mapping, and refuses a wrong file by
name with nothing written."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lmi import import_apprenticeships
from lmi.cli import main

HEADER = ("Programme Type,Name,Reference,Version Number,Status,Route,Level,Typical Duration,Link,Last Updated\n")
FIXTURE = (
    "Apprenticeships accurate as of 2 September 2026\n" + HEADER +
    'Apprenticeship standard,Bricklayer,ST0095,1.2,Approved for delivery,Construction and the built environment,'
    '2,24,https://skillsengland.education.gov.uk/apprenticeships/st0095-v1-2,09-08-2023\n'
    'Apprenticeship standard,"Solicitor, qualified",ST0246,1.1,Approved for delivery,"Legal, finance and accounting",'
    '7,72,https://skillsengland.education.gov.uk/apprenticeships/st0246-v1-1,01-01-2026\n'
    'Apprenticeship standard,Structural steelwork fabricator,ST0099,1.0,Retired,Construction and the built '
    'environment,2,24,https://skillsengland.education.gov.uk/apprenticeships/st0099-v1-0,21-03-2024\n'
    'Apprenticeship unit,Welding (mechanised),AU0004,1.0,Approved for delivery,Engineering and manufacturing,2,,'
    'https://skillsengland.education.gov.uk/apprenticeship-units/AU0004,28-04-2026\n'
)
CURRENT = (
    "reference,title,level,duration_months,route,soc_codes,publisher,year,link,edition\n"
    "ST0095,Bricklayer,2,30,Construction,5313,Institute for Apprenticeships and Technical Education,2020,"
    "https://www.instituteforapprenticeships.org/apprenticeship-standards/bricklayer/,\n"
    "ST0246,Solicitor,7,60,\"Legal, finance and accounting\",2412,Institute for Apprenticeships and Technical "
    "Education,2020,https://www.instituteforapprenticeships.org/apprenticeship-standards/solicitor/,\n"
    "ST0099,Structural steelwork fabricator,2,24,Construction,5212,IfATE,2020,https://example.org/st0099,\n"
    "ST0070,Business administrator,3,18,Business and administration,4159,IfATE,2020,https://example.org/st0070,\n"
)


def _rows(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["reference"]: r for r in csv.DictReader(fh)}


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "apprenticeships.csv").write_text(CURRENT, encoding="utf-8")
    (tmp_path / "standards.csv").write_text(FIXTURE, encoding="utf-8")
    return tmp_path


def test_standards_are_refreshed_by_reference(folder, capsys):
    assert main(["import", "apprenticeship-standards", str(folder / "standards.csv"), "--dir", str(folder)]) == 0
    rows = _rows(folder / "apprenticeships.csv")
    brick, solicitor = rows["ST0095"], rows["ST0246"]
    assert (brick["duration_months"], brick["route"]) == ("24", "Construction and the built environment")
    assert (solicitor["title"], solicitor["duration_months"]) == ("Solicitor, qualified", "72")
    assert brick["soc_codes"] == "5313" and solicitor["soc_codes"] == "2412"  # the project's mapping is kept
    assert (brick["publisher"], brick["year"], brick["edition"]) == ("Skills England", "2026",
                                                                     "accurate as of 2 September 2026")
    assert brick["link"] == "https://skillsengland.education.gov.uk/apprenticeships/st0095-v1-2"
    assert "ST0099" not in rows  # retired: no new starts
    assert rows["ST0070"]["publisher"] == "IfATE"  # not in the file: left as it was
    out = capsys.readouterr().out
    assert "2 standards refreshed" in out and "dropped: ST0099" in out and "left as they were: ST0070" in out


@pytest.mark.parametrize("text, message", [
    (HEADER + "x\n", "does not say when the list was taken"),
    ("Apprenticeships accurate as of 2 September 2026\nName,Reference,Level\nBricklayer,ST0095,2\n",
     "no column 'Status'"),
    ("Apprenticeships accurate as of 2 September 2026\n" + HEADER +
     "Apprenticeship standard,Bricklayer,ST0095,1.2,Approved for delivery,Construction,nine,24,https://x.org,\n",
     "level 'nine'"),
    ("Apprenticeships accurate as of 2 September 2026\n" + HEADER, "lists no apprenticeship standards"),
])
def test_wrong_file_is_refused_with_nothing_written(folder, capsys, text, message):
    (folder / "bad.csv").write_text(text, encoding="utf-8")
    assert main(["import", "apprenticeship-standards", str(folder / "bad.csv"), "--dir", str(folder)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Nothing was written." in err
    assert (folder / "apprenticeships.csv").read_text(encoding="utf-8") == CURRENT


def test_a_workbook_is_refused(folder, capsys):
    (folder / "book.xlsx").write_bytes(b"PK\x03\x04\xff\xfe\x00binary")
    assert main(["import", "apprenticeship-standards", str(folder / "book.xlsx"), "--dir", str(folder)]) == 2
    assert "Nothing was written." in capsys.readouterr().err
