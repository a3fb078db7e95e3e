"""The board's own filters ("My ideas", "Ideas I support", the author's name), its card view, its "More" links."""

import re

from ideashub.extensions import db as _db
from ideashub.ideas import services
from ideashub.people.models import User


def _titles(page: str) -> set[str]:
    return set(re.findall(r'id="card-\d+-title"><a href="[^"]+">([^<]+)</a>', page))


def _board(client, query: str = "") -> str:
    response = client.get(f"/ideas/{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _support(user, idea, clock):
    services.support_idea(user, idea.id, clock.now())
    _db.session.commit()


def test_my_ideas_shows_only_the_viewers_own_and_combines_with_search(client, auth, make_user, make_idea):
    me, other = make_user(), make_user()
    make_idea(author=me, title="Mine about bins")
    make_idea(author=me, title="Mine about parks")
    make_idea(author=other, title="Theirs about bins")
    auth.login(me)
    assert _titles(_board(client, "?mine=1")) == {"Mine about bins", "Mine about parks"}
    page = _board(client, "?mine=1&q=bins")
    assert _titles(page) == {"Mine about bins"} and "Showing 1 idea that match." in page
    assert _titles(_board(client)) >= {"Mine about bins", "Mine about parks", "Theirs about bins"}


def test_ideas_i_support_shows_only_those_and_combines_with_the_team(client, auth, make_user, make_idea, clock):
    me = make_user()
    liked, other_team_liked, unliked = make_idea(title="Liked"), make_idea(title="Liked elsewhere"), make_idea(title="Not liked")
    _support(me, liked, clock)
    _support(me, other_team_liked, clock)
    auth.login(me)
    page = _board(client, "?supported=1")
    assert _titles(page) == {"Liked", "Liked elsewhere"} and "Showing 2 ideas that match." in page
    assert _titles(_board(client, f"?supported=1&team={liked.team_id}")) == {"Liked"}
    assert "Not liked" in _board(client, "?supported=0")
    assert unliked.title in _board(client)


def test_search_by_author_matches_each_word_of_their_name_in_any_case(client, auth, make_user, make_idea):
    precious, peter = make_user(name="Precious Ndlovu"), make_user(name="Peter Ndlovu-Smith")
    make_idea(author=precious, title="By Precious")
    make_idea(author=peter, title="By Peter")
    make_idea(title="By someone else")
    auth.login(make_user())
    assert _titles(_board(client, "?author=ndlovu")) == {"By Precious", "By Peter"}
    assert _titles(_board(client, "?author=PRECIOUS+ndl")) == {"By Precious"}
    page = _board(client, "?author=nobody+called+this")
    assert _titles(page) == set() and "Showing 0 ideas that match." in page


def test_author_search_reads_wildcards_as_plain_characters(client, auth, make_user, make_idea):
    make_idea(author=make_user(name="Ann Lee"), title="By Ann")
    auth.login(make_user())
    for typed in ("%25", "_", "a%25n", "\\"):
        assert _titles(_board(client, f"?author={typed}")) == set(), typed


def test_the_filter_bar_keeps_the_new_filters_and_the_old_ones_still_work(client, auth, make_user, make_idea):
    me = make_user()
    make_idea(author=me, title="Tagged one", tags=["bins"])
    auth.login(me)
    page = _board(client, "?mine=1&supported=&author=Ann&tag=bins&sort=new")
    assert re.search(r'<input type="checkbox" name="mine" value="1" id="mine"[^>]*checked', page)
    assert not re.search(r'name="supported" value="1" id="supported"[^>]*checked', page)
    assert 'id="author" name="author" value="Ann"' in page
    assert _titles(_board(client, "?tag=bins&sort=new")) == {"Tagged one"}
    assert client.get("/ideas/?mine=yes&author=" + "x" * 500).status_code == 200


def test_a_person_chooses_compact_cards_and_keeps_them(client, auth, make_user, make_idea, db):
    me = make_user()
    make_idea(title="Scan me")
    auth.login(me)
    page = _board(client)
    assert 'value="full" class="view-toggle__button" aria-pressed="true"' in page and "card--compact" not in page
    chosen = client.post("/ideas/view", data={"view": "compact", "next": "/ideas/?sort=new"})
    assert chosen.status_code == 302 and chosen.headers["Location"].endswith("/ideas/?sort=new")
    db.session.expire_all()
    assert db.session.get(User, me.id).board_view == "compact"
    auth.logout()
    auth.login(me)  # a new session (another browser) shows the same choice
    page = _board(client)
    assert "card--compact" in page and 'value="compact" class="view-toggle__button" aria-pressed="true"' in page
    assert "Scan me" in page
    client.post("/ideas/view", data={"view": "full"})
    assert "card--compact" not in _board(client)


def _compact_card(client, auth, db, person, idea) -> tuple[str, str]:
    """The board as ``person`` sees it in compact cards, and ``idea``'s card on it."""
    person.board_view = "compact"
    db.session.commit()
    auth.login(person)
    page = _board(client)
    card = page[page.index(f'data-idea-id="{idea.id}"'):]
    return page, card[: card.index("</article>")]


def test_compact_cards_show_title_team_counts_and_hearing(client, auth, make_user, make_idea, db):
    idea = make_idea(title="Compact idea")
    _, card = _compact_card(client, auth, db, make_user(), idea)
    assert "Compact idea" in card and idea.team.name in card
    assert "0 supporters" in card and "0 responses" in card and 'class="hearing__bar"' in card


def test_moderators_compact_cards_keep_the_move_control(client, auth, make_user, make_idea, db):
    idea = make_idea()
    page, card = _compact_card(client, auth, db, make_user(role="moderator"), idea)
    assert f'class="card card--compact" aria-labelledby="card-{idea.id}-title"' in page
    assert "<summary>Move" in card and "data-move-form" in card
    assert '<option value="">Choose a column</option>' in card


def test_an_unknown_card_view_is_refused_and_the_choice_kept(client, auth, make_user, db):
    me = make_user()
    auth.login(me)
    refused = client.post("/ideas/view", data={"view": "tiny"})
    assert refused.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, me.id).board_view == "full"
    assert "Choose full or compact cards." in _board(client)


def test_more_and_previous_bring_the_person_back_to_their_column(client, auth, make_user, make_idea, app, monkeypatch):
    monkeypatch.setitem(app.config, "BOARD_COLUMN_SIZE", 2)
    for n in range(3):
        make_idea(title=f"Paged {n}")
    auth.login(make_user())
    page = _board(client)
    assert re.search(r'href="/ideas/\?being_heard_page=2#col-being_heard" data-more="being_heard">More in being heard', page)
    second = _board(client, "?being_heard_page=2")
    assert 'href="/ideas/?being_heard_page=1#col-being_heard">Previous' in second


def test_the_more_links_read_as_english_in_every_column(client, auth, make_user, make_idea, app, monkeypatch, db):
    monkeypatch.setitem(app.config, "BOARD_COLUMN_SIZE", 1)
    for n in range(2):
        idea = make_idea(title=f"In a project {n}")
        idea.stage = "in_project"
    db.session.commit()
    auth.login(make_user())
    page = _board(client)
    assert "More ideas in a project</a>" in page and "More in in a project" not in page
