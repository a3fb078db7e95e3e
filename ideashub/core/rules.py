"""The shape every rule answers in: allowed or not, with a reason a person can read."""

from __future__ import annotations

from dataclasses import dataclass

# Why a rule said no: "forbidden" when this person may never do it (403),
# "conflict" when the thing is not in a state that allows it now (409).
FORBIDDEN = "forbidden"
CONFLICT = "conflict"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    kind: str = CONFLICT

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason: str) -> Decision:
    """Not now: the thing's state forbids it (a 409 to API clients)."""
    return Decision(False, reason, CONFLICT)


def forbid(reason: str) -> Decision:
    """Not you: this person may not do it (a 403 to API clients)."""
    return Decision(False, reason, FORBIDDEN)
