"""Replies about the pupil's area: where a town belongs, local demand for a job, growing sectors."""
from __future__ import annotations

from answers.occupations import job_name
from answers.reply import Reply, follow_ups, payload
from lmi.queries import LMI, Area, AreaProfile, SectorFigure


def area_slots(area: Area) -> dict:
    return {"area_id": area.area_id, "area_name": area.name, "hub_id": area.hub_id, "hub_name": area.hub_name}


def ask_place(lmi: LMI, asked_intent: str) -> Reply:
    buttons = [(hub.name, payload("inform_place", place=hub.name)) for hub in lmi.hubs()]
    return Reply("Which town or area do you live or go to school in? For example Kidderminster or Stafford.",
                 buttons, slots={"pending_intent": asked_intent})


def unknown_place(lmi: LMI, text: str, asked_intent: str | None) -> Reply:
    hubs = lmi.hubs()
    names = " and ".join(h.name for h in hubs)
    return Reply(f"Sorry, I don't know that place. I have local information for {names}. Which is nearest to you?",
                 [(h.name, payload("inform_place", place=h.name)) for h in hubs],
                 slots={"pending_intent": asked_intent})


def place_confirmed(area: Area) -> Reply:
    where = area.name if area.kind == "hub" else f"{area.name} is in the {area.hub_name} area"
    return Reply(f"Thanks! {where}. I'll use that when you ask about jobs round here.",
                 [("Growing jobs here", payload("ask_growing_jobs")), ("Jobs and pay", payload("ask_pay")),
                  ("Talk to a careers adviser", payload("book_interview"))], slots=area_slots(area))


def _employment_sentence(figure: SectorFigure, hub_name: str) -> str:
    return (f"About {figure.value:,.0f} people work in {figure.sector.lower()} in {hub_name} "
            f"({figure.source.short}).")


def _change(figure: SectorFigure) -> str:
    """'+12%' or '+1,320 businesses': the figure with what it counts, as the publisher measured it."""
    if "%" in figure.measure:
        return f"{figure.value:+g}%"
    return f"{figure.value:+,.0f}"


def _what(figure: SectorFigure) -> str:
    return figure.measure.replace("%", "").strip()


def _growth_sentence(figure: SectorFigure) -> str:
    return (f"{figure.sector}: {_change(figure)} ({_what(figure)}, {figure.period}; {figure.source.short}).")


def local_demand(lmi: LMI, soc_code: str, area: Area) -> Reply:
    name = job_name(lmi, soc_code).lower()
    sector = lmi.sector_of(soc_code)
    if sector is None:
        return Reply(f"I don't have local figures for {name} in {area.hub_name} yet, so I won't guess. "
                     "A careers adviser can tell you more.", follow_ups("pay", "apprenticeships", "adviser"),
                     answered=False)
    sector_id, sector_name = sector
    opening = f"{job_name(lmi, soc_code)} mostly work in {sector_name.lower()}."
    facts = _sector_facts(lmi, sector_id, area)
    return Reply(" ".join([opening, *facts]), follow_ups("pay", "apprenticeships", "adviser"),
                 answered=not facts[0].startswith("I don't have"))


def sector_demand(lmi: LMI, sector_id: str, sector_name: str, area: Area) -> Reply:
    """"Is construction in demand round here?": the sector's local figures and whether it is a priority."""
    facts = _sector_facts(lmi, sector_id, area, why=True)
    return Reply(" ".join([f"{sector_name} in {area.hub_name}:", *facts]),
                 [("Apprenticeships", payload("ask_apprenticeship")), *follow_ups("adviser")],
                 answered=not facts[0].startswith("I don't have"))


def _sector_facts(lmi: LMI, sector_id: str, area: Area, *, why: bool = False) -> list[str]:
    profile = lmi.profile_of(area)
    parts = []
    employment = next((f for f in profile.employment if f.sector_id == sector_id), None)
    if employment:
        parts.append(_employment_sentence(employment, area.hub_name))
    growth = next((f for f in profile.growth if f.sector_id == sector_id), None)
    if growth:
        parts.append(_growth_sentence(growth))
    priority = next((p for p in profile.priority_sectors if p.sector_id == sector_id), None)
    if priority:
        parts.append(f"It is one of {area.hub_name}'s priority sectors ({priority.source.short})"
                     + (f": {priority.note}" if why else "."))
    if not parts:
        parts.append(f"I don't have local figures for this sector in {area.hub_name} yet, so I won't guess.")
    elif not (employment or growth):
        parts.append("I don't have job numbers for it here yet.")
    return parts


def growing(lmi: LMI, area: Area) -> Reply:
    """Priority sectors, then published growth, then the biggest employers: whatever the data holds."""
    profile: AreaProfile = lmi.profile_of(area)
    buttons = [("Apprenticeships", payload("ask_apprenticeship")), ("Talk to a careers adviser", payload("book_interview"))]
    parts = []
    if profile.priority_sectors:
        names = ", ".join(p.sector.lower() for p in profile.priority_sectors[:6])
        parts.append(f"{area.hub_name}'s plans for jobs and skills focus on: {names} "
                     f"({profile.priority_sectors[0].source.short}).")
    if profile.growth:
        listed = "; ".join(f"{f.sector.lower()} {_change(f)} ({_what(f)}, {f.period})" for f in profile.growth[:2])
        parts.append(f"Growth: {listed} ({profile.growth[0].source.short}).")
    if profile.employment:
        listed = "; ".join(f"{f.sector.lower()} (about {f.value:,.0f})" for f in profile.employment[:3])
        parts.append(f"Most jobs: {listed} ({profile.employment[0].source.short}).")
    if not parts:
        return Reply(f"I don't have figures on growing jobs in {area.hub_name} yet, so I won't guess.", buttons,
                     answered=False)
    if not profile.growth:
        parts.append("I don't have growth figures by sector for this area, so I won't guess.")
    return Reply(" ".join(parts), buttons)
