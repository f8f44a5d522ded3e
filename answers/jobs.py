"""Replies about a job: what it involves (ONS's tasks), what it pays (ONS ASHE), the best-paid jobs."""
from __future__ import annotations

from sqlalchemy import func, select

from answers.entry_routes import tasks
from answers.occupations import job_name
from answers.reply import Reply, follow_ups, money
from answers.wording import cite, fit
from lmi import schema
from lmi.entry import entry_for
from lmi.queries import LMI, UK


def job_info(lmi: LMI, soc_code: str) -> Reply:
    """What the job is, what people in it do day to day (ONS's tasks) and what it pays."""
    occ = lmi.occupation(soc_code)
    parts = [f"{job_name(lmi, soc_code)}: {occ.description}"]
    info = entry_for(lmi, soc_code, apprenticeship_limit=0)
    pay = lmi.headline_pay(soc_code)
    pay_sentence = (f"Typical full-time pay in the {_place(pay.geography)} is {money(pay.median)} a year "
                    f"({pay.source.short}).") if pay else ""
    if info and info.tasks:
        room = 80 - len(" ".join(parts + [pay_sentence]).split()) - len(cite(info.source, info.edition).split()) - 6
        day = tasks(info, room=max(room, 0))
        if day:
            parts.append(f"Day to day, someone in this job: {'; '.join(day)} {cite(info.source, info.edition)}.")
    if pay_sentence:
        parts.append(pay_sentence)
    figures = [f"Median full-time pay {money(pay.median)} a year, {_place(pay.geography)} ({pay.source.short})"] if pay else []
    return Reply(fit(parts), follow_ups("pay", "entry", "local", "adviser"), figures=figures)


def pay(lmi: LMI, soc_code: str) -> Reply:
    name = job_name(lmi, soc_code)
    figures = lmi.pay(soc_code)
    if not figures:
        return Reply(f"I don't have a pay figure for {name.lower()} yet, so I won't guess. "
                     "A careers adviser can help you find out.", follow_ups("apprenticeships", "local", "adviser"),
                     answered=False)
    uk = figures[0]
    text = (f"{name}: the middle pay for full-time workers in the {_place(uk.geography)} is "
            f"{money(uk.median)} a year ({uk.source.short}).")
    if uk.p25 and uk.p75:
        text += f" Half of them earn between {money(uk.p25)} and {money(uk.p75)}."
    for regional in figures[1:2]:
        text += f" In the {regional.geography} it is {money(regional.median)} ({regional.source.short})."
    text += " New starters and apprentices usually earn less at first."
    shown = [f"Median full-time pay {money(f.median)} a year, {_place(f.geography)} ({f.source.short})"
             for f in figures[:2]]
    return Reply(text, follow_ups("apprenticeships", "local", "adviser"), figures=shown)


def best_paid(lmi: LMI, limit: int = 5) -> Reply:
    latest = select(func.max(schema.pay.c.year)).where(schema.pay.c.geography == UK).scalar_subquery()
    query = (select(schema.pay.c.soc_code, schema.pay.c.median, schema.pay.c.year, schema.pay.c.publisher,
                    schema.occupation.c.title)
             .join(schema.occupation, schema.occupation.c.soc_code == schema.pay.c.soc_code)
             .where(schema.pay.c.geography == UK, schema.pay.c.year == latest)
             .order_by(schema.pay.c.median.desc()).limit(limit))
    with lmi.engine.connect() as conn:
        rows = list(conn.execute(query))
    if not rows:
        return Reply("I don't have pay figures loaded yet, so I can't compare jobs.", follow_ups("adviser"),
                     answered=False)
    listed = "; ".join(f"{job_name(lmi, r.soc_code).lower()} {money(r.median)}" for r in rows)
    year = rows[0].year
    return Reply(f"Of the jobs I know, these have the highest middle pay for full-time work in the UK "
                 f"(ONS, {year}): {listed}. Most need a degree or years of training.",
                 follow_ups("adviser"))


def _place(geography: str) -> str:
    return "UK" if geography == UK else geography
