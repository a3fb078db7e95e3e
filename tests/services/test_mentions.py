"""@mentions in responses: what counts as a mention, who it resolves to, what is stored, who is told."""

import pytest
from markupsafe import Markup
from sqlalchemy import func, select

from ideashub.core import events
from ideashub.core.errors import Invalid
from ideashub.hearing.models import Notification
from ideashub.ideas import mentions, services
from ideashub.ideas.models import Response, ResponseMention

HREF = "/people/{}"
HELPERS = ("Ann", "Ben", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal", "Ivy", "Joe", "Kit")


def _written(text):
    return [(w.email, w.names[:1], w.shown) for w in mentions.written_mentions(text)]


def _respond(actor, idea, body, clock, **extra):
    return services.respond(actor, idea.id, services.ResponseText(kind="build", body=body, **extra), clock.now())


def _mentioned_ids(db, response):
    return set(db.session.scalars(select(ResponseMention.user_id).where(ResponseMention.response_id == response.id)))


def _notes(db, user, kind=None):
    query = select(Notification).where(Notification.user_id == user.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return list(db.session.scalars(query))


@pytest.fixture
def heard(monkeypatch):
    """Every response.added and response.edited event announced while the test runs."""
    seen = []
    listener = seen.append
    events.response_added.connect(listener)
    events.response_edited.connect(listener)
    yield seen
    events.response_added.disconnect(listener)
    events.response_edited.disconnect(listener)


# --- Reading the text ------------------------------------------------------------------------


def test_a_name_or_an_email_after_an_at_is_a_mention():
    found = _written("Yes, and @Siobhan Murphy could help, or ask @sam.jones@riverside.gov.uk.")
    assert found[0][1] == ("Siobhan Murphy could help",)  # the longest reading first; the database decides
    assert found[1] == ("sam.jones@riverside.gov.uk", (), "@sam.jones@riverside.gov.uk")
    names = mentions.written_mentions("Thanks @Siobhan Murphy could help")[0].names
    assert names == ("Siobhan Murphy could help", "Siobhan Murphy could", "Siobhan Murphy", "Siobhan")


def test_names_keep_apostrophes_and_hyphens_and_stop_at_four_words():
    [found] = mentions.written_mentions("cc @Aoife O'Brien-Kelly Mary Ann Smith")
    assert found.names[0] == "Aoife O'Brien-Kelly Mary Ann"
    assert found.shown == "@Aoife O'Brien-Kelly Mary Ann"


def test_plain_email_addresses_code_and_links_are_not_mentions():
    assert _written("Write to siobhan.murphy@riverside.gov.uk please") == []
    assert _written("Run `@Siobhan Murphy` in the shell") == []
    assert _written("```\n@Siobhan Murphy\n```") == []
    assert _written("    @Siobhan Murphy indented code") == []
    assert _written("See [@Siobhan Murphy](https://example.org)") == []
    assert _written("An @ on its own, or @123") == []


def test_an_unknown_name_is_quoted_back_by_its_capitalised_words():
    [found] = mentions.written_mentions("I asked @Bob Smith about it")
    assert found.shown == "@Bob Smith"


# --- Resolving and storing -------------------------------------------------------------------


def test_a_mention_by_name_in_any_case_or_by_email_is_stored_once(db, clock, make_idea, make_user):
    siobhan = make_user(name="Siobhan Murphy")
    idea, writer = make_idea(), make_user()
    response = _respond(writer, idea, f"Yes, and @siobhan murphy knows, says @{siobhan.email.upper()} herself.", clock)
    assert _mentioned_ids(db, response) == {siobhan.id}
    assert response.mention_outcome.as_json() == {"resolved": [{"id": siobhan.id, "name": "Siobhan Murphy"}], "unresolved": []}


def test_the_longest_name_that_belongs_to_someone_wins(db, clock, make_idea, make_user):
    sam = make_user(name="Sam")
    sam_jones = make_user(name="Sam Jones")
    response = _respond(make_user(), make_idea(), "Ask @Sam Jones today, and @Sam tomorrow.", clock)
    assert _mentioned_ids(db, response) == {sam.id, sam_jones.id}


def test_unknown_and_shared_names_stay_plain_and_are_reported(db, clock, make_idea, make_user):
    make_user(name="Sam Jones")
    make_user(name="Sam Jones")
    response = _respond(make_user(), make_idea(), "Ask @Bob Smith or @Sam Jones.", clock)
    assert _mentioned_ids(db, response) == set()
    assert response.mention_outcome.as_json()["unresolved"] == [
        {"text": "@Bob Smith", "reason": "unknown"}, {"text": "@Sam Jones", "reason": "ambiguous"},
    ]
    assert response.mention_outcome.messages == [
        "We could not find anyone called “@Bob Smith”: it stays as plain text.",
        "Two people are called “@Sam Jones”: use their email address to mention one of them.",
    ]


def test_a_shared_name_is_mentioned_by_email(db, clock, make_idea, make_user):
    one = make_user(name="Sam Jones")
    make_user(name="Sam Jones")
    response = _respond(make_user(), make_idea(), f"Ask @{one.email}.", clock)
    assert _mentioned_ids(db, response) == {one.id}


def test_a_deactivated_twin_does_not_make_a_name_ambiguous(db, clock, make_idea, make_user):
    active = make_user(name="Sam Jones")
    gone = make_user(name="Sam Jones")
    gone.active = False
    db.session.commit()
    response = _respond(make_user(), make_idea(), "Ask @Sam Jones.", clock)
    assert _mentioned_ids(db, response) == {active.id}


@pytest.mark.parametrize("by", ["name", "email"])
def test_a_mention_of_a_deactivated_account_is_refused_and_nothing_is_stored(db, clock, make_idea, make_user, by):
    gone = make_user(name="Pat Doyle")
    gone.active = False
    db.session.commit()
    idea = make_idea()
    before = db.session.scalar(select(func.count()).select_from(Response))
    with pytest.raises(Invalid) as refused:
        _respond(make_user(), idea, f"Ask @{gone.name if by == 'name' else gone.email}.", clock)
    assert "that account is closed" in refused.value.fields["body"]
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Response)) == before
    assert db.session.scalar(select(func.count()).select_from(ResponseMention)) == 0


