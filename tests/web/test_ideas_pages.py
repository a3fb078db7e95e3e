"""The board, posting, the idea page, support and responses, through the pages."""

from sqlalchemy import func, select

from ideashub.ideas.models import Idea, Response
from tests.support.html_safety import active_content


def test_board_shows_six_columns_with_cards(client, auth, make_user, make_idea):
    idea = make_idea(title="Let district nurses book handyperson visits", tags=["housing"])
    auth.login(make_user())
    page = client.get("/ideas/").get_data(as_text=True)
    for label in ("Being heard", "Shortlisted", "In a project", "Delivered", "Parked", "Not taken forward"):
        assert f">{label} <" in page or f">{label}<" in page
    assert "Let district nurses book handyperson visits" in page
    assert idea.team.name in page
    assert "Heard by 0 of 3 people, 5 days to go" in page


def test_board_filters_by_team_tag_and_text(client, auth, make_user, make_idea, make_team):
    team = make_team()
    make_idea(author=make_user(team=team), title="Shared referral form", tags=["falls"])
    make_idea(title="Electric bin lorries", tags=["fleet"])
    auth.login(make_user())
    by_team = client.get(f"/ideas/?team={team.id}").get_data(as_text=True)
    assert "Shared referral form" in by_team and "Electric bin lorries" not in by_team
    by_tag = client.get("/ideas/?tag=fleet").get_data(as_text=True)
    assert "Electric bin lorries" in by_tag and "Shared referral form" not in by_tag
    by_text = client.get("/ideas/?q=lorries").get_data(as_text=True)
    assert "Electric bin lorries" in by_text and "Shared referral form" not in by_text
    # An unknown sort or a junk page number falls back instead of failing.
    assert client.get("/ideas/?sort=evil&being_heard_page=abc").status_code == 200


def _card(page: str, idea_id: int) -> str:
    start = page.index(f'data-idea-id="{idea_id}"')
    return page[start:page.index("</article>", start)]


def test_cards_on_the_board_follow_every_change(client, auth, db, make_user, make_idea, clock):
    # Cards are drawn once per state and reused: every change a card shows must still reach it.
    idea = make_idea(title="Shared minibus for day centres")
    supporter, other = make_user(), make_user()
    auth.login(supporter)
    before = _card(client.get("/ideas/").get_data(as_text=True), idea.id)
    assert '<span class="stat__n">0</span> supporters' in before and "You support this" not in before and "5 days to go" in before
    client.post(f"/ideas/{idea.id}/support", data={})
    mine = _card(client.get("/ideas/").get_data(as_text=True), idea.id)
    assert '<span class="stat__n">1</span> supporter from 1 team' in mine and "You support this" in mine
    auth.logout()
    auth.login(other)
    theirs = _card(client.get("/ideas/").get_data(as_text=True), idea.id)
    assert '<span class="stat__n">1</span> supporter' in theirs and "You support this" not in theirs
    idea.team.name = "Community transport"
    db.session.commit()
    clock.advance(days=1)
    later = _card(client.get("/ideas/").get_data(as_text=True), idea.id)
    assert "Community transport" in later and "4 days to go" in later


def test_only_moderators_get_the_move_control_on_cards(client, auth, make_user, make_idea):
    idea = make_idea()
    auth.login(make_user())
    assert "Move to" not in _card(client.get("/ideas/").get_data(as_text=True), idea.id)
    auth.logout()
    auth.login(make_user(role="moderator"))
    card = _card(client.get("/ideas/").get_data(as_text=True), idea.id)
    assert "Move to" in card and 'name="csrf_token"' in card and 'name="next" value="/ideas/?"' in card


