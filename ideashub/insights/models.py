"""Monthly roll-ups of who supports and builds on whose ideas.

They are written by atomic upserts in the same transaction as the support
or response they count (see ``rollups``), so the cross-team matrix, the
participation figures and the givers are one small aggregate over months,
however many millions of supports lie behind them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from ideashub.extensions import db


class TeamFlow(db.Model):
    """In one month, what people of one team gave to the ideas of another (or their own)."""

    __tablename__ = "team_flows"

    month: Mapped[date] = mapped_column(Date, primary_key=True)
    from_team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    to_team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    supports: Mapped[int] = mapped_column(Integer, default=0)
    responses: Mapped[int] = mapped_column(Integer, default=0)

    # The matrix sums each pair's months: this index holds the sums, so it never reads the rows.
    __table_args__ = (Index("ix_team_flows_pair", "from_team_id", "to_team_id", "month", "supports", "responses"),)


class GiverMonth(db.Model):
    """In one month, what one person gave to other teams' ideas."""

    __tablename__ = "giver_months"

    month: Mapped[date] = mapped_column(Date, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    supports: Mapped[int] = mapped_column(Integer, default=0)
    builds: Mapped[int] = mapped_column(Integer, default=0)
    offers: Mapped[int] = mapped_column(Integer, default=0)

    # The givers sum each person's months: covered by this index, in person order.
    __table_args__ = (Index("ix_giver_months_user", "user_id", "month", "supports", "builds", "offers"),)
