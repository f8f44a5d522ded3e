"""CSV export: a header saying what is counted and that small counts are hidden, <5 for them, formulas escaped."""
import csv
import io

import pytest

from booking.staff import StaffUser
from insight.export import safe_cell, to_csv
from insight.queries import Filters, insight
from insight.schema import asked as asked_table
from insight.store import create_tables
from tests.insight.conftest import NOW, asked, record_many

HUB_LEAD = StaffUser(1, "hub.lead@demo.invalid", "Hub", "hub_lead", None, None)


def exported(engine, key):
    found = insight(engine, HUB_LEAD, Filters(), now=NOW)
    text = to_csv(found, found.breakdown(key), school="all schools", year_group="all year groups",
                  month="every month kept")
    return text, list(csv.reader(io.StringIO(text)))


def test_the_header_names_what_is_counted_and_the_suppression(engine):
    record_many(engine, 6, asked("local_demand", soc_code="5241", area_id="leek", answered=False))
    record_many(engine, 2, asked("local_demand", soc_code="2231", area_id="stone", answered=False))
    text, rows = exported(engine, "unanswered")
    assert rows[0] == ["Pathfinder hub insight: Questions the dataset could not answer, by job and town"]
    assert "questions Pathfinder had no figure for" in rows[1][0] and "No message text" in rows[1][0]
    assert rows[2] == ["Counts under 5 are suppressed and shown as <5; every other count, totals included, "
                       "is rounded to the nearest 5."]
    header = rows.index(next(r for r in rows if r[:2] == ["Job", "Town"]))
    assert rows[header + 1:] == [["Electricians and electrical fitters", "Leek", "5"],
                                 ["Midwifery nurses", "Stone", "<5"], ["Total", "", "10"]]


def test_a_small_total_is_suppressed_too(engine):
    record_many(engine, 3, asked("route", route="a-levels"))
    _, rows = exported(engine, "routes")
    assert rows[-2:] == [["A levels", "<5"], ["Total", "<5"]]


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"])
def test_cells_a_spreadsheet_would_run_are_escaped(value):
    assert safe_cell(value) == "'" + value


def test_ordinary_cells_are_left_alone():
    assert [safe_cell(v) for v in ("Leek", "5", "<5", None, "Year 7")] == ["Leek", "5", "<5", "", "Year 7"]


def test_a_formula_stored_in_the_table_is_escaped_in_the_export(engine):
    create_tables(engine)
    with engine.begin() as conn:  # past the recorder, as a tampered or older database could hold it
        conn.execute(asked_table.insert(), [dict(month=NOW.date().replace(day=1), year_group="Year 9", topic="pay",
                                                 occupation="=cmd|' /C calc'!A0", area="@evil", answered=False)] * 5)
    text, rows = exported(engine, "unanswered")
    assert ["'=cmd|' /C calc'!A0", "'@evil", "5"] in rows
    assert "\n=cmd" not in text and ",=cmd" not in text
