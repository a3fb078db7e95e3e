"""What admins read: people, organisations, the audit log."""

from __future__ import annotations

from sqlalchemy import or_, select

from ideashub.core.activity import Activity, Period, newest_first
from ideashub.extensions import db
from ideashub.people.models import Organisation, Team, User

PAGE = 50


def people(q: str = "", page: int = 1) -> tuple[list[User], bool]:
    stmt = select(User).order_by(User.name, User.id)
    if q:
        like = "%" + q.replace("%", "").replace("_", "") + "%"
        stmt = stmt.where(
            or_(User.name.ilike(like), User.email.ilike(like), User.role == q.lower(),
                User.team_id.in_(select(Team.id).where(Team.name.ilike(like))))
        )
    rows = db.session.scalars(stmt.limit(PAGE + 1).offset((page - 1) * PAGE)).unique().all()
    return rows[:PAGE], len(rows) > PAGE


def organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)).unique())


def audit(action: str = "", person: str = "", before_id: int | None = None, limit: int | None = PAGE,
          period: Period | None = None):
    """Every entry of the activity log, security events included, newest first by the time
    shown (the id breaking ties), within ``period``; ``limit=None`` streams them all (CSV)."""
    stmt = select(Activity)
    if action:
        stmt = stmt.where(Activity.action.startswith(action.strip()[:40]))
    if person:
        like = "%" + person.strip()[:100].replace("%", "") + "%"
        stmt = stmt.where(Activity.actor_id.in_(select(User.id).where(or_(User.name.ilike(like), User.email.ilike(like)))))
    stmt = newest_first(stmt, before_id, period)
    if limit is None:
        return db.session.scalars(stmt.execution_options(yield_per=500))
    return list(db.session.scalars(stmt.limit(limit)).unique())


def last_settings_change() -> Activity | None:
    """The latest change of the hearing settings (who, when, why), or None if never changed here."""
    return db.session.scalar(
        select(Activity).where(Activity.action == "settings.changed").order_by(Activity.at.desc(), Activity.id.desc()).limit(1)
    )
