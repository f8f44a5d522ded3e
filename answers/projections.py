"""Replies from DfE's projections to 2035: a job's or sector's outlook in the pupil's area, the groups
projected to grow most (with a chart), and how many people work in an industry.

Every figure is modelled: replies say "projected" with the period, round to "about 42,000", and cite the
publisher, publication and edition. Job openings from people retiring or leaving (replacement demand) are
told first when they are the bigger number: they are the jobs a pupil could get.
"""
from __future__ import annotations

from answers.occupations import job_name
from answers.reply import Reply, bar_chart, follow_ups, payload
from answers.wording import about, cite, fit
from lmi.outlook import (GroupOutlook, IndustryFigure, fastest_growing, group_outlook, industry_employment,
                         sector_outlook)
from lmi.queries import LMI, Area


def _cite(g: GroupOutlook | IndustryFigure) -> str:
    return cite(g.source, g.edition)


def _pct(value: float | None) -> str:
    return f"{value:+.0f}%" if value is not None else ""


def _change(g: GroupOutlook, with_england: bool = False) -> str:
    """'grow by about 1,200 (+9%)', 'shrink by about 950 (-8%; England -6%)' or 'stay about the same'."""
    england = (f"England {_pct(g.england_growth_pct)}"
               if with_england and g.england_growth_pct is not None else "")
    if abs(g.growth_pct or 0) < 1:
        return "stay about the same" + (f" ({england})" if england else "")
    verb = "grow" if g.net_change > 0 else "shrink"
    return f"{verb} by {about(g.net_change)} ({'; '.join(filter(None, [_pct(g.growth_pct), england]))})"


def _england(g: GroupOutlook) -> str:
    return f" In England as a whole the change is {_pct(g.england_growth_pct)}." if g.england_growth_pct is not None else ""


def _group_name(g: GroupOutlook) -> str:
    return g.group_title[0].lower() + g.group_title[1:]


def job_outlook(lmi: LMI, soc_code: str, area: Area) -> Reply:
    """"Will there be jobs for electricians near me?": the job's SOC sub-major group in the pupil's LSIP area."""
    g = group_outlook(lmi, soc_code, area.name)
    change = _change(g, with_england=True)
    parts = [f"{job_name(lmi, soc_code)} are part of the group \"{_group_name(g)}\"."]
    if g.replacement_demand:
        parts.append(f"In {g.area}, from {g.from_year} to {g.to_year}, {about(g.replacement_demand)} of these jobs are "
                     "projected to open up as people retire or leave.")
        to_fill = (f", so there will be {about(g.total_requirement)} jobs to fill"
                   if g.total_requirement and g.total_requirement > 0 else "")
        parts.append(f"The group is projected to {change}{to_fill}.")
    else:
        parts.append(f"In {g.area}, from {g.from_year} to {g.to_year}, the group is projected to {change}.")
    parts.append(f"About {about(g.employment_from).removeprefix('about ')} people did these jobs there in "
                 f"{g.from_year}.")
    figure = f"{g.group_title} in {g.area}, {g.from_year} to {g.to_year}: projected to {change} {_cite(g)}"
    return Reply(fit(parts, _cite(g)), [*follow_ups("entry", "apprenticeships", "growing"), *follow_ups("adviser")],
                 figures=[figure])


def sector_outlook_reply(lmi: LMI, sector_id: str, sector_name: str, area: Area) -> Reply:
    """"Is construction growing round here?": people working in the sector's industries, then and projected."""
    g = sector_outlook(lmi, sector_id, area.name)
    parts = [f"In {g.area}, {about(g.employment_from)} people worked in {sector_name.lower()} in {g.from_year}.",
             f"By {g.to_year} it is projected to {_change(g)}, to {about(g.employment_to)}.",
             _england(g).strip()]
    priority = next((p for p in lmi.profile_of(area).priority_sectors if p.sector_id == sector_id), None)
    if priority:
        parts.append(f"It is one of {area.hub_name}'s priority sectors ({priority.source.short}).")
    parts.append("Jobs also open up every year as people retire or leave, even where a sector is not growing.")
    return Reply(fit([p for p in parts if p], _cite(g)),
                 [("Apprenticeships", payload("ask_apprenticeship")), *follow_ups("growing", "adviser")],
                 slots={"sector_id": sector_id, "sector_name": sector_name})