def test_ten_people_may_be_mentioned_but_not_eleven(db, clock, make_idea, make_user):
    people = [make_user(name=f"Helper {word}") for word in HELPERS]
    idea = make_idea()
    ten = " ".join(f"@{p.name}" for p in people[:10])
    assert len(_mentioned_ids(db, _respond(make_user(), idea, ten, clock))) == 10
    with pytest.raises(Invalid) as refused:
        _respond(make_user(), idea, ten + f" @{people[10].name}", clock)
    assert refused.value.fields["body"] == "Mention at most 10 people in one response (this mentions 11)."


def test_editing_keeps_the_stored_mentions_in_step_with_the_text(db, clock, make_idea, make_user):
    ann, ben = make_user(name="Ann Lee"), make_user(name="Ben Okafor")
    writer = make_user()
    idea = make_idea()
    response = _respond(writer, idea, "Ask @Ann Lee.", clock)
    services.edit_response(writer, response.id, services.ResponseText(kind="build", body="Ask @Ben Okafor instead."), clock.now())
    assert _mentioned_ids(db, response) == {ben.id}
    assert [m.user_id for m in db.session.get(Response, response.id).mentions] == [ben.id]
    assert ann.id not in _mentioned_ids(db, response)


def test_an_edit_mentioning_a_closed_account_changes_nothing(db, clock, make_idea, make_user):
    ann, gone = make_user(name="Ann Lee"), make_user(name="Pat Doyle")
    gone.active = False
    writer = make_user()
    db.session.commit()
    response = _respond(writer, make_idea(), "Ask @Ann Lee.", clock)
    db.session.commit()
    with pytest.raises(Invalid):
        services.edit_response(writer, response.id, services.ResponseText(kind="build", body="Ask @Pat Doyle."), clock.now())
    db.session.rollback()
    assert db.session.get(Response, response.id).body == "Ask @Ann Lee."
    assert _mentioned_ids(db, response) == {ann.id}


