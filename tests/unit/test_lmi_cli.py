"""The lmi command line: load, validate, occupation, apprenticeships, area, routes, level."""
import json

import pytest

from lmi.cli import main
from tests.conftest import LMI_DIR, set_cell


@pytest.fixture
def db(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--database", url, "load", "--dir", str(LMI_DIR)]) == 0
    capsys.readouterr()
    return url


def test_load_shows_progress_and_skips_when_unchanged(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["--database", url, "load", "--dir", str(LMI_DIR)]) == 0
    assert "occupations.csv" in capsys.readouterr().out
    assert main(["--database", url, "load", "--dir", str(LMI_DIR), "--if-changed"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_validate_good_and_bad(lmi_copy, capsys):
    assert main(["validate", str(lmi_copy)]) == 0
    line = set_cell(lmi_copy, "apprenticeships.csv", 2, "level", "eleven")
    assert main(["validate", str(lmi_copy)]) == 2
    err = capsys.readouterr().err
    assert f"apprenticeships.csv, line {line}, field 'level': 'eleven' is not a whole number" in err


def test_occupation_json(db, capsys):
    assert main(["--database", db, "occupation", "electrician", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found[0]["confidence"] >= found[-1]["confidence"]
    assert set(found[0]) >= {"soc_code", "title", "confidence", "median_pay", "pay_year", "source"}


def test_occupation_not_found(db, capsys):
    assert main(["--database", db, "occupation", "zzzzqqqq"]) == 1
    assert "No occupation matches" in capsys.readouterr().err


def test_apprenticeships_json_with_level(db, capsys):
    assert main(["--database", db, "apprenticeships", "electrician", "--json"]) in (0, 1)
    found = json.loads(capsys.readouterr().out)
    if found:
        level = found[0]["level"]
        assert main(["--database", db, "apprenticeships", "electrician", "--level", str(level), "--json"]) == 0
        assert all(a["level"] == level for a in json.loads(capsys.readouterr().out))


def test_bad_level_is_refused(db, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--database", db, "apprenticeships", "plumber", "--level", "9"])
    assert caught.value.code == 2


def test_area_json_and_unknown(db, capsys):
    assert main(["--database", db, "area", "Kidderminster", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["hub_id"] == "worcestershire"
    assert main(["--database", db, "area", "Stafford", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["hub_id"] == "stoke-staffs"
    assert main(["--database", db, "area", "Narnia"]) == 1
    assert "not a place in this dataset" in capsys.readouterr().err


def test_routes_and_level(db, capsys):
    assert main(["--database", db, "routes", "after-gcses"]) == 0
    assert capsys.readouterr().out.strip()
    assert main(["--database", db, "level", "3"]) == 0
    assert "Level 3" in capsys.readouterr().out
    assert main(["--database", db, "level", "12"]) == 2


def test_empty_database_says_what_to_do(tmp_path, capsys):
    assert main(["--database", f"sqlite:///{tmp_path / 'empty.db'}", "occupation", "nurse"]) == 2
    assert "python -m lmi load" in capsys.readouterr().err


def test_sources_md_documents_the_format_the_validator_checks():
    from lmi.formatdoc import render, section
    assert section(LMI_DIR / "SOURCES.md") == render(), "run: python -m lmi format --update data/lmi/SOURCES.md"


def test_format_update_refuses_a_file_without_the_markers(tmp_path, capsys):
    plain = tmp_path / "plain.md"
    plain.write_text("# nothing generated here\n", encoding="utf-8")
    assert main(["format", "--update", str(plain)]) == 2
    assert "no generated format section" in capsys.readouterr().err
    assert plain.read_text(encoding="utf-8") == "# nothing generated here\n"
