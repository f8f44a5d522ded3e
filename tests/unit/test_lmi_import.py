"""The importers: the committed CSVs are exactly what they make from the committed workbooks, a new area comes
in with one import, and a wrong workbook is refused by name with nothing written."""
from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import pytest

from lmi.cli import main
from lmi.workbooks import WorkbookError, open_workbook, rows_of
from tests.conftest import LMI_DIR

OFFICIAL = LMI_DIR / "official"
SOC = OFFICIAL / "soc2020_volume1_structure_and_descriptions_2025-04-16.xlsx"
LOOKUP = OFFICIAL / "lsip_local_authority_lookup.xlsx"
ASHE = OFFICIAL / "ashe_2024_provisional_table_14.7a_annual_pay_gross.xlsx"
ENGLAND = OFFICIAL / "skills_imperative_2035_england.xlsm"
WORCS = OFFICIAL / "skills_imperative_2035_worcestershire_lsip.xlsm"
STOKE = OFFICIAL / "skills_imperative_2035_stoke_on_trent_and_staffordshire_lsip.xlsm"
GENERATED = ("occupation_details.csv", "lsip_districts.csv", "projections_occupations.csv",
             "projections_industries.csv")
OUTLOOK_KEYS = {"soc_group", "group_title", "area", "from_year", "to_year", "employment_from", "employment_to",
                "net_change", "replacement_demand", "total_requirement", "england_growth_pct", "source", "edition"}
ENTRY_KEYS = {"soc_code", "title", "entry_routes", "tasks", "apprenticeships", "source", "edition"}
SCALE = 1.5  # the third area's figures: the Worcestershire workbook's, times this


def _import(*args: str) -> int:
    return main(["import", *args])


def _drop_rows(path: Path, soc_codes: set[str]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if line.split(",", 1)[0] not in soc_codes), encoding="utf-8")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def _edited_workbook(source: Path, target: Path, edit) -> Path:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(source, data_only=True)
    for name in list(workbook.sheetnames):
        if name not in ("Info", "Occ T2", "Ind T2", "SOC2020 descriptions", "LA Districts to LSIPs"):
            del workbook[name]
    edit(workbook)
    workbook.save(target)
    return target


@pytest.fixture(scope="module")
def third_area_workbook(tmp_path_factory) -> Path:
    """Cumbria, built from a copy of the Worcestershire workbook: area renamed in Info and the titles, every
    figure of the all-people blocks scaled (so the sums still add up)."""
    def edit(workbook):
        info = workbook["Info"]
        for row in info.iter_rows():
            if row[0].value == "LSIP name":
                row[1].value = "Cumbria"
        for name in ("Occ T2", "Ind T2"):
            ws = workbook[name]
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.endswith(", Worcestershire"):
                        cell.value = cell.value.replace(", Worcestershire", ", Cumbria")
                    elif (isinstance(cell.value, float) and cell.column <= 10):
                        cell.value = cell.value * SCALE
    return _edited_workbook(WORCS, tmp_path_factory.mktemp("cumbria") / "cumbria.xlsx", edit)


def test_committed_csvs_are_what_the_importers_make(lmi_copy):
    for name in GENERATED:
        (lmi_copy / name).unlink()
    _drop_rows(lmi_copy / "pay.csv", {"3312", "2226"})
    assert _import("soc-descriptions", str(SOC), "--dir", str(lmi_copy)) == 0
    assert _import("lsip-lookup", str(LOOKUP), "--dir", str(lmi_copy)) == 0
    for workbook in (STOKE, ENGLAND, WORCS):  # any order gives the same files
        assert _import("projections", str(workbook), "--dir", str(lmi_copy)) == 0
    assert _import("ashe-pay", str(ASHE), "--soc", "3312", "--soc", "2226", "--dir", str(lmi_copy)) == 0
    for name in (*GENERATED, "pay.csv", "areas.csv"):
        assert (lmi_copy / name).read_bytes() == (LMI_DIR / name).read_bytes(), name