# --- Telling people --------------------------------------------------------------------------


def test_the_event_names_the_mentioned_only_when_there_are_any_and_never_the_writer(db, clock, make_idea, make_user, heard):
    ann = make_user(name="Ann Lee")
    writer = make_user(name="Wren Hale")
    idea = make_idea()
    _respond(writer, idea, "No mentions here.", clock)
    _respond(writer, idea, "Ask @Ann Lee, says @Wren Hale.", clock)
    assert heard[0].data is None
    assert heard[1].data == {"mentions": [ann.id]}


def test_the_mentioned_person_is_told_once_and_the_writer_not_at_all(db, clock, make_idea, make_user):
    ann = make_user(name="Ann Lee")
    writer = make_user(name="Wren Hale")
    idea = make_idea(title="Book repairs online")
    response = _respond(writer, idea, "Ask @Ann Lee, says @Wren Hale.", clock)
    [note] = _notes(db, ann)
    assert (note.kind, note.text) == ("mention", "Wren Hale mentioned you in a response to “Book repairs online”.")
    assert (note.idea_id, note.response_id) == (idea.id, response.id)
    assert _notes(db, writer) == []


def test_the_ideas_author_mentioned_hears_of_the_mention_only(db, clock, make_idea, make_user):
    author = make_user(name="Ada Byrne")
    idea = make_idea(author=author)
    _respond(make_user(), idea, "Over to you, @Ada Byrne.", clock)
    _respond(make_user(), idea, "Not mentioning anyone.", clock)
    assert sorted(n.kind for n in _notes(db, author)) == ["idea.response", "mention"]


def test_the_replied_to_writer_mentioned_hears_of_the_mention_only(db, clock, make_idea, make_user):
    parent_writer = make_user(name="Ann Lee")
    idea = make_idea()
    parent = _respond(parent_writer, idea, "A first thought.", clock)
    _respond(make_user(), idea, "Good point, @Ann Lee.", clock, parent_id=parent.id)
    assert [n.kind for n in _notes(db, parent_writer)] == ["mention"]


def test_an_edit_tells_only_the_newly_mentioned(db, clock, make_idea, make_user, heard):
    ann, ben = make_user(name="Ann Lee"), make_user(name="Ben Okafor")
    writer = make_user()
    response = _respond(writer, make_idea(), "Ask @Ann Lee.", clock)
    services.edit_response(writer, response.id, services.ResponseText(kind="build", body="Ask @Ann Lee and @Ben Okafor."), clock.now())
    assert heard[-1].data == {"changed": ["body"], "mentions": [ben.id]}
    assert len(_notes(db, ann, "mention")) == 1
    assert len(_notes(db, ben, "mention")) == 1
    services.edit_response(writer, response.id, services.ResponseText(kind="build", body="Ask @Ann Lee and @Ben Okafor, please."), clock.now())
    assert heard[-1].data == {"changed": ["body"]}
    assert len(_notes(db, ben, "mention")) == 1


# --- Drawing ---------------------------------------------------------------------------------


class _Person:
    def __init__(self, id, name, email):
        self.id, self.name, self.email = id, name, email


class _Row:
    """A stored mention, as ``render_body`` reads it."""

    def __init__(self, id, name, email, by_name=True):
        self.user, self.by_name = _Person(id, name, email), by_name


