"""A booking's own page in the console: the brief the pupil chose to send, and the action plan (up to five next
steps) the adviser, a careers leader or a hub lead writes after the interview, with the pupil's ticks."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from booking import brief, plans
from booking.escalations import NotAllowed
from booking.service import BookingError
from console.views import engine, login_required

bp = Blueprint("plans", __name__, template_folder="templates", url_prefix="/console")


@bp.route("/bookings/<reference>", methods=["GET", "POST"])
@login_required
def booking(reference: str):
    try:
        row = plans.visible(engine(), g.user, reference)
    except NotAllowed:
        abort(404)
    can_write = g.user.role in plans.PLAN_ROLES
    written = None
    if request.method == "POST":
        if not can_write:
            abort(404)
        written = [request.form.get(f"step{n}", "") for n in range(1, plans.MAX_STEPS + 1)]
        extra = [v for k, v in request.form.items() if k.startswith("step") and k[4:] not in
                 {str(n) for n in range(1, plans.MAX_STEPS + 1)} and v.strip()]
        try:
            plans.save(engine(), g.user, row.reference, written + extra)
        except BookingError as exc:
            flash(str(exc), "error")
            status = 400
        else:
            flash("Next steps saved. The pupil sees them in the chat.")
            return redirect(url_for("plans.booking", reference=row.reference))
    else:
        status = 200
    steps = plans.steps(engine(), row.reference)
    boxes = written or [s.text for s in steps]
    boxes = (boxes + [""] * plans.MAX_STEPS)[:plans.MAX_STEPS]
    return render_template("booking_detail.html", b=row, brief=brief.get(engine(), row.reference), steps=steps,
                           boxes=boxes, can_write=can_write, max_steps=plans.MAX_STEPS,
                           max_step=plans.MAX_STEP), status
