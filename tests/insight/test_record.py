"""Recording an asked question: only the contract's fields, only values the dataset has, never the pupil's words,
and never an exception for the action server."""
import logging
from datetime import datetime, timezone

import pytest
from sqlalchemy import Boolean, Column, Date, create_engine, Integer, MetaData, String, Table, inspect, select

from insight.record import record_asked
from insight.schema import asked as asked_table
from insight.store import create_tables
from insight.validate import InvalidAsked, build_row, normal_year_group
from lmi.config import make_engine
from tests.insight.conftest import NOW, asked

PUPIL_WORDS = "my name is Jamie Smith from 10B and I want to be a sparky"


def rows(engine):
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(asked_table))]


def test_a_question_is_stored_with_dataset_values_only(engine):
    record = asked("pay", soc_code="5241", occupation=PUPIL_WORDS, area_id="kidderminster", area=PUPIL_WORDS,
                   figures=["Median pay £35,000 a year (ONS ASHE 2025)"])
    record["message"] = PUPIL_WORDS  # not in the contract
    assert record_asked(engine, record, school_id="worcester-high", year_group="10", at=NOW) is True
    (row,) = rows(engine)
    assert row["occupation"] == "Electricians and electrical fitters"  # the dataset's title, not the pupil's
    assert (row["soc_code"], row["soc_major_group"], row["soc_major_group_name"]) == \
        ("5241", 5, "Skilled trades occupations")
    assert (row["area_id"], row["area"]) == ("kidderminster", "Kidderminster")
    assert (row["school_id"], row["hub_id"], row["hub"]) == ("worcester-high", "worcestershire", "Worcestershire")
    assert row["year_group"] == "Year 10" and row["topic"] == "pay" and row["answered"] is True
    assert row["month"].isoformat() == "2026-11-01"
    stored = " ".join(str(v) for v in row.values())
    assert "Jamie" not in stored and "sparky" not in stored and "35,000" not in stored


def test_no_column_can_hold_a_message_or_a_time_or_an_id(engine):
    create_tables(engine)
    columns = {c["name"] for c in inspect(engine).get_columns("insight_asked")}
    assert columns == {"id", "month", "school_id", "hub_id", "hub", "year_group", "topic", "soc_code",
                       "soc_major_group", "soc_major_group_name", "occupation", "sector", "route", "area_id",
                       "area", "answered"}


def test_values_the_dataset_does_not_have_are_dropped(engine):
    record = asked("apprenticeship", soc_code="0000", occupation="sparky", sector="my uncle's garage",
                   route="whatever my mate does", area_id="narnia", area="Narnia")
    assert record_asked(engine, record, school_id="no-such-school", year_group=None, at=NOW)
    (row,) = rows(engine)
    assert all(row[k] is None for k in ("soc_code", "soc_major_group", "occupation", "sector", "route", "area_id",
                                        "area", "school_id", "hub_id", "hub"))
    assert row["year_group"] == "not given" and row["topic"] == "apprenticeship"


def test_sector_route_and_place_are_matched_to_the_dataset(engine):
    record = asked("apprenticeship", sector="construction", route="t_levels", area="leek", answered=False)
    assert record_asked(engine, record, school_id="stafford-college", year_group="Year 11", at=NOW)
    (row,) = rows(engine)
    assert (row["sector"], row["route"], row["area_id"], row["area"]) == ("Construction", "T Levels", "leek", "Leek")
    assert (row["hub_id"], row["answered"]) == ("stoke-staffs", False)


@pytest.mark.parametrize("record,field", [
    (asked("Tell me about pay!"), "topic"),
    ({"soc_code": "5241", "answered": True}, "topic"),
    (asked("pay", answered="yes"), "answered"),
    (asked("pay", soc_code="52A1"), "soc_code"),
    (asked("pay", soc_code=5241), "soc_code"),
    (asked("pay", occupation=["plumber"]), "occupation"),
    ("pay", "dict"),
])
def test_a_bad_value_is_a_clear_error_naming_the_field(engine, record, field):
    with pytest.raises(InvalidAsked, match=field):
        build_row(engine, record, school_id=None, year_group=None, at=NOW)