def test_stored_mentions_are_drawn_as_links_to_profiles():
    ann = _Row(7, "Ann Lee", "ann.lee@riverside.gov.uk")
    html = mentions.render_body("Ask @ann lee or @ann.lee@riverside.gov.uk.", [ann], HREF)
    assert isinstance(html, Markup)
    assert html.count('<a class="mention" href="/people/7"') == 2
    assert html.count(">@Ann Lee</a>") == 2


def test_only_stored_mentions_become_links_and_never_in_code_or_links():
    ann = _Row(7, "Ann Lee", "ann.lee@riverside.gov.uk")
    assert "<a" not in mentions.render_body("Ask @Ann Lee.", [], HREF)
    html = mentions.render_body("`@Ann Lee` and [@Ann Lee](https://example.org) and @Ann Leeds", [ann], HREF)
    assert 'class="mention"' not in html
    assert "<code>@Ann Lee</code>" in html


def test_a_name_cannot_inject_markup():
    eve = _Row(9, 'Eve <script>alert(1)</script> "x"', "eve@riverside.gov.uk", by_name=False)
    html = mentions.render_body("Hi @eve@riverside.gov.uk", [eve], HREF)
    assert "<script" not in html and "&lt;script&gt;" in html
    assert html.count("<a ") == 1


def test_markdown_cannot_forge_a_mention_link():
    html = mentions.render_body('[x](/people/1 "t") <a class="mention" href="/people/1">@Ann</a>', [], HREF)
    assert '<a class="mention"' not in html and "&lt;a class=" in html  # written HTML stays text


def test_a_possessive_after_a_name_still_mentions_the_person(db, clock, make_idea, make_user):
    ann = make_user(name="Ann Lee")
    aoife = make_user(name="Aoife O’Brien")
    response = _respond(make_user(), make_idea(), "Yes, and @Ann Lee's pilot and @aoife o’brien’s notes.", clock)
    assert _mentioned_ids(db, response) == {ann.id, aoife.id}
    html = mentions.render_body(response.body, db.session.get(Response, response.id).mentions, HREF)
    assert f'href="/people/{ann.id}"' in html and f'href="/people/{aoife.id}"' in html
    assert ">@Ann Lee</a>'s pilot" in html and ">@Aoife O’Brien</a>’s notes" in html


def test_a_shared_name_written_beside_an_email_mention_stays_plain(db, clock, make_idea, make_user):
    one = make_user(name="Sam Jones")
    make_user(name="Sam Jones")
    writer = make_user()
    response = _respond(writer, make_idea(), f"Ask @Sam Jones, I mean @{one.email}.", clock)
    html = mentions.render_body(response.body, db.session.get(Response, response.id).mentions, HREF)
    assert html.count('class="mention"') == 1  # the email's; the shared name stays text
    assert "Ask @Sam Jones, I mean <a" in html
    assert [(m.user_id, m.by_name) for m in db.session.get(Response, response.id).mentions] == [(one.id, False)]


def test_an_edit_records_whether_the_person_is_now_named(db, clock, make_idea, make_user):
    ann = make_user(name="Ann Lee")
    writer = make_user()
    response = _respond(writer, make_idea(), f"Ask @{ann.email}.", clock)
    services.edit_response(writer, response.id, services.ResponseText(kind="build", body="Ask @Ann Lee."), clock.now())
    assert [(m.user_id, m.by_name) for m in db.session.get(Response, response.id).mentions] == [(ann.id, True)]


def test_a_name_mention_links_the_name_and_the_email():
    ann = _Row(7, "Ann Lee", "ann.lee@riverside.gov.uk", by_name=True)
    only_email = _Row(7, "Ann Lee", "ann.lee@riverside.gov.uk", by_name=False)
    text = "Ask @Ann Lee or @ann.lee@riverside.gov.uk"
    assert mentions.render_body(text, [ann], HREF).count('class="mention"') == 2
    assert mentions.render_body(text, [only_email], HREF).count('class="mention"') == 1
