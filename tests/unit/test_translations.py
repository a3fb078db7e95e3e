"""The hub in Welsh and English: every message translated, nothing shown outside the
translation functions, the compiled catalogues current, and Welsh counting.

How "shown outside the translation functions" is decided (ideashub/core/catalogues.py):
templates are lexed by Jinja, every tag and expression masked out ({% trans %} blocks whole)
and what is left parsed as HTML: a text node, or an alt, title, aria-label, placeholder or
label attribute, holding a word of two letters or more is untranslated. A string literal
inside an expression counts when it reads as words (a capital letter, or a space between
letters) and is not the argument of _, gettext, ngettext or plural. Python modules are parsed:
a string or f-string given straight to a call that shows people text (flash, the refusals
Invalid/Conflict/NotFound/Forbidden, validators and form fields' labels, json_error,
click.echo, the navigation) is untranslated.
"""

import pytest

from ideashub.core import catalogues
from ideashub.core.i18n import in_language
from ideashub.core.words import plural


def test_every_message_has_a_translation_in_both_catalogues():
    template = catalogues.extract()
    for language in catalogues.LANGUAGES:
        catalog = catalogues.read(catalogues.po_path(language), language)
        missing = [m.id for m in template if m.id and not (catalog.get(m.id, m.context) and catalogues._translated(catalog.get(m.id, m.context)))]
        assert not missing, f"{len(missing)} message(s) lack a {language} translation (make translations), e.g. {missing[:5]}"


def test_no_page_or_module_shows_words_outside_the_translation_functions():
    problems = catalogues.scan()
    assert not problems, f"{len(problems)} place(s), e.g.:\n" + "\n".join(problems[:15])


def test_the_compiled_catalogues_are_the_current_ones():
    for language in catalogues.LANGUAGES:
        assert catalogues.compiled_matches(language), f"{language}: run make translations"


def test_the_scan_catches_what_it_promises_to_and_passes_what_is_translated():
    found = catalogues.template_text_outside(
        '<p>Hello there</p><img alt="A chart"><a class="button button--secondary" href="{{ url_for(\'ideas.board\') }}">'
        "{{ _('Board') }}</a>{{ action_button(url, 'Sign out') }}{% trans n=1 %}Kept {{ n }}{% endtrans %}"
    )
    assert [text for _, text in found] == ["'Sign out'", "Hello there", 'alt="A chart"']
    python = catalogues.python_text_outside(
        'flash("Saved.")\nflash(_("Saved."))\nraise Invalid(f"No {x}")\ntitle = StringField(_l("Title"))\n'
        'name = StringField("Name")\nlogger.info("not for people")\n'
    )
    assert [line for line, _ in python] == [1, 3, 5]


@pytest.mark.parametrize(
    ("n", "welsh"),
    [(0, "0 cefnogwyr"), (1, "1 cefnogwr"), (2, "2 gefnogwr"), (3, "3 chefnogwr"), (6, "6 chefnogwr"), (11, "11 cefnogwr")],
)
def test_welsh_counts_take_the_form_of_their_number(app, n, welsh):
    with app.test_request_context(), in_language("cy"):
        assert plural(n, "supporter", "supporters") == welsh
    with app.test_request_context(), in_language("en"):
        assert plural(n, "supporter", "supporters") == f"{n} {'supporter' if n == 1 else 'supporters'}"


@pytest.mark.parametrize(("n", "welsh"), [(0, "0 diwrnod"), (1, "1 diwrnod"), (2, "2 ddiwrnod"), (3, "3 diwrnod"), (6, "6 diwrnod"), (11, "11 diwrnod")])
def test_days_are_counted_in_welsh_too(app, n, welsh):
    with app.test_request_context(), in_language("cy"):
        assert plural(n, "day", "days") == welsh