def test_a_bad_record_is_logged_and_skipped_never_raised(engine, caplog):
    with caplog.at_level(logging.WARNING, logger="insight.record"):
        assert record_asked(engine, asked(PUPIL_WORDS), school_id=None, year_group=None, at=NOW) is False
        assert record_asked(engine, asked("pay"), school_id=None, year_group=None, at="yesterday") is False
    assert rows(engine) == []
    assert "topic must be" in caplog.text and "at must be a datetime" in caplog.text
    assert "Jamie" not in caplog.text  # a bad value that may be the pupil's words is not logged


def test_a_year_group_slot_holding_the_pupils_words_counts_as_not_given(engine, caplog):
    with caplog.at_level(logging.WARNING, logger="insight.validate"):
        assert record_asked(engine, asked("pay"), school_id=None, year_group=PUPIL_WORDS, at=NOW)
        assert record_asked(engine, asked("pay"), school_id=None, year_group="Year 14", at=NOW)
    assert [r["year_group"] for r in rows(engine)] == ["not given", "not given"]
    assert "year_group must be" in caplog.text and "Jamie" not in caplog.text


def test_a_database_that_is_down_does_not_break_the_answer(tmp_path, caplog):
    broken = create_engine(f"sqlite:///{tmp_path}")  # a folder, not a database file: every connection fails
    with caplog.at_level(logging.ERROR, logger="insight.record"):
        assert record_asked(broken, asked("pay"), school_id=None, year_group=None, at=NOW) is False
    assert "not recorded" in caplog.text


@pytest.mark.parametrize("given,expected", [(7, "Year 7"), ("13", "Year 13"), ("Y9", "Year 9"), ("year 12", "Year 12"),
                                            ("Yr 8", "Year 8"), (None, "not given"), ("  ", "not given")])
def test_year_groups_are_normalised(given, expected):
    assert normal_year_group(given) == expected


@pytest.mark.parametrize("given", [6, 14, "Year 14", "sixth form", True, 7.5])
def test_a_year_group_that_is_not_one_is_refused(given):
    with pytest.raises(InvalidAsked, match="year_group"):
        normal_year_group(given)


def test_an_aware_time_is_counted_in_its_london_month(engine):
    late = datetime(2026, 10, 31, 23, 30, tzinfo=timezone.utc)  # London is on GMT from 25 October: still October
    record_asked(engine, asked("pay"), school_id=None, year_group=None, at=late)
    record_asked(engine, asked("pay"), school_id=None, year_group=None,
                 at=datetime(2026, 6, 30, 23, 30, tzinfo=timezone.utc))  # BST: 00:30 on 1 July in London
    assert sorted(r["month"].isoformat() for r in rows(engine)) == ["2026-07-01", "2026-10-01"]


def test_without_the_dataset_a_code_is_kept_but_no_title(tmp_path):
    bare = make_engine(f"sqlite:///{tmp_path / 'bare.db'}")
    assert record_asked(bare, asked("pay", soc_code="5241", occupation=PUPIL_WORDS, area="Leek"),
                        school_id="worcester-high", year_group=7, at=NOW)
    (row,) = rows(bare)
    assert (row["soc_code"], row["soc_major_group"], row["occupation"], row["area"], row["school_id"]) == \
        ("5241", 5, None, None, None)


def test_an_older_table_gains_the_new_columns(tmp_path):
    older = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    old = Table("insight_asked", MetaData(), Column("id", Integer, primary_key=True), Column("month", Date),
                Column("year_group", String(20)), Column("topic", String(50)), Column("answered", Boolean))
    old.metadata.create_all(older)
    with older.begin() as conn:
        conn.execute(old.insert().values(month=NOW.date().replace(day=1), year_group="Year 7", topic="pay", answered=True))
    create_tables(older)
    assert {c["name"] for c in inspect(older).get_columns("insight_asked")} >= {"soc_major_group_name", "hub"}
    assert record_asked(older, asked("pay", soc_code="5241"), school_id=None, year_group=None, at=NOW)
    assert len(rows(older)) == 2
