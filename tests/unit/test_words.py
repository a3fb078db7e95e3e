"""People's words as pure functions: counts, excerpts of Markdown, the hearing rule."""

from __future__ import annotations

import pytest

from ideashub.core.words import excerpt, number, plural, plural_form
from ideashub.ideas.hearing import HearingSettings, hearing_rule


@pytest.mark.parametrize("n, expected", [(0, "0 offers"), (1, "1 offer"), (2, "2 offers"), (1000, "1,000 offers"), (1234567, "1,234,567 offers")])
def test_a_count_takes_the_right_form_of_its_noun_with_thousands_separated(n, expected):
    assert plural(n, "offer") == expected


@pytest.mark.parametrize("n, expected", [(0, "0 people"), (1, "1 person"), (2, "2 people"), (1000, "1,000 people")])
def test_an_irregular_plural_is_given_as_the_second_form(n, expected):
    assert plural(n, "person", "people") == expected


def test_hours_may_be_fractions_and_the_noun_can_stand_alone():
    assert plural(2.5, "hour") == "2.5 hours" and plural(1.0, "hour") == "1 hour" and plural(0.5, "hour") == "0.5 hours"
    assert plural(1, "supporter", with_number=False) == "supporter"
    assert plural(3, "supporter", with_number=False) == "supporters"
    assert number(12345) == "12,345" and number(2.25) == "2.25"


def test_welsh_takes_its_six_forms_so_a_translation_can_be_added():
    forms = ("zero", "one", "two", "few", "many", "other")
    said = {n: plural_form(n, *forms, language="cy") for n in (0, 1, 2, 3, 4, 6, 7, 11)}
    assert said == {0: "zero", 1: "one", 2: "two", 3: "few", 4: "other", 6: "many", 7: "other", 11: "other"}
    with pytest.raises(ValueError, match="needs 6 forms"):
        plural_form(3, "ci", "cwn", language="cy")


@pytest.mark.parametrize("text, expected", [
    ("**Bold** and _emphasis_", "Bold and emphasis"),
    ("See [the map](https://example.org/map) first", "See the map first"),
    ("- one\n- two\n\n> quoted", "one two quoted"),
    ("# A heading\nand text", "A heading and text"),
    ("`code` stays", "code stays"),
    ("<b>not html</b> & stays", "<b>not html</b> & stays"),
    ("", ""),
    (None, ""),
])
def test_an_excerpt_is_what_the_markdown_says_in_plain_words(text, expected):
    assert excerpt(text) == expected


def test_a_long_excerpt_is_cut_at_a_word_with_an_ellipsis():
    cut = excerpt("Residents wait weeks for a repair appointment, " * 10, 60)
    assert len(cut) <= 60 and cut.endswith("…") and cut.startswith("Residents wait weeks")
    assert not cut[:-1].endswith((" ", ","))
    assert excerpt("1. **Not** a list in a goal", 100, markdown=False) == "1. **Not** a list in a goal"


@pytest.mark.parametrize("days, people, expected", [
    (5, 3, "An idea can be parked or declined only once it has been on the board for 5 days and at least 3 people "
           "other than its author have responded, one or more of them from another team."),
    (1, 1, "An idea can be parked or declined only once it has been on the board for 1 day and someone from another "
           "team has responded."),
    (7, 2, "An idea can be parked or declined only once it has been on the board for 7 days and at least 2 people "
           "other than its author have responded, one or more of them from another team."),
])
def test_the_hearing_rule_has_one_wording_for_any_settings(days, people, expected):
    assert hearing_rule(HearingSettings(days=days, min_responses=people)) == expected
