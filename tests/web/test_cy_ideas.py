"""The board, the idea page and posting in Welsh (the hub_language cookie, nobody's own choice)."""

from html import unescape

from ideashub.ideas.models import Stage
from tests.conftest import read_in


def _welsh(client):
    read_in(client, "cy")


def _text(client, url: str, **post) -> str:
    """The page as people read it (entities such as ' turned back into characters)."""
    answer = client.post(url, data=post) if post else client.get(url)
    return unescape(answer.get_data(as_text=True))


def test_the_board_in_welsh(client, auth, make_user, make_idea):
    make_idea(title="Let district nurses book handyperson visits", tags=["housing"])
    auth.login(make_user())
    _welsh(client)
    page = _text(client, "/ideas/")
    for words in ("Y bwrdd", "Cyflwyno syniad", "Yn cael ei glywed", "Ar y rhestr fer", "Mewn prosiect",
                  "Heb ei ddatblygu", "Hidlo'r bwrdd", "Wedi'i glywed gan 0 o 3 pherson, 5 diwrnod i fynd",
                  "cefnogwyr o 0 timau", "Y tawelaf yn gyntaf."):
        assert words in page, words
    # People's own words stay as they wrote them.
    assert "Let district nurses book handyperson visits" in page
    for english in ("The board", "Post an idea", "Being heard", "Shortlisted", "Filter the board", "days to go",
                    "Quietest first", "supporters from"):
        assert english not in page, english


def test_the_idea_page_in_welsh(client, auth, make_user, make_idea, make_response):
    idea = make_idea(title="Shared minibus for day centres")
    make_response(idea, kind="offer", body="I can drive on Tuesdays.", hours=3)
    auth.login(make_user())
    _welsh(client)
    page = _text(client, f"/ideas/{idea.id}")
    for words in ("Y broblem neu'r cyfle", "Cefnogi'r syniad hwn", "Y gwrandawiad", "Ymatebion",
                  "Cynigion help", "Yn cynnig 3 awr yr wythnos", "Postio ymateb", "Pa fath o ymateb yw hwn?",
                  "Cyflwynwyd gan", "Gweithgarwch"):
        assert words in page, words
    assert "Shared minibus for day centres" in page and "I can drive on Tuesdays." in page
    for english in ("The problem or opportunity", "Support this idea", "The hearing", "Offers of help",
                    "Post response", "Posted by", "What kind of response is this?"):
        assert english not in page, english


def test_posting_in_welsh_explains_itself(client, auth, db, make_user, make_idea):
    auth.login(make_user())
    _welsh(client)
    form = _text(client, "/ideas/new")
    assert "Teitl" in form and "Eich cynnig" in form and "Cyflwyno'r syniad" in form
    assert "Your proposal" not in form and "Post the idea" not in form
    # A refusal: the error summary and the field's message in Welsh.
    refused = _text(client, "/ideas/new", title="", problem="", proposal="")
    assert "Mae problem wedi codi" in refused and "Rhowch deitl i'ch syniad." in refused
    assert "There is a problem" not in refused
    parked = make_idea(title="Winter gritting rota")
    parked.stage = Stage.PARKED
    db.session.commit()
    assert "Wedi'i roi o'r neilltu" in _text(client, f"/ideas/{parked.id}")


def test_a_card_drawn_in_welsh_is_not_shown_in_english(client, auth, make_user, make_idea):
    # The board keeps each card it draws: a card's language is part of what it is kept by.
    make_idea(title="Shared grit bins")
    auth.login(make_user())
    _welsh(client)
    assert "5 diwrnod i fynd" in _text(client, "/ideas/")
    read_in(client, "en")
    english = _text(client, "/ideas/")
    assert "5 days to go" in english and "5 diwrnod i fynd" not in english
