"""The board's cards, each rendered once per state and reused.

A card's markup is a pure function of what it shows (the ``Card`` row, its
hearing status, whether the viewer supports it), of the site's root URL and of the page's language,
so it is memoised on exactly those: any change to an idea makes a different
key, nothing has to be invalidated, and a worker keeps at most
``CACHE_SIZE`` cards. Cards with a moderator's "Move to" form carry the
viewer's CSRF token and the page's address, so they are always rendered.
Drawing 48 cards through the macro was half of the board's template time.
"""

from __future__ import annotations

from functools import lru_cache

from flask import get_template_attribute, request
from markupsafe import Markup

from ideashub.core.i18n import language
from ideashub.ideas.hearing import HearingStatus
from ideashub.ideas.models import Stage
from ideashub.ideas.queries import Card
from ideashub.ideas.services import hearing_for

CACHE_SIZE = 4096


def card_markup(card: Card, supported: bool, compact: bool = False) -> Markup:
    """The card as the viewer sees it: full, or compact (``macros/ideas.html``'s ``compact_card``)."""
    status = hearing_for(card) if card.stage == Stage.BEING_HEARD else None
    return _render(card, status, supported, request.script_root, compact, language())


@lru_cache(maxsize=CACHE_SIZE)
def _render(card: Card, status: HearingStatus | None, supported: bool, script_root: str, compact: bool, lang: str) -> Markup:
    # ``lang``: a card in Welsh and the same card in English are two entries of the cache.
    macro = get_template_attribute("macros/ideas.html", "compact_card" if compact else "card")
    markup = macro(card, lambda _card: status, supported, False)  # an autoescaped macro returns Markup
    # The template's indentation is for its readers: 48 cards of it were a tenth of the board's bytes.
    lines = "\n".join(line.strip() for line in markup.splitlines() if line.strip())
    return Markup(lines)  # noqa: S704  # nosec B704 - the autoescaped macro's own output, only its indentation taken off
