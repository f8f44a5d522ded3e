"""Console pages. Every page needs a logged-in user; every query is scoped to what that user may see."""
from __future__ import annotations

from functools import wraps

from flask import (Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, session,
                   url_for)

from booking import escalations, listings, outbox, reports, retention, schema, staff
from booking.schools import schools
from booking.service import BookingError, now_local
from bot.ratelimit import RateLimiter, client_address, int_setting, trusted_proxies

bp = Blueprint("console", __name__, template_folder="templates", static_folder="static", url_prefix="/console")


def engine():
    return current_app.config["ENGINE"]


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        user_id = session.get("user_id")
        user = staff.get_user(engine(), user_id) if user_id else None
        if user is None:
            return redirect(url_for("console.login", next=request.path))
        g.user = user
        return view(*args, **kwargs)
    return wrapped


@bp.errorhandler(404)
def not_found(_error):
    """A console page that does not exist, or belongs to another school: said plainly, in the console's layout."""
    return render_template("not_found.html"), 404


LOGIN_WINDOW_MINUTES = 15
TOO_MANY_LOGINS = (f"Too many failed logins from this network. Please wait {LOGIN_WINDOW_MINUTES} minutes, "
                   "then try again.")


def login_throttle() -> RateLimiter:
    """Failed logins per address (PATHFINDER_LOGIN_FAILURES_PER_ADDRESS in 15 minutes), beside each account's lockout:
    it stops one address trying a password on many accounts. Kept in this process."""
    if "pathfinder_login_throttle" not in current_app.extensions:
        current_app.extensions["pathfinder_login_throttle"] = RateLimiter(
            int_setting("PATHFINDER_LOGIN_FAILURES_PER_ADDRESS", 10), LOGIN_WINDOW_MINUTES * 60.0)
    return current_app.extensions["pathfinder_login_throttle"]


@bp.route("/login", methods=["GET", "POST"])
def login():
    error, status = None, 200
    if request.method == "POST":
        address = client_address(request.remote_addr, request.headers.get("X-Forwarded-For"), trusted_proxies())
        if not login_throttle().allow(address):  # counted before checking, so parallel tries count too
            return render_template("login.html", error=TOO_MANY_LOGINS), 429
        try:
            user = staff.authenticate(engine(), request.form.get("email", ""), request.form.get("password", ""))
        except staff.LoginFailed as exc:
            error, status = str(exc), 401
        else:
            login_throttle().refund(address)
            session.clear()
            session["user_id"] = user.id
            session.permanent = True
            target = request.args.get("next") or ""
            return redirect(target if target.startswith("/console/") else url_for("console.home"))
    return render_template("login.html", error=error), status


@bp.post("/logout")
@login_required
def logout():
    session.clear()
    flash("You have logged out.")
    return redirect(url_for("console.login"))


@bp.get("/")
@login_required
def home():
    if g.user.role == "adviser":
        return redirect(url_for("console.bookings"))
    return redirect(url_for("console.queue"))


@bp.get("/escalations")
@login_required
def queue():
    items = escalations.queue(engine(), g.user, include_resolved=request.args.get("all") == "1")
    return render_template("queue.html", items=items)


@bp.route("/escalations/<int:escalation_id>", methods=["GET", "POST"])
@login_required
def escalation(escalation_id: int):
    try:
        item = escalations.get(engine(), g.user, escalation_id)
    except escalations.NotAllowed:
        abort(404)
    if request.method == "POST":
        try:
            action = request.form.get("action")
            if action == "status":
                escalations.set_status(engine(), g.user, escalation_id, request.form.get("status", ""))
            elif action == "assign":
                escalations.assign(engine(), g.user, escalation_id, request.form.get("assigned_to", ""))
            elif action == "note":
                escalations.add_note(engine(), g.user, escalation_id, request.form.get("note", ""))
            flash("Saved.")
        except BookingError as exc:
            flash(str(exc), "error")
        return redirect(url_for("console.escalation", escalation_id=escalation_id))
    lines = escalations.conversation(engine(), current_app.config["TRACKER_ENGINE"], g.user, escalation_id)
    return render_template("escalation.html", item=item, lines=lines,
                           notes=escalations.notes(engine(), g.user, escalation_id),
                           audit=escalations.audit_trail(engine(), g.user, escalation_id),
                           statuses=escalations.STATUSES)