def test_official_workbooks_are_unchanged_copies():
    import hashlib

    for line in (OFFICIAL / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hashlib.sha256((OFFICIAL / name).read_bytes()).hexdigest() == digest, name


def test_projections_are_people_rounded_from_the_workbooks_thousands():
    sheet = rows_of(open_workbook(WORCS)["Occ T2"])
    electrical = next(r for r in sheet if r[0] and str(r[0]).startswith("52 "))
    with (LMI_DIR / "projections_occupations.csv").open(encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if r["area_name"] == "Worcestershire" and r["soc_group"] == "52")
    assert int(row["employment_from"]) == round(electrical[3] * 1000)  # 2020
    assert int(row["employment_to"]) == round(electrical[5] * 1000)  # 2035
    assert int(row["replacement_demand"]) == round(electrical[8] * 1000)
    assert abs(int(row["employment_to"]) - int(row["employment_from"]) - int(row["net_change"])) <= 1
    assert abs(int(row["net_change"]) + int(row["replacement_demand"]) - int(row["total_requirement"])) <= 1


def test_a_new_area_comes_in_with_one_import(lmi_copy, third_area_workbook, capsys):
    before = (lmi_copy / "areas.csv").read_text(encoding="utf-8")
    assert _import("projections", str(third_area_workbook), "--dir", str(lmi_copy)) == 0
    out = capsys.readouterr().out
    assert "Cumbria (E69000006): 26 occupation groups and 22 industries" in out
    assert "added the area and its 2 districts" in out
    after = (lmi_copy / "areas.csv").read_text(encoding="utf-8")
    assert after.startswith(before)
    added = after[len(before):].splitlines()
    assert added == ["cumbria,Cumbria,hub,,", "cumberland,Cumberland,district,cumbria,",
                     "westmorland-and-furness,Westmorland and Furness,district,cumbria,"]
    assert main(["validate", str(lmi_copy)]) == 0
    # importing it again changes nothing
    snapshot = _snapshot(lmi_copy)
    assert _import("projections", str(third_area_workbook), "--dir", str(lmi_copy)) == 0
    assert _snapshot(lmi_copy) == snapshot


@pytest.mark.parametrize("workbook, area, message", [
    (SOC, None, "has no sheet 'Info'"),
    (STOKE, "Worcestershire", "is the workbook for 'Stoke-on-Trent and Staffordshire', not 'Worcestershire'"),
])
def test_wrong_projections_workbook_is_refused(lmi_copy, capsys, workbook, area, message):
    snapshot = _snapshot(lmi_copy)
    args = ["projections", str(workbook), "--dir", str(lmi_copy)] + (["--area", area] if area else [])
    assert _import(*args) == 2
    err = capsys.readouterr().err
    assert message in err and "Nothing was written." in err
    assert _snapshot(lmi_copy) == snapshot


def test_not_a_workbook_is_refused(lmi_copy, capsys):
    fake = lmi_copy / "fake.xlsx"
    fake.write_text("soc_code,title\n", encoding="utf-8")
    assert _import("projections", str(fake), "--dir", str(lmi_copy)) == 2
    assert "cannot be read as an Excel workbook" in capsys.readouterr().err


def test_area_missing_from_the_lookup_is_refused(lmi_copy, tmp_path, capsys):
    def rename(workbook):
        for row in workbook["Info"].iter_rows():
            if row[0].value == "LSIP name":
                row[1].value = "Atlantis"
    workbook = _edited_workbook(WORCS, tmp_path / "atlantis.xlsx", rename)
    snapshot = _snapshot(lmi_copy)
    assert _import("projections", str(workbook), "--dir", str(lmi_copy)) == 2
    assert "'Atlantis', which is not an LSIP area in lsip_districts.csv" in capsys.readouterr().err
    assert _snapshot(lmi_copy) == snapshot


def test_sheet_of_another_area_or_layout_is_refused(lmi_copy, tmp_path):
    from lmi import import_projections

    def mixed_up(workbook):
        workbook["Ind T2"]["A1"].value = "Industry Table 2  Employment by Industry Group, 2015-2035, Cumbria"
    with pytest.raises(WorkbookError, match="sheet 'Ind T2' is titled .* not for 'Worcestershire'"):
        import_projections.read(_edited_workbook(WORCS, tmp_path / "mixed.xlsx", mixed_up), lmi_copy)

    def missing_group(workbook):
        workbook["Occ T2"]["A8"].value = None  # the first occupation group's label
    with pytest.raises(WorkbookError, match="should list 26 occupation groups .* found 25"):
        import_projections.read(_edited_workbook(WORCS, tmp_path / "short.xlsx", missing_group), lmi_copy)

    def no_replacement_demand(workbook):
        for row in workbook["Occ T2"].iter_rows(max_row=8):
            for cell in row:
                if cell.value == "Demand":
                    cell.value = None
    with pytest.raises(WorkbookError, match="has no Demand column"):
        import_projections.read(_edited_workbook(WORCS, tmp_path / "nodemand.xlsx", no_replacement_demand), lmi_copy)


def test_soc_workbook_missing_a_column_is_refused(lmi_copy, tmp_path, capsys):
    def drop_tasks(workbook):
        ws = workbook["SOC2020 descriptions"]
        for cell in ws[1]:
            if cell.value == "Tasks":
                cell.value = "Duties"
    workbook = _edited_workbook(SOC, tmp_path / "soc.xlsx", drop_tasks)
    snapshot = _snapshot(lmi_copy)
    assert _import("soc-descriptions", str(workbook), "--dir", str(lmi_copy)) == 2
    assert "has no column 'Tasks'" in capsys.readouterr().err
    assert _snapshot(lmi_copy) == snapshot


def test_lookup_importer_refuses_another_workbook(lmi_copy, capsys):
    assert _import("lsip-lookup", str(SOC), "--dir", str(lmi_copy)) == 2
    assert "Is it DfE's LAD to LSIP lookup?" in capsys.readouterr().err


def test_ashe_importer_never_replaces_a_newer_figure(lmi_copy, capsys):
    snapshot = _snapshot(lmi_copy)
    assert _import("ashe-pay", str(ASHE), "--soc", "5241", "--dir", str(lmi_copy)) == 2  # 5241 has a 2025 row
    assert "already has a United Kingdom figure from 2024 or later for SOC 5241" in capsys.readouterr().err
    assert _snapshot(lmi_copy) == snapshot


def test_ashe_suppressed_percentile_stays_missing():
    from lmi import import_ashe

    _year, rows = import_ashe.read(ASHE, ["2226"])
    assert rows[0]["p75"] is None  # ONS's 'x'
    assert rows[0]["median"] > 1000


def test_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    from lmi import workbooks

    target = tmp_path / "x.csv"
    target.write_text("old\n", encoding="utf-8")

    def broken(*_args):
        raise OSError("disk full")
    monkeypatch.setattr(workbooks.os, "replace", broken)
    with pytest.raises(OSError):
        workbooks.write_all_atomically({target: "new\n", tmp_path / "y.csv": "new\n"})
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv"]


def test_third_area_answers_outlook_and_entry(lmi_copy, third_area_workbook, tmp_path, capsys):
    """A hub in Cumbria: one import, a town added by hand under its district, then the CLI contracts."""
    assert _import("projections", str(third_area_workbook), "--dir", str(lmi_copy)) == 0
    with (lmi_copy / "areas.csv").open("a", encoding="utf-8") as fh:
        fh.write("kendal,Kendal,town,westmorland-and-furness,\n")
    url = f"sqlite:///{tmp_path / 'cumbria.db'}"
    assert main(["--database", url, "load", "--dir", str(lmi_copy)]) == 0
    capsys.readouterr()
    assert main(["--database", url, "outlook", "electrician", "--area", "Kendal", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert set(found) == OUTLOOK_KEYS
    assert (found["area"], found["soc_group"]) == ("Cumbria", "52")
    electrical = next(r for r in rows_of(open_workbook(WORCS)["Occ T2"]) if r[0] and str(r[0]).startswith("52 "))
    assert abs(found["employment_from"] - electrical[3] * SCALE * 1000) <= 1
    assert abs(found["replacement_demand"] - electrical[8] * SCALE * 1000) <= 1
    with (LMI_DIR / "projections_occupations.csv").open(encoding="utf-8") as fh:
        england = next(r for r in csv.DictReader(fh) if r["area_name"] == "England" and r["soc_group"] == "52")
    assert found["england_growth_pct"] == round(100 * int(england["net_change"]) / int(england["employment_from"]), 1)
    assert main(["--database", url, "entry", "electrician", "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == ENTRY_KEYS
    assert main(["--database", url, "outlook", "electrician", "--area", "Narnia", "--json"]) == 1
    assert "is not a place in this dataset" in capsys.readouterr().err
