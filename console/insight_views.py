"""The hub insight page and its CSV export: for hub leads (every school) and careers leaders (their own school)."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, g, render_template, request

from booking.schools import schools
from console.views import engine, login_required, role_required
from insight import queries
from insight.chart import bar_chart
from insight.export import to_csv

bp = Blueprint("insight", __name__, template_folder="templates", url_prefix="/console/insight")


def _month(raw: str) -> date | None:
    try:
        year, month = (int(part) for part in raw.split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


def _filters() -> queries.Filters:
    args = request.args
    year = args.get("year", "")
    return queries.Filters(school_id=args.get("school") or None,
                           year_group=year if year in queries.year_groups() else None,
                           month=_month(args.get("month", "")))


def _insight():
    try:
        return queries.insight(engine(), g.user, _filters())
    except queries.NotAllowed:
        abort(404)


def _described(filters: queries.Filters) -> dict[str, str]:
    names = {s.id: s.name for s in schools(engine())}
    return {"school": names.get(filters.school_id, filters.school_id) if filters.school_id else "all schools",
            "year_group": filters.year_group or "all year groups",
            "month": f"{filters.month:%B %Y}" if filters.month else "every month kept"}


@bp.get("")
@login_required
@role_required(*queries.VIEWER_ROLES)
def page():
    found = _insight()
    visible = schools(engine()) if g.user.all_schools else [s for s in schools(engine()) if s.id == g.user.school_id]
    charts = {b.key: bar_chart(f"chart-{b.key}", f"{b.title}: {b.counted}", b.lines) for b in found.breakdowns}
    return render_template("insight.html", insight=found, charts=charts, schools=visible,
                           year_groups=queries.year_groups(), months=queries.months(engine(), g.user),
                           described=_described(found.filters))


@bp.get("/<key>.csv")
@login_required
@role_required(*queries.VIEWER_ROLES)
def export(key: str):
    found = _insight()
    breakdown = next((b for b in found.breakdowns if b.key == key), None)
    if breakdown is None:
        abort(404)
    body = to_csv(found, breakdown, **_described(found.filters))
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=hub-insight-{key}.csv"})