def growing(lmi: LMI, area: Area, limit: int = 5) -> Reply:
    """"Which jobs will be in demand in the 2030s?": the groups projected to grow most, as text and a chart."""
    groups = fastest_growing(lmi, area.name, limit=limit)
    first = groups[0]
    period = f"{first.from_year} to {first.to_year}"
    listed = "; ".join(f"{_group_name(g)} ({'+' if g.net_change > 0 else '-'}{about(g.net_change).removeprefix('about ')})"
                       for g in groups)
    most_openings = max(fastest_growing(lmi, area.name, by="total_requirement", limit=1), key=lambda g: g.total_requirement)
    source = _cite(first)
    parts = [f"Projected to grow most in {first.area}, {period}: {listed}.",
             f"Counting people who retire or leave, the most jobs to fill will be for "
             f"{_group_name(most_openings)} ({about(most_openings.total_requirement)})."]
    text = fit(parts, source)
    summary = (f"Bar chart of the {len(groups)} occupation groups projected to grow most in {first.area}, "
               f"{period}: " + "; ".join(f"{g.group_title}, {g.net_change:+,} jobs" for g in groups) + ".")
    chart = bar_chart(f"Jobs projected to grow most in {first.area}, {period}", "extra jobs (people)",
                      [(g.group_title, g.net_change) for g in groups], summary, source.strip("()"))
    return Reply(text, [*follow_ups("local"), ("How many people work here?", payload("ask_industry_size")),
                        *follow_ups("adviser")], chart=chart)


def _industry_total(figures: list[IndustryFigure], sector_id: str) -> list[IndustryFigure]:
    return [f for f in figures if f.sector_id == sector_id]


def _when(figure: IndustryFigure) -> str:
    return f"in {figure.year} (projected)" if figure.projected else f"in {figure.year}"


def industry_size(lmi: LMI, area: Area, sector: tuple[str, str] | None = None, soc_code: str | None = None) -> Reply:
    """"How many people work in construction round here?": employment by industry, in plain numbers."""
    if soc_code:
        g = group_outlook(lmi, soc_code, area.name)
        text = fit([f"In {g.area}, {about(g.employment_from)} people worked as {_group_name(g)} "
                    f"(the group {job_name(lmi, soc_code).lower()} are in) in {g.from_year}.",
                    f"That is projected to {_change(g)} by {g.to_year}."], _cite(g))
        return Reply(text, follow_ups("local", "entry", "adviser"))
    figures = industry_employment(lmi, area.name)
    if sector:
        sector_id, sector_name = sector
        mine = _industry_total(figures, sector_id)
        if not mine:
            return Reply(f"The projections for {figures[0].area} have no figure for {sector_name.lower()}, "
                         "so I won't guess.", follow_ups("growing", "adviser"), answered=False)
        total = sum(f.employment for f in mine)
        parts = [f"{about(total).capitalize()} people work in {sector_name.lower()} in {mine[0].area} {_when(mine[0])}."]
        if len(mine) > 1:
            parts.append("That adds up " + ", ".join(f"{f.industry.lower()} ({about(f.employment)})" for f in mine) + ".")
        return Reply(fit(parts, _cite(mine[0])),
                     [("Is it growing?", payload("ask_local_demand")), *follow_ups("growing", "adviser")],
                     slots={"sector_id": sector_id, "sector_name": sector_name})
    top = figures[:5]
    listed = "; ".join(f"{f.industry.lower()} ({about(f.employment)})" for f in top)
    source = _cite(top[0])
    text = fit([f"The industries employing most people in {top[0].area} {_when(top[0])}: {listed}."], source)
    summary = (f"Bar chart of the {len(top)} industries employing most people in {top[0].area} {_when(top[0])}: "
               + "; ".join(f"{f.industry}, {f.employment:,} people" for f in top) + ".")
    chart = bar_chart(f"People working in each industry, {top[0].area}, {top[0].year}", "people",
                      [(f.industry, f.employment) for f in top], summary, source.strip("()"))
    return Reply(text, follow_ups("growing", "adviser"), chart=chart)
