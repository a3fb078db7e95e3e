"""A Welsh idea is found by a Welsh search with and without its diacritics, on the board and in
the API, on SQLite and on PostgreSQL (the suite runs on both)."""

import pytest

from ideashub.ideas.search import fold, search_words
from tests.web.test_board_filters import _board, _titles

WELSH = "Dŵr glân i bob ysgol"


@pytest.fixture
def welsh_ideas(make_user, make_idea):
    author = make_user()
    make_idea(author=author, title=WELSH, problem="Mae'r plant yn yfed o'r tŷ bach.",
              proposal="Ffynhonnau dŵr yn yr iard.")
    make_idea(author=author, title="Beiciau i'r swyddfa", problem="Does dim lle i barcio.",
              proposal="Cynllun beicio i'r gwaith.")
    make_idea(author=author, title="Bins emptied twice a week", problem="Overflowing bins.",
              proposal="A second round on Fridays.")
    return author


@pytest.mark.parametrize("q", ["dŵr", "dwr", "DŴR", "glân", "glan", "dŵr glan", "dwr glân", "ffynhonnau", "ysgo"])
def test_a_welsh_search_finds_the_welsh_idea_with_or_without_diacritics(client, auth, welsh_ideas, q):
    auth.login(welsh_ideas)
    assert _titles(_board(client, f"?q={q}")) == {WELSH}


@pytest.mark.parametrize("q", ["dŵy", "glanio", "bins dŵr"])
def test_a_search_for_other_words_does_not_find_it(client, auth, welsh_ideas, q):
    auth.login(welsh_ideas)
    assert WELSH not in _titles(_board(client, f"?q={q}"))


def test_the_api_finds_the_welsh_idea_without_its_diacritics_too(api, welsh_ideas):
    for q in ("dwr", "dŵr"):
        body = api(welsh_ideas).get(f"/api/v1/ideas?q={q}").get_json()
        assert [idea["title"] for idea in body["items"]] == [WELSH], q


def test_words_typed_are_folded_as_the_indexes_fold_them():
    assert fold("dŵr") == "dwr" and fold("tŷ") == "ty" and fold("glân") == "glan" and fold("café") == "cafe"
    assert search_words("Dŵr  GLÂN, ysgol!") == ["dwr", "glan", "ysgol"]
    assert fold("bins") == "bins"
