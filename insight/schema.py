"""The table of asked questions: one anonymous row per question, with only values chosen from the dataset."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Index, Integer, MetaData, String, Table

metadata = MetaData()

asked = Table(
    "insight_asked", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("month", Date, nullable=False, index=True),  # the first day of the month asked: never the time
    Column("school_id", String(50), index=True),        # None when the pupil's school is not known
    Column("hub_id", String(100)),                       # the school's hub area (data/lmi/areas.csv)
    Column("hub", String(200)),
    Column("year_group", String(20), nullable=False),    # "Year 7" .. "Year 13" or "not given"
    Column("topic", String(50), nullable=False),         # the question's intent without "ask_"
    Column("soc_code", String(4)),
    Column("soc_major_group", Integer),
    Column("soc_major_group_name", String(100)),
    Column("occupation", String(200)),
    Column("sector", String(200)),
    Column("route", String(200)),
    Column("area_id", String(100)),
    Column("area", String(200)),
    Column("answered", Boolean, nullable=False),
    Index("ix_insight_asked_school_month", "school_id", "month"),
)
