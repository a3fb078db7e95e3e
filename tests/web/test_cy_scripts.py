"""The words the page scripts show (static/js) come in the page's language: the page carries
them (templates/_script_words.html), in Welsh on a Welsh page and as before on an English one."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from urllib.parse import unquote

from tests.conftest import read_in


class _Words(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") == "hub-words":
            self.found.append(attrs["data-words"])


def _words(client, url: str) -> dict:
    page = client.get(url)
    assert page.status_code == 200, url
    parser = _Words()
    parser.feed(page.get_data(as_text=True))
    assert len(parser.found) == 1, url
    return json.loads(unquote(parser.found[0]))


def _welsh(client, app):
    read_in(client, "cy")


def test_an_english_page_carries_the_scripts_words_as_they_were(client, auth, make_user, make_idea):
    idea = make_idea(title="Shared minibus for day centres")
    auth.login(make_user())
    words = _words(client, f"/ideas/{idea.id}")
    assert words["language"] == "en"
    messages = words["messages"]
    assert messages["support_this"] == "Support this idea"
    assert messages["support_thanks"] == "Thanks for your support. %(label)s."
    assert messages["moved"] == "Moved “%(title)s” to %(stage)s."
    assert messages["similar_heading"] == "These look similar: build on one, or post yours anyway"
    # English counts in its two forms, for the script to choose from.
    assert words["counts"]["characters_left"] == {"one": "%(num)s character left.", "other": "%(num)s characters left."}
    assert words["counts"]["more_ideas"]["other"] == "Showing %(num)s more ideas in %(column)s."


def test_a_welsh_page_carries_the_scripts_words_in_welsh(app, client, auth, make_user, make_idea):
    idea = make_idea(title="Shared minibus for day centres")
    auth.login(make_user())
    _welsh(client, app)
    for url in ("/ideas/", f"/ideas/{idea.id}", "/ideas/new"):
        words = _words(client, url)
        assert words["language"] == "cy", url
        messages = words["messages"]
        assert messages["support_this"] == "Cefnogi'r syniad hwn"
        assert messages["support_thanks"] == "Diolch am eich cefnogaeth. %(label)s."
        assert messages["moved"] == "Wedi symud “%(title)s” i “%(stage)s”."
        assert messages["choose_column"] == "Dewiswch golofn"
        assert messages["similar_build"] == "Adeiladu arno"
        text = json.dumps(words, ensure_ascii=False)
        for english in ("Support this idea", "Thanks for your support", "Moved", "Choose a column",
                        "characters left", "more ideas", "to mention", "Build on it"):
            assert english not in text, (url, english)
        # Six forms of each count: the script picks one by the Welsh rule (2 soft, 3 and 6 aspirate).
        people = words["counts"]["people_to_mention"]
        assert set(people) == {"zero", "one", "two", "few", "many", "other"}
        assert people["two"] == "%(num)s berson y gallwch sôn amdanynt."
        assert people["few"] == people["many"] == "%(num)s pherson y gallwch sôn amdanynt."
        assert words["counts"]["characters_left"]["other"] == "%(num)s nod ar ôl."


def test_the_scripts_read_their_words_from_the_page(client):
    """No script keeps English words of its own: each asks words.js for them."""
    for name in ("board", "support", "limits", "mentions", "similar"):
        source = client.get(f"/static/js/{name}.js").get_data(as_text=True)
        assert 'from "./words.js' in source, name
    board = client.get("/static/js/board.js").get_data(as_text=True)
    for english in ("Choose a column", "did not work", "Moved “", "stays in", "more ideas"):
        assert english not in board, english


def test_the_page_s_source_holds_no_sentence_it_does_not_show(client, auth, make_user):
    """The scripts' words are URL-encoded in the page: a search of the page's text finds only what
    is shown (a page without the similar list does not contain "These look similar")."""
    auth.login(make_user())
    page = client.get("/ideas/").get_data(as_text=True)
    assert 'id="hub-words"' in page
    for english in ("These look similar", "Thanks for your support", "characters left", "Look again on"):
        assert english not in page, english
