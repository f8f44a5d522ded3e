"""SQL tables of the LMI dataset (SQLAlchemy Core). Every figure row keeps its source."""
from __future__ import annotations

from sqlalchemy import (Column, Date, Float, ForeignKey, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()


def _source_columns(table_column: bool = True) -> list[Column]:
    columns = [Column("publisher", String(200), nullable=False)]
    if table_column:
        columns.append(Column("source_table", String(300), nullable=False))
    columns += [Column("year", Integer, nullable=False), Column("link", String(500), nullable=False)]
    return columns


occupation = Table(
    "lmi_occupation", metadata,
    Column("soc_code", String(4), primary_key=True),
    Column("title", String(200), nullable=False),
    Column("major_group", Integer, nullable=False),
    Column("description", Text, nullable=False),
    *_source_columns(),
)

occupation_alias = Table(
    "lmi_occupation_alias", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("soc_code", String(4), ForeignKey("lmi_occupation.soc_code"), nullable=False, index=True),
    Column("alias", String(200), nullable=False),
)

pay = Table(
    "lmi_pay", metadata,
    Column("soc_code", String(4), ForeignKey("lmi_occupation.soc_code"), primary_key=True),
    Column("geography", String(100), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("median", Integer, nullable=False),
    Column("p25", Integer),
    Column("p75", Integer),
    Column("publisher", String(200), nullable=False),
    Column("source_table", String(300), nullable=False),
    Column("link", String(500), nullable=False),
)

sector = Table(
    "lmi_sector", metadata,
    Column("sector_id", String(100), primary_key=True),
    Column("name", String(200), nullable=False),
)

sector_alias = Table(
    "lmi_sector_alias", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sector_id", String(100), ForeignKey("lmi_sector.sector_id"), nullable=False, index=True),
    Column("alias", String(200), nullable=False),
)

occupation_sector = Table(
    "lmi_occupation_sector", metadata,
    Column("soc_prefix", String(4), primary_key=True),
    Column("sector_id", String(100), ForeignKey("lmi_sector.sector_id"), nullable=False),
)

area = Table(
    "lmi_area", metadata,
    Column("area_id", String(100), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("parent_id", String(100), ForeignKey("lmi_area.area_id")),
)

area_alias = Table(
    "lmi_area_alias", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("area_id", String(100), ForeignKey("lmi_area.area_id"), nullable=False, index=True),
    Column("alias", String(200), nullable=False),
)

area_employment = Table(
    "lmi_area_employment", metadata,
    Column("area_id", String(100), ForeignKey("lmi_area.area_id"), primary_key=True),
    Column("sector_id", String(100), ForeignKey("lmi_sector.sector_id"), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("employees", Integer, nullable=False),
    Column("publisher", String(200), nullable=False),
    Column("source_table", String(300), nullable=False),
    Column("link", String(500), nullable=False),
)

area_growth = Table(
    "lmi_area_growth", metadata,
    Column("area_id", String(100), ForeignKey("lmi_area.area_id"), primary_key=True),
    Column("sector_id", String(100), ForeignKey("lmi_sector.sector_id"), primary_key=True),
    Column("measure", String(100), primary_key=True),
    Column("period", String(50), primary_key=True),
    Column("value", Float, nullable=False),
    Column("publisher", String(200), nullable=False),
    Column("source_table", String(300), nullable=False),
    Column("link", String(500), nullable=False),
)

priority_sector = Table(
    "lmi_priority_sector", metadata,
    Column("area_id", String(100), ForeignKey("lmi_area.area_id"), primary_key=True),
    Column("sector_id", String(100), ForeignKey("lmi_sector.sector_id"), primary_key=True),
    Column("note", Text, nullable=False),
    Column("publisher", String(200), nullable=False),
    Column("document", String(300), nullable=False),
    Column("year", Integer),  # many LEP web pages carry no date: left empty, never guessed
    Column("link", String(500), nullable=False),
)

apprenticeship = Table(
    "lmi_apprenticeship", metadata,
    Column("reference", String(10), primary_key=True),
    Column("title", String(300), nullable=False),
    Column("level", Integer, nullable=False, index=True),
    Column("duration_months", Integer),
    Column("route", String(200), nullable=False),
    Column("publisher", String(200), nullable=False),
    Column("year", Integer, nullable=False),
    Column("link", String(500), nullable=False),
    Column("edition", String(100)),
)

apprenticeship_occupation = Table(
    "lmi_apprenticeship_occupation", metadata,
    Column("reference", String(10), ForeignKey("lmi_apprenticeship.reference"), primary_key=True),
    Column("soc_code", String(4), ForeignKey("lmi_occupation.soc_code"), primary_key=True),
)

apprenticeship_level = Table(
    "lmi_apprenticeship_level", metadata,
    Column("level", Integer, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("equivalent", String(300), nullable=False),
    Column("description", Text, nullable=False),
)

apprentice_pay = Table(
    "lmi_apprentice_pay", metadata,
    Column("rate_name", String(100), primary_key=True),
    Column("applies_from", Date, primary_key=True),
    Column("hourly_rate", Float, nullable=False),
    Column("publisher", String(200), nullable=False),
    Column("source_table", String(300), nullable=False),
    Column("link", String(500), nullable=False),
)

qualification_level = Table(
    "lmi_qualification_level", metadata,
    Column("level", String(10), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("examples", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("publisher", String(200), nullable=False),
    Column("link", String(500), nullable=False),
)

study_route = Table(
    "lmi_study_route", metadata,
    Column("route_id", String(100), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("stage", String(30), nullable=False),
    Column("description", Text, nullable=False),
    Column("entry_requirements", Text),
    Column("typical_duration", String(100)),
    Column("publisher", String(200), nullable=False),
    Column("link", String(500), nullable=False),
)

t_level = Table(
    "lmi_t_level", metadata,
    Column("subject", String(200), primary_key=True),
    Column("route", String(200), nullable=False),
    Column("first_taught", Integer),
    Column("publisher", String(200), nullable=False),
    Column("link", String(500), nullable=False),
)


def _edition_columns() -> list[Column]:
    return [Column("publisher", String(200), nullable=False), Column("source_table", String(300), nullable=False),
            Column("edition", String(300), nullable=False), Column("year", Integer, nullable=False),
            Column("link", String(500), nullable=False), Column("licence", String(200), nullable=False)]


occupation_detail = Table(
    "lmi_occupation_detail", metadata,
    Column("soc_code", String(4), ForeignKey("lmi_occupation.soc_code"), primary_key=True),
    Column("ons_title", String(200), nullable=False),
    Column("ons_description", Text, nullable=False),
    Column("entry_routes", Text),
    Column("tasks", Text, nullable=False),  # items joined by '|'
    Column("related_titles", Text, nullable=False),  # items joined by '|'
    *_edition_columns(),
)

lsip_district = Table(
    "lmi_lsip_district", metadata,
    Column("lad_code", String(9), primary_key=True),
    Column("lad_name", String(200), nullable=False),
    Column("lsip_code", String(9), nullable=False, index=True),
    Column("lsip_name", String(200), nullable=False),
    *_edition_columns(),
)

projection_occupation = Table(
    "lmi_projection_occupation", metadata,
    Column("area_code", String(9), primary_key=True),
    Column("soc_group", String(2), primary_key=True),
    Column("from_year", Integer, primary_key=True),
    Column("to_year", Integer, primary_key=True),
    Column("area_name", String(200), nullable=False),
    Column("group_title", String(200), nullable=False),
    Column("employment_from", Integer, nullable=False),
    Column("employment_to", Integer, nullable=False),
    Column("net_change", Integer, nullable=False),
    Column("replacement_demand", Integer, nullable=False),
    Column("total_requirement", Integer, nullable=False),
    *_edition_columns(),
)

projection_industry = Table(
    "lmi_projection_industry", metadata,
    Column("area_code", String(9), primary_key=True),
    Column("industry", String(200), primary_key=True),
    Column("level_year", Integer, primary_key=True),
    Column("area_name", String(200), nullable=False),
    Column("employment", Integer, nullable=False),
    *_edition_columns(),
)

industry_sector = Table(
    "lmi_industry_sector", metadata,
    Column("industry", String(200), primary_key=True),
    Column("sector_id", String(100), ForeignKey("lmi_sector.sector_id"), nullable=False),
)

meta = Table(
    "lmi_meta", metadata,
    Column("key", String(50), primary_key=True),
    Column("value", Text, nullable=False),
    UniqueConstraint("key"),
)
