"""Loading the LMI files: good data, every kind of bad row, and all-or-nothing reloads."""
from __future__ import annotations

import csv

import pytest
from sqlalchemy import func, select

from lmi import loader, schema
from lmi.config import make_engine
from lmi.loader import LoadError, load
from tests.conftest import LMI_DIR, set_cell


def rows_in(folder, filename):
    with (folder / filename).open(encoding="utf-8") as fh:
        return sum(1 for row in csv.DictReader(fh) if any(v.strip() for v in row.values()))


def count(engine, table):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


@pytest.fixture
def engine(tmp_path):
    return make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")


def test_good_data_loads_every_row(engine):
    result = load(LMI_DIR, engine)
    assert result.loaded
    assert count(engine, schema.occupation) == rows_in(LMI_DIR, "occupations.csv")
    assert count(engine, schema.apprenticeship) == rows_in(LMI_DIR, "apprenticeships.csv")
    assert count(engine, schema.pay) == rows_in(LMI_DIR, "pay.csv")
    assert result.counts["areas.csv"] == rows_in(LMI_DIR, "areas.csv")


def test_reload_is_idempotent_and_skips_when_unchanged(engine):
    load(LMI_DIR, engine)
    first = count(engine, schema.occupation_alias)
    assert load(LMI_DIR, engine).loaded
    assert count(engine, schema.occupation_alias) == first
    assert not load(LMI_DIR, engine, if_changed=True).loaded


def test_progress_is_reported(engine):
    messages = []
    load(LMI_DIR, engine, progress=messages.append)
    assert any("occupations.csv" in m and "rows" in m for m in messages)


BAD_CELLS = [
    ("occupations.csv", "soc_code", "52A1", "does not look right"),
    ("occupations.csv", "title", "", "is empty but required"),
    ("occupations.csv", "major_group", "12", "above the largest allowed value"),
    ("occupations.csv", "link", "not a link", "is not a web link"),
    ("pay.csv", "median", "thirty thousand", "is not a whole number"),
    ("pay.csv", "soc_code", "9999", "is not a soc_code listed in occupations.csv"),
    ("pay.csv", "year", "1850", "below the smallest allowed value"),
    ("areas.csv", "kind", "city", "is not one of"),
    ("areas.csv", "parent_id", "atlantis", "is not a area_id listed in areas.csv"),
    ("apprenticeships.csv", "reference", "XX12", "does not look right"),
    ("apprenticeships.csv", "level", "9", "above the largest allowed value"),
    ("apprenticeships.csv", "soc_codes", "52411", "does not look right"),
    ("qualification_levels.csv", "level", "9", "is not one of"),
    ("study_routes.csv", "stage", "after-lunch", "is not one of"),
]


@pytest.mark.parametrize("filename,column,value,message", BAD_CELLS)
def test_bad_cell_names_file_line_and_field(lmi_copy, engine, filename, column, value, message):
    line = set_cell(lmi_copy, filename, 0, column, value)
    with pytest.raises(LoadError) as caught:
        load(lmi_copy, engine)
    text = [str(p) for p in caught.value.problems]
    assert any(p.startswith(f"{filename}, line {line}, field '{column}'") and message in p for p in text), text


def test_duplicate_key_is_reported_with_both_lines(lmi_copy, engine):
    path = lmi_copy / "occupations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load(lmi_copy, engine)
    assert any("repeats soc_code=" in str(p) and "line 2" in str(p) for p in caught.value.problems)


def test_wrong_number_of_cells(lmi_copy, engine):
    path = lmi_copy / "sectors.csv"
    path.write_text(path.read_text(encoding="utf-8") + "only-one-cell\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load(lmi_copy, engine)
    assert any("has 1 cells but the header has 3 columns" in str(p) for p in caught.value.problems)


def test_missing_and_unknown_columns(lmi_copy, engine):
    path = lmi_copy / "pay.csv"
    text = path.read_text(encoding="utf-8").replace("median", "middle", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load(lmi_copy, engine)
    messages = [str(p) for p in caught.value.problems]
    assert "pay.csv, line 1: header is missing column(s): median" in messages
    assert "pay.csv, line 1: header has unknown column(s): middle" in messages


def test_missing_required_file(lmi_copy, engine):
    (lmi_copy / "occupations.csv").unlink()
    with pytest.raises(LoadError) as caught:
        load(lmi_copy, engine)
    assert any(str(p) == "occupations.csv: is missing (this file is required)" for p in caught.value.problems)


def test_not_utf8_and_empty_files(lmi_copy, engine):
    (lmi_copy / "sectors.csv").write_bytes("sector_id,name,aliases\ncaf\xe9,Caf\xe9,\n".encode("latin-1"))
    (lmi_copy / "t_levels.csv").write_text("", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load(lmi_copy, engine)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith("sectors.csv: is not UTF-8 text") for m in messages)
    assert "t_levels.csv: is empty: it needs a header row" in messages


def test_bad_files_leave_the_old_database_untouched(lmi_copy, engine):
    load(LMI_DIR, engine)
    before = count(engine, schema.occupation)
    set_cell(lmi_copy, "occupations.csv", 3, "major_group", "x")
    with pytest.raises(LoadError):
        load(lmi_copy, engine)
    assert count(engine, schema.occupation) == before


def test_failure_part_way_through_writing_rolls_back(engine, monkeypatch):
    load(LMI_DIR, engine)
    before = {t.name: count(engine, t) for t in schema.metadata.sorted_tables}

    def explode(conn, rows, dataset):
        raise RuntimeError("disk full")

    monkeypatch.setitem(loader._WRITERS, "apprenticeships.csv", explode)
    with pytest.raises(RuntimeError):
        load(LMI_DIR, engine)
    after = {t.name: count(engine, t) for t in schema.metadata.sorted_tables}
    assert after == before and before["lmi_occupation"] > 0


def test_a_database_loaded_by_an_older_version_is_brought_up_to_date(engine):
    """An LMI table whose columns changed since the database was made (here the apprenticeships before their
    `edition` column) is made again; other tables and their rows are left alone."""
    from sqlalchemy import inspect, text
    load(LMI_DIR, engine)
    with engine.begin() as conn:
        for table in reversed(schema.metadata.sorted_tables):  # emptied first, so the drop breaks no reference
            if table.name.startswith("lmi_"):
                conn.execute(table.delete())
        conn.execute(text("DROP TABLE lmi_apprenticeship"))
        conn.execute(text("CREATE TABLE lmi_apprenticeship (reference VARCHAR PRIMARY KEY, title VARCHAR)"))
        conn.execute(text("CREATE TABLE not_lmi (x INTEGER)"))
        conn.execute(text("INSERT INTO not_lmi VALUES (7)"))
        conn.execute(schema.meta.update().values(value="an older fingerprint").where(schema.meta.c.key == "fingerprint"))
    result = load(LMI_DIR, engine, if_changed=True)
    assert result.loaded and count(engine, schema.apprenticeship) == rows_in(LMI_DIR, "apprenticeships.csv")
    assert "edition" in {c["name"] for c in inspect(engine).get_columns("lmi_apprenticeship")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT x FROM not_lmi")).scalar() == 7


def test_a_load_leaves_fresh_planner_statistics(engine):
    from sqlalchemy import text
    load(LMI_DIR, engine)
    with engine.connect() as conn:
        analysed = {row[0] for row in conn.execute(text("SELECT tbl FROM sqlite_stat1"))}
    assert {"lmi_occupation", "lmi_pay", "lmi_apprenticeship"} <= analysed
