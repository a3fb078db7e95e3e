"""The Well-being of Future Generations (Wales) Act 2015: an idea's well-being goals and ways of working.

With the setting ``WELLBEING_GOALS`` on, an idea can be linked to any of the Act's seven
well-being goals and five ways of working (``IdeaWellbeing``, one row per link); the board
filters by goal and the insights count ideas, supports and decisions by goal. With it off,
nothing of this shows anywhere, and links already made stay stored, untouched.

The codes are stored; people read the labels (the Act's own English and Welsh wording, see
``translations/GLOSSARY.md``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flask import current_app, g, has_request_context
from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from ideashub.core.errors import Invalid
from ideashub.core.i18n import _, _l
from ideashub.extensions import db

GOAL, WAY = "goal", "way"
KINDS = (GOAL, WAY)

# The seven well-being goals, in the Act's order.
GOALS = {
    "prosperous": _l("A prosperous Wales"),
    "resilient": _l("A resilient Wales"),
    "healthier": _l("A healthier Wales"),
    "equal": _l("A more equal Wales"),
    "cohesive": _l("A Wales of cohesive communities"),
    "culture": _l("A Wales of vibrant culture and thriving Welsh language"),
    "global": _l("A globally responsible Wales"),
}
GOAL_DESCRIPTIONS = {
    "prosperous": _l("Good work, skills and a low-carbon economy that uses resources well."),
    "resilient": _l("A healthy natural environment that can adapt to change."),
    "healthier": _l("People's physical and mental well-being is as good as it can be."),
    "equal": _l("People can fulfil their potential, whatever their background or circumstances."),
    "cohesive": _l("Safe, viable and well-connected communities."),
    "culture": _l("Culture, heritage and the Welsh language are promoted, and people take part in the arts, sport and recreation."),
    "global": _l("What we do here takes account of its effect on global well-being."),
}

# The five ways of working (the sustainable development principle).
WAYS = {
    "long_term": _l("Long term"),
    "prevention": _l("Prevention"),
    "integration": _l("Integration"),
    "collaboration": _l("Collaboration"),
    "involvement": _l("Involvement"),
}
WAY_DESCRIPTIONS = {
    "long_term": _l("Balancing needs now with the needs of the future."),
    "prevention": _l("Stopping problems happening or getting worse."),
    "integration": _l("Considering how it affects each of the goals and other bodies' objectives."),
    "collaboration": _l("Working with others to meet the goals."),
    "involvement": _l("Involving people with an interest, reflecting the diversity of the area."),
}

CODES = {GOAL: GOALS, WAY: WAYS}
DESCRIPTIONS = {GOAL: GOAL_DESCRIPTIONS, WAY: WAY_DESCRIPTIONS}


class IdeaWellbeing(db.Model):
    """One link of an idea to a well-being goal (``kind`` 'goal') or a way of working ('way')."""

    __tablename__ = "idea_wellbeing"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"))
    kind: Mapped[str] = mapped_column(String(10))
    code: Mapped[str] = mapped_column(String(20))

    __table_args__ = (
        UniqueConstraint("idea_id", "kind", "code"),
        # The board's filter and the insights' counts by goal start from the code.
        Index("ix_idea_wellbeing_code", "kind", "code", "idea_id"),
    )


def enabled() -> bool:
    """Whether the hub shows the well-being goals (the WELLBEING_GOALS setting)."""
    return bool(current_app.config.get("WELLBEING_GOALS"))


@dataclass(frozen=True)
class Links:
    """An idea's goals and ways of working, as codes in the Act's order."""

    goals: tuple[str, ...] = field(default_factory=tuple)
    ways: tuple[str, ...] = field(default_factory=tuple)

    def as_json(self) -> dict:
        return {"goals": list(self.goals), "ways": list(self.ways)}

    @property
    def empty(self) -> bool:
        return not self.goals and not self.ways


def choices(kind: str) -> list[tuple[str, str]]:
    """(code, label) of a kind, in the Act's order, the labels in the page's language."""
    return [(code, str(label)) for code, label in CODES[kind].items()]


def label(kind: str, code: str) -> str:
    """A code's label in the page's language (the code itself if unknown)."""
    found = CODES[kind].get(code)
    return str(found) if found is not None else code


def describe(kind: str, code: str) -> str:
    found = DESCRIPTIONS[kind].get(code)
    return str(found) if found is not None else ""


def _ordered(kind: str, codes: Iterable[str]) -> tuple[str, ...]:
    wanted = set(codes)
    return tuple(code for code in CODES[kind] if code in wanted)


def checked(goals: Iterable[str] | None, ways: Iterable[str] | None) -> Links:
    """The links asked for, checked: ``Invalid`` (422) naming each unknown code."""
    errors = {}
    values = {}
    for kind, name, given in ((GOAL, "goals", goals), (WAY, "ways", ways)):
        given = list(given or [])
        if any(not isinstance(code, str) for code in given):
            errors[name] = _("Give the codes as text.")
            continue
        unknown = sorted({code for code in given if code not in CODES[kind]})
        if unknown:
            errors[name] = _(
                "Unknown codes: %(codes)s. Use: %(known)s.", codes=", ".join(unknown), known=", ".join(CODES[kind])
            )
        values[kind] = _ordered(kind, given)
    if errors:
        raise Invalid(_("Check the well-being goals and ways of working: %(errors)s", errors=" ".join(errors.values())),
                      errors)
    return Links(goals=values[GOAL], ways=values[WAY])


def links_for(idea_ids: Iterable[int]) -> dict[int, Links]:
    """The goals and ways of working of each of these ideas, in one query."""
    ids = sorted(set(idea_ids))
    found: dict[int, list[tuple[str, str]]] = {i: [] for i in ids}
    if ids:
        rows = db.session.execute(
            select(IdeaWellbeing.idea_id, IdeaWellbeing.kind, IdeaWellbeing.code).where(IdeaWellbeing.idea_id.in_(ids))
        )
        for idea_id, kind, code in rows:
            found[idea_id].append((kind, code))
    return {
        idea_id: Links(
            goals=_ordered(GOAL, (code for kind, code in pairs if kind == GOAL)),
            ways=_ordered(WAY, (code for kind, code in pairs if kind == WAY)),
        )
        for idea_id, pairs in found.items()
    }


def _known() -> dict[int, Links]:
    """The links read already in this request (a list of ideas reads them all at once)."""
    if not has_request_context():
        return {}
    if "wellbeing_links" not in g:
        g.wellbeing_links = {}
    return g.wellbeing_links


def prefetch(idea_ids: Iterable[int]) -> None:
    """Read the links of a list of ideas at once, for ``links_of`` to answer from."""
    _known().update(links_for(idea_ids))


def links_of(idea_id: int) -> Links:
    """An idea's goals and ways of working."""
    known = _known()
    if idea_id not in known:
        known.update(links_for([idea_id]))
    return known.get(idea_id, Links())


def set_links(idea_id: int, links: Links) -> bool:
    """Make the idea's links exactly ``links`` (already ``checked``); True when they changed.

    The caller has already been allowed to post or edit the idea (``services.post_idea`` or
    ``services.edit_idea`` in the same transaction).
    """
    current = links_of(idea_id)
    if current == links:
        return False
    table = IdeaWellbeing.__table__
    db.session.execute(table.delete().where(IdeaWellbeing.idea_id == idea_id))
    rows = [{"idea_id": idea_id, "kind": GOAL, "code": c} for c in links.goals]
    rows += [{"idea_id": idea_id, "kind": WAY, "code": c} for c in links.ways]
    if rows:
        db.session.execute(table.insert(), rows)
    _known()[idea_id] = links
    return True


def with_goal(code: str):
    """The ids of the ideas linked to a goal, as a subquery for ``Idea.id.in_``."""
    return select(IdeaWellbeing.idea_id).where(IdeaWellbeing.kind == GOAL, IdeaWellbeing.code == code)