def test_each_column_pages_and_never_loads_every_idea(app, client, auth, make_user, make_idea):
    author = make_user()
    for i in range(app.config["BOARD_COLUMN_SIZE"] + 3):
        make_idea(author=author, title=f"Paged idea {i:02d}")
    auth.login(make_user())
    first = client.get("/ideas/?sort=new").get_data(as_text=True)
    assert first.count("Paged idea") == app.config["BOARD_COLUMN_SIZE"]
    assert "More in being heard" in first
    second = client.get("/ideas/?sort=new&being_heard_page=2").get_data(as_text=True)
    assert second.count("Paged idea") == 3
    assert "Paged idea 00" in second and "Previous" in second


def test_being_heard_lists_the_quietest_ideas_first(client, auth, make_user, make_idea, make_response, clock):
    loud = make_idea(title="Loud idea")
    clock.advance(hours=1)
    quiet_new = make_idea(title="Quiet newer idea")
    make_response(loud)
    auth.login(make_user())
    page = client.get("/ideas/").get_data(as_text=True)
    assert page.index("Quiet newer idea") < page.index("Loud idea")
    assert quiet_new.id


def test_post_an_idea_in_a_minute(client, auth, make_user, db):
    author = make_user()
    auth.login(author)
    assert client.get("/ideas/new").status_code == 200
    response = client.post("/ideas/new", data={"title": "Text reminders for bulky waste", "problem": "Missed collections.", "proposal": "Send a text the day before.", "benefit": "", "tags": "waste, digital"})
    assert response.status_code == 302
    idea = db.session.scalar(select(Idea).where(Idea.title == "Text reminders for bulky waste"))
    assert response.headers["Location"].endswith(f"/ideas/{idea.id}")
    assert idea.author_id == author.id and idea.tag_names == ["digital", "waste"]


