"""The hub in Welsh and in English: which language a page is in, and how words reach it.

Every word people read goes through Flask-Babel's functions: ``_`` (gettext) where a
request or a forced locale is known, ``_l`` (lazy_gettext) for text fixed when a module is
imported (form labels, stage names, event phrases), ``ngettext`` and ``plural`` for counts.
The catalogues are ``ideashub/translations/<language>/LC_MESSAGES/messages.po``, with the
compiled ``.mo`` beside each (``make translations`` extracts, merges and compiles; the suite
checks that every string is translated and that the ``.mo`` files match).

Which language a page is in, first match wins:
1. the API (``/api/``): the request's ``Accept-Language``, then the person's choice;
2. the person's choice, kept on their account (``users.language``);
3. the ``hub_language`` cookie, set by the switch when signed out;
4. the browser's ``Accept-Language``;
5. ``DEFAULT_LANGUAGE``.

Emails and anything else made away from a request (the worker, the CLI) use the
recipient's language through ``in_language``.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from flask import Flask, current_app, has_app_context, has_request_context, request
from flask_babel import Babel, force_locale, get_locale, get_translations, ngettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ideashub.core import words

__all__ = ["COOKIE", "LANGUAGES", "_", "_l", "html_lang", "in_language", "language", "ngettext"]

# The languages the hub speaks, each named in itself (the switch shows these names).
LANGUAGES = {"en": "English", "cy": "Cymraeg"}
# How each language is named on a page's <html lang> and in people's writing.
HTML_LANG = {"en": "en-GB", "cy": "cy"}
COOKIE = "hub_language"
COOKIE_SECONDS = 365 * 24 * 3600

babel = Babel()


def _supported(code) -> str | None:
    code = (code or "").strip().lower()
    return code if code in LANGUAGES else None


def _from_browser() -> str | None:
    return request.accept_languages.best_match(list(LANGUAGES)) if request.accept_languages else None


def _person() -> str | None:
    try:
        return _supported(getattr(current_user, "language", None)) if current_user.is_authenticated else None
    except Exception:  # no person can be loaded here (no tables yet, a broken session): no choice
        return None


def select_locale() -> str:
    default = current_app.config.get("DEFAULT_LANGUAGE", "en")
    if not has_request_context():
        return default
    if request.path.startswith("/api/"):
        return _from_browser() or _person() or default
    return _person() or _supported(request.cookies.get(COOKIE)) or _from_browser() or default


# Each language's catalogue, once per process: they are read from the .mo files and never change.
# Flask-Babel finds the catalogue afresh on every call (its context, domain and cache key): on the
# idea page's four hundred strings that was 40 % of the page.
_catalogues: dict[str, object] = {}


def _catalogue():
    locale = get_locale()
    code = locale.language if locale is not None else ""
    found = _catalogues.get(code)
    if found is None:
        found = get_translations()
        if locale is not None:
            _catalogues[code] = found
    return found


def _(string: str, **variables) -> str:
    """The string in the language of what is being made now, with ``%(name)s`` filled in (gettext)."""
    text = _catalogue().ugettext(string)
    return text % variables if variables else text


def _page_ngettext(singular: str, many: str, n: int) -> str:
    return _catalogue().ungettext(singular, many, n)


def language() -> str:
    """The language of what is being made now: "en" or "cy"."""
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else "en"


def html_lang(code: str | None = None) -> str:
    """The ``lang`` attribute for a language ("cy", "en-GB"); the current one by default."""
    return HTML_LANG.get(code or language(), "en-GB")


@contextmanager
def in_language(code: str | None):
    """Make what is inside in ``code`` (a recipient's language), or the hub's default."""
    chosen = _supported(code) or current_app.config.get("DEFAULT_LANGUAGE", "en")
    with force_locale(chosen):
        yield chosen


# --- Dates ----------------------------------------------------------------------------------------
# Templates give dates as strftime patterns; Welsh pages need CLDR's month and day names.
_PATTERN = {"%-d": "d", "%d": "dd", "%B": "MMMM", "%b": "MMM", "%Y": "y", "%H": "HH", "%M": "mm",
            "%A": "EEEE", "%a": "EEE", "%-H": "H", "%m": "MM", "%y": "yy"}


def _cldr(fmt: str) -> str:
    out, i = [], 0
    while i < len(fmt):
        for key in ("%-d", "%-H", "%d", "%B", "%b", "%Y", "%H", "%M", "%A", "%a", "%m", "%y"):
            if fmt.startswith(key, i):
                out.append(_PATTERN[key])
                i += len(key)
                break
        else:
            char = fmt[i]
            out.append(f"'{char}'" if char.isalpha() else ("''" if char == "'" else char))
            i += 1
    return "".join(out)


def format_moment(moment: date | datetime, fmt: str) -> str:
    """``moment`` by the strftime pattern ``fmt``, with the month and day names of the
    page's language (English keeps the C library's short names: "Sep", not "Sept")."""
    if language() == "en":
        return moment.strftime(fmt)
    if isinstance(moment, datetime):
        return _babel_datetime(moment, _cldr(fmt), locale=language())
    return _babel_date(moment, _cldr(fmt), locale=language())


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", app.config.get("DEFAULT_LANGUAGE", "en"))
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "UTC")
    babel.init_app(app, locale_selector=select_locale)
    # Templates' _() and ngettext() from the catalogues kept above (newstyle: Jinja fills in and escapes).
    app.jinja_env.install_gettext_callables(lambda string: _catalogue().ugettext(string), _page_ngettext, newstyle=True)
    app.jinja_env.globals.update(
        html_lang=html_lang, page_language=language, LANGUAGES=LANGUAGES, _l=_l,
    )
    words.translate_noun = _noun


def _noun(singular: str, many: str, n: int) -> str | None:
    """The form of a counted noun in the page's language, from the catalogue (Welsh has six)."""
    if not has_app_context():
        return None
    return _catalogue().ngettext(singular, many, n)