@bp.route("/bookings", methods=["GET", "POST"])
@login_required
def bookings():
    if request.method == "POST":
        try:
            if request.form.get("action") == "retry":
                message_id = request.form.get("message_id", "")
                visible = {h.id for b in listings.bookings(engine(), g.user, upcoming=True)
                           + listings.bookings(engine(), g.user, upcoming=False) for h in b.handoffs}
                if message_id not in visible and not g.user.all_schools:
                    abort(404)
                flash("Sending again." if outbox.retry(engine(), message_id) else "That message is not failed.")
            elif request.form.get("action") == "allow_more":
                limit = listings.allow_another(engine(), g.user, request.form.get("reference", ""))
                flash(f"This pupil can now book up to {limit} upcoming interviews in the chat.")
            else:
                listings.mark_attendance(engine(), g.user, request.form.get("reference", ""),
                                         request.form.get("status", ""))
                flash("Attendance saved.")
        except BookingError as exc:
            flash(str(exc), "error")
        return redirect(url_for("console.bookings", past=request.args.get("past")))
    past = request.args.get("past") == "1"
    return render_template("bookings.html", past=past, can_allow_more=g.user.role in listings.ALLOW_MORE_ROLES,
                           items=listings.bookings(engine(), g.user, upcoming=not past))


@bp.get("/report")
@login_required
def report():
    rows = reports.benchmark8(engine(), g.user, now_local().date())
    start, end = reports.academic_year(now_local().date())
    if request.args.get("format") == "csv":
        return Response(reports.to_csv(rows), mimetype="text/csv",
                        headers={"Content-Disposition": f"attachment; filename=benchmark8-{start:%Y}.csv"})
    biggest = max([r.booked for r in rows] or [1])
    return render_template("report.html", rows=rows, start=start, end=end, biggest=biggest)


def role_required(*roles):
    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if g.user.role not in roles:
                abort(404)
            return view(*args, **kwargs)
        return wrapped
    return decorate


@bp.route("/staff", methods=["GET", "POST"])
@login_required
@role_required("hub_lead")
def staff_accounts():
    """A hub lead lists, adds, re-roles, disables and re-enables staff accounts; every change is audited."""
    if request.method == "POST":
        form = request.form
        try:
            action = form.get("action")
            adviser = int(form["adviser_id"]) if form.get("adviser_id", "").strip().isdigit() else None
            if action == "add":
                made = staff.create_account(engine(), g.user, form.get("email", ""), form.get("name", ""),
                                            form.get("password", ""), form.get("role", ""),
                                            school_id=form.get("school_id") or None, adviser_id=adviser)
                flash(f"Added {made.email} as {made.role_name.lower()}.")
            elif action == "role":
                changed = staff.change_role(engine(), g.user, int(form.get("user_id", 0)), form.get("role", ""),
                                            school_id=form.get("school_id") or None, adviser_id=adviser)
                flash(f"{changed.email} is now {changed.role_name.lower()}.")
            elif action in ("disable", "enable"):
                staff.set_disabled(engine(), g.user, int(form.get("user_id", 0)), action == "disable")
                flash("Account disabled: it can no longer log in." if action == "disable" else "Account enabled.")
        except (BookingError, ValueError) as exc:
            flash(str(exc), "error")
        return redirect(url_for("console.staff_accounts"))
    return render_template("staff.html", users=staff.list_users(engine()), roles=schema.ROLES,
                           role_names=staff.ROLE_NAMES, schools=schools(engine()))


@bp.route("/erase", methods=["GET", "POST"])
@login_required
@role_required(*staff.ERASURE_ROLES)
def erase():
    """Erase one pupil's data (by conversation id or booking reference), after a tick-box confirmation."""
    if request.method == "POST":
        if request.form.get("confirm") != "yes":
            flash("Tick the box to confirm: erasing can't be undone.", "error")
        else:
            try:
                counts = retention.erase_pupil(engine(), current_app.config["TRACKER_ENGINE"], g.user,
                                               conversation_id=request.form.get("conversation_id", ""),
                                               reference=request.form.get("reference", ""))
                flash("Erased. " + "; ".join(f"{k}: {v}" for k, v in counts.rows.items()))
            except BookingError as exc:
                flash(str(exc), "error")
        return redirect(url_for("console.erase"))
    return render_template("erase.html", periods={k: retention.days(k) for k in retention.PERIODS},
                           covers={k: v[1] for k, v in retention.PERIODS.items()})