def test_a_form_with_mistakes_comes_back_with_messages_and_what_was_typed(client, auth, make_user, db):
    auth.login(make_user())
    before = db.session.scalar(select(func.count()).select_from(Idea))
    response = client.post("/ideas/new", data={"title": "Bin", "problem": "", "proposal": "Keep this text", "tags": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "There is a problem" in page
    assert 'href="#title"' in page and 'href="#problem"' in page
    assert "Keep this text" in page
    assert db.session.scalar(select(func.count()).select_from(Idea)) == before


def test_idea_page_shows_everything_with_builds_and_offers_before_concerns(client, auth, make_user, make_idea, make_response):
    idea = make_idea(title="Shared estates for community clinics")
    make_response(idea, kind="concern", body="Who pays the rent?", suggestion="Split by floor area.")
    make_response(idea, kind="build", body="And the library next door.")
    make_response(idea, kind="offer", body="I know the estates register.", hours=3)
    make_response(idea, kind="question", body="Which buildings?")
    auth.login(make_user())
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    positions = [page.index(text) for text in ("And the library next door.", "I know the estates register.", "Which buildings?", "Who pays the rent?")]
    assert positions == sorted(positions)
    assert "Split by floor area." in page and "Offers 3 hours a week" in page
    assert idea.author.name in page and idea.team.name in page and idea.organisation.name in page
    assert "posted this idea" in page and "idea.posted" not in page


def test_support_button_works_without_javascript(client, auth, make_user, make_idea):
    idea = make_idea()
    auth.login(make_user())
    response = client.post(f"/ideas/{idea.id}/support", data={})
    assert response.status_code == 302
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "1 supporter from 1 team" in page and "Withdraw my support" in page
    client.post(f"/ideas/{idea.id}/unsupport", data={})
    assert "0 supporters from 0 teams" in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


def test_support_answers_json_to_the_script(client, auth, make_user, make_idea):
    idea = make_idea()
    auth.login(make_user())
    body = client.post(f"/ideas/{idea.id}/support", headers={"Accept": "application/json"}).get_json()
    assert body == {"supported": True, "supporters": 1, "supporting_teams": 1, "label": "1 supporter from 1 team"}
    refused = client.post(f"/ideas/{idea.id}/support", headers={"Accept": "application/json"})
    assert refused.status_code == 200  # idempotent: still supported, still one
    assert refused.get_json()["supporters"] == 1


def test_the_author_cannot_support_and_is_told_why(client, auth, make_idea):
    idea = make_idea()
    auth.login(idea.author)
    response = client.post(f"/ideas/{idea.id}/support", headers={"Accept": "application/json"})
    assert response.status_code == 403
    assert "your support is taken as read" in response.get_json()["error"]["message"]


def test_respond_and_reply_through_the_page(client, auth, make_user, make_idea, db):
    idea = make_idea()
    auth.login(make_user())
    response = client.post(f"/ideas/{idea.id}/responses", data={"kind": "build", "body": "Yes, and include the GP surgeries."})
    assert response.status_code == 302
    top = db.session.scalar(select(Response).where(Response.idea_id == idea.id))
    assert response.headers["Location"].endswith(f"#response-{top.id}")
    client.post(f"/ideas/{idea.id}/responses", data={"kind": "build", "body": "Agreed.", "parent_id": str(top.id)})
    reply = db.session.scalar(select(Response).where(Response.parent_id == top.id))
    assert reply.body == "Agreed."


def test_a_concern_without_a_suggestion_is_shown_again_with_the_message(client, auth, make_user, make_idea):
    idea = make_idea()
    auth.login(make_user())
    response = client.post(f"/ideas/{idea.id}/responses", data={"kind": "concern", "body": "It could cost more."})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "A concern needs a suggestion for how it could be addressed." in page
    assert "It could cost more." in page


def test_edit_and_history(client, auth, make_idea, make_user):
    idea = make_idea(title="First wording")
    auth.login(idea.author)
    assert client.get(f"/ideas/{idea.id}/edit").status_code == 200
    client.post(f"/ideas/{idea.id}/edit", data={"title": "Second wording", "problem": idea.problem, "proposal": idea.proposal, "benefit": idea.benefit, "tags": ""})
    history = client.get(f"/ideas/{idea.id}/history").get_data(as_text=True)
    assert "First wording" in history
    auth.logout()
    auth.login(make_user())
    refused = client.get(f"/ideas/{idea.id}/edit")
    assert refused.status_code == 403  # someone else's idea: refused outright, and audited
    assert "Only the author can edit an idea." in refused.get_data(as_text=True)
    assert client.post(f"/ideas/{idea.id}/edit", data={"title": "Hijacked title", "problem": "p", "proposal": "q"}).status_code == 403
    assert "Hijacked" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


def test_withdraw_own_idea(client, auth, make_idea, db):
    idea = make_idea(title="Withdrawn one")
    auth.login(idea.author)
    assert client.get(f"/ideas/{idea.id}/withdraw").status_code == 200
    client.post(f"/ideas/{idea.id}/withdraw", data={"reason": "Posted twice"})
    db.session.refresh(idea)
    assert idea.withdrawn_at is not None
    assert "Withdrawn one" not in client.get("/ideas/").get_data(as_text=True)
    assert "withdrew this idea" in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "[click](javascript:alert(1))",
    "<iframe src=https://evil.example></iframe>",
    "<svg onload=alert(1)>",
]


def test_hostile_text_is_shown_as_text_never_run(client, auth, make_user, make_idea, make_response):
    author = make_user(name="<script>alert('name')</script>")
    idea = make_idea(author=author, title=HOSTILE[0] + " title", tags=["<b>x</b>"], problem="\n\n".join(HOSTILE), proposal=HOSTILE[3], benefit=HOSTILE[1])
    for payload in HOSTILE:
        make_response(idea, body=payload, kind="concern", suggestion=payload)
    auth.login(make_user())
    for url in (f"/ideas/{idea.id}", "/ideas/", f"/ideas/?q={HOSTILE[0]}", f"/people/{author.id}", "/people/"):
        page = client.get(url).get_data(as_text=True)
        assert active_content(page, page=True) == [], url
        assert "&lt;script&gt;" in page or url.startswith("/people/")
