"""Similar ideas (issue 16): the check step before posting (board and challenges), the typing
list's JSON, "Build on it", the idea page's panel, parked and declined ideas coming back (the
notice, the bell, the email, the moderators' Look again list), and the merge form's choices."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from ideashub.challenges.models import ChallengeEntry
from ideashub.core import outbox
from ideashub.hearing.models import Notification
from ideashub.ideas.models import Idea, Stage
from ideashub.matching import engine
from ideashub.matching.similar import SimilarNotice
from tests.support.html_safety import active_content

# One proposal, written twice by different people in different words.
VANS = {"title": "Shared electric van pool for community nurses",
        "problem": "Community nurses drive their own cars between home visits and claim mileage."}
LIKE_VANS = {"title": "Electric van pool shared by community nurses",
             "problem": "Nurses use their own cars for home visits and claim mileage.",
             "proposal": "Lease a pool of electric vans the nursing teams book by the day.", "benefit": "", "tags": ""}
# Nothing like it.
CHOIR = {"title": "Quarterly choir rehearsal timetable", "problem": "Singers miss rehearsals because dates change.",
         "proposal": "Publish the year's dates in January.", "benefit": "", "tags": ""}


def ideas_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Idea))


def rest(db, idea, stage=Stage.PARKED, reason="Wait for the fleet review in spring.", revisit_on=date(2026, 9, 1)):
    """Park (or decline) an idea as a moderator's decision leaves it."""
    idea.stage = stage
    idea.decision_reason = reason
    idea.revisit_on = revisit_on if stage == Stage.PARKED else None
    db.session.commit()
    return idea


@pytest.fixture
def vans(make_idea, make_user):
    return make_idea(author=make_user(name="Vera Vans"), **VANS)


# --- The check step before posting ------------------------------------------------------------


def test_posting_an_idea_like_one_already_here_shows_it_first_and_stores_nothing(client, auth, db, make_user, vans):
    auth.login(make_user())
    before = ideas_count(db)
    answer = client.post("/ideas/new", data=LIKE_VANS)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert ideas_count(db) == before  # nothing stored
    assert "These look similar: build on one, or post yours anyway" in page
    assert f'href="/ideas/{vans.id}"' in page and VANS["title"] in page
    assert f'action="/ideas/{vans.id}/support"' in page  # "Support it", a plain form
    assert f'href="/ideas/{vans.id}?respond=build#response-form"' in page  # "Build on it"
    assert "Post my idea anyway" in page
    # The same fields come back, with the confirmation that lets the next post through.
    assert 'name="looked" value="1"' in page
    assert 'value="Electric van pool shared by community nurses"' in page
    assert "Lease a pool of electric vans" in page


def test_post_my_idea_anyway_posts_it(client, auth, db, make_user, vans):
    auth.login(make_user())
    answer = client.post("/ideas/new", data={**LIKE_VANS, "looked": "1"})
    assert answer.status_code == 302
    posted = db.session.get(Idea, int(answer.headers["Location"].rsplit("/", 1)[1]))
    assert posted.title == LIKE_VANS["title"] and posted.stage == Stage.BEING_HEARD


def test_an_idea_like_no_other_is_posted_straight_away(client, auth, db, make_user, vans):
    auth.login(make_user())
    before = ideas_count(db)
    answer = client.post("/ideas/new", data=CHOIR)
    assert answer.status_code == 302 and re.search(r"/ideas/\d+$", answer.headers["Location"])
    assert ideas_count(db) == before + 1


def test_a_form_with_errors_shows_its_errors_not_the_similar_ideas(client, auth, db, make_user, vans):
    auth.login(make_user())
    answer = client.post("/ideas/new", data={**LIKE_VANS, "proposal": ""})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422 and "Describe what you propose." in page
    assert "These look similar" not in page


def test_a_parked_idea_in_the_check_step_says_why_and_when_to_look_again(client, auth, db, make_user, vans):
    rest(db, vans)
    auth.login(make_user())
    page = client.post("/ideas/new", data=LIKE_VANS).get_data(as_text=True)
    assert "Why: Wait for the fleet review in spring." in page
    assert "Look again on 1 September 2026." in page
    assert 'badge--parked">Parked<' in page
    assert f'action="/ideas/{vans.id}/support"' in page  # a parked idea may still gather support
    rest(db, vans, Stage.NOT_TAKEN_FORWARD, reason="The lease costs more than the mileage.")
    declined = client.post("/ideas/new", data=LIKE_VANS).get_data(as_text=True)
    assert "Why: The lease costs more than the mileage." in declined and "Look again on" not in declined
    assert f'action="/ideas/{vans.id}/support"' not in declined  # a declined idea's support cannot change


def test_the_check_step_shows_other_peoples_titles_as_text(client, auth, db, make_user, make_idea):
    make_idea(title="<script>alert(1)</script> electric van pool for community nurses", problem=VANS["problem"])
    auth.login(make_user())
    page = client.post("/ideas/new", data=LIKE_VANS).get_data(as_text=True)
    assert "These look similar" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and active_content(page, page=True) == []


def test_a_challenge_idea_goes_through_the_same_check(client, auth, db, make_user, make_challenge, sprint_day, vans):
    challenge = make_challenge()
    sprint_day(challenge, 2)
    auth.login(make_user())
    url = f"/challenges/{challenge.id}/ideas/new"
    held = client.post(url, data=LIKE_VANS)
    assert held.status_code == 200 and "These look similar" in held.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ChallengeEntry)) == 0
    posted = client.post(url, data={**LIKE_VANS, "looked": "1"})
    assert posted.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(ChallengeEntry)) == 1
    assert client.post(url, data=CHOIR).status_code == 302  # nothing like it: straight in


def test_the_challenge_check_step_is_only_for_those_invited(client, auth, db, make_user, make_team, make_challenge, sprint_day, vans):
    invited = make_team()
    challenge = make_challenge(team_ids=[invited.id])
    sprint_day(challenge, 2)
    auth.login(make_user())  # from another team
    refused = client.post(f"/challenges/{challenge.id}/ideas/new", data=LIKE_VANS)
    assert refused.status_code == 403 and "These look similar" not in refused.get_data(as_text=True)
    auth.logout()
    auth.login(make_user(team=invited))
    assert "These look similar" in client.post(f"/challenges/{challenge.id}/ideas/new", data=LIKE_VANS).get_data(as_text=True)


def test_posting_still_works_when_matching_fails(client, auth, db, make_user, vans, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the index is away")

    monkeypatch.setattr(engine, "similar_ideas", broken)
    monkeypatch.setattr(engine, "similar_to_idea", broken)
    auth.login(make_user())
    before = ideas_count(db)
    assert client.post("/ideas/new", data=LIKE_VANS).status_code == 302
    assert ideas_count(db) == before + 1
    page = client.get(f"/ideas/{vans.id}")
    assert page.status_code == 200 and "Similar ideas" not in page.get_data(as_text=True)


# --- The typing list's JSON (static/js/similar.js) ------------------------------------------------


def test_the_typing_list_answers_json_with_stage_reason_and_the_actions(client, auth, db, make_user, vans):
    rest(db, vans)
    auth.login(make_user())
    answer = client.get("/ideas/similar", query_string={"title": LIKE_VANS["title"], "problem": LIKE_VANS["problem"]},
                        headers={"Accept": "application/json"})
    assert answer.status_code == 200
    [item] = answer.get_json()["items"]
    assert item["id"] == vans.id and item["title"] == VANS["title"]
    assert item["stage"] == "parked" and item["stage_label"] == "Parked"
    assert item["decision_reason"] == "Wait for the fleet review in spring."
    assert item["revisit_on"] == "2026-09-01" and item["revisit_label"] == "1 September 2026"
    assert item["reason"]
    assert item["can_support"] is True and item["supported"] is False  # a parked idea may still gather support
    assert item["support_url"] == f"/ideas/{vans.id}/support"
    assert item["build_url"] == f"/ideas/{vans.id}?respond=build#response-form"


def test_the_typing_list_offers_support_only_where_it_can_be_given(client, auth, db, make_user, vans):
    auth.login(make_user())
    query = {"title": LIKE_VANS["title"]}
    [item] = client.get("/ideas/similar", query_string=query).get_json()["items"]
    assert item["can_support"] is True and item["decision_reason"] is None and item["revisit_on"] is None
    client.post(f"/ideas/{vans.id}/support")
    [item] = client.get("/ideas/similar", query_string=query).get_json()["items"]
    assert item["supported"] is True and item["can_support"] is False
    auth.logout()
    auth.login(vans.author)  # the author's own idea: nothing to support
    [item] = client.get("/ideas/similar", query_string=query).get_json()["items"]
    assert item["can_support"] is False


def test_the_typing_list_refuses_empty_or_oversized_text_and_finds_nothing_for_unlike_text(client, auth, make_user, vans):
    auth.login(make_user())
    for query, field in (({"title": ""}, "title"), ({"title": "   "}, "title"), ({}, "title"),
                         ({"title": "x" * 151}, "title"), ({"title": "Vans", "problem": "y" * 10_001}, "problem")):
        answer = client.get("/ideas/similar", query_string=query, headers={"Accept": "application/json"})
        assert answer.status_code == 422, query
        assert field in answer.get_json()["error"]["fields"]
    assert client.get("/ideas/similar", query_string={"title": CHOIR["title"]}).get_json() == {"items": []}


def test_the_typing_list_is_for_signed_in_people(client, vans):
    answer = client.get("/ideas/similar", query_string={"title": VANS["title"]}, headers={"Accept": "application/json"})
    assert answer.status_code == 401


# --- Build on it, and the idea page's panel ---------------------------------------------------------


def test_build_on_it_opens_the_response_form_with_builds_on_it_chosen(client, auth, make_user, vans):
    auth.login(make_user())
    page = client.get(f"/ideas/{vans.id}?respond=build").get_data(as_text=True)
    assert re.search(r'<input[^>]*checked[^>]*value="build"|<input[^>]*value="build"[^>]*checked', page)
    question = client.get(f"/ideas/{vans.id}?respond=question").get_data(as_text=True)
    assert re.search(r'<input[^>]*value="question"[^>]*checked|<input[^>]*checked[^>]*value="question"', question)
    assert client.get(f"/ideas/{vans.id}?respond=nonsense").status_code == 200  # ignored


def test_the_idea_page_lists_similar_ideas_with_their_stage(client, auth, db, make_user, make_idea, vans):
    twin = make_idea(**{k: LIKE_VANS[k] for k in ("title", "problem", "proposal")})
    rest(db, twin, Stage.NOT_TAKEN_FORWARD, reason="The lease costs more than the mileage.")
    lonely = make_idea(**{k: CHOIR[k] for k in ("title", "problem", "proposal")})
    auth.login(make_user())
    page = client.get(f"/ideas/{vans.id}").get_data(as_text=True)
    panel = page[page.index('aria-labelledby="similar-h"'):]
    panel = panel[:panel.index("</section>")]
    assert LIKE_VANS["title"] in panel and "Not taken forward" in panel
    assert "Why: The lease costs more than the mileage." in panel
    assert VANS["title"] not in panel  # never itself
    assert 'id="similar-h"' not in client.get(f"/ideas/{lonely.id}").get_data(as_text=True)


# --- Parked ideas come back ---------------------------------------------------------------------------


@pytest.mark.parametrize("stage", [Stage.PARKED, Stage.NOT_TAKEN_FORWARD])
def test_a_new_idea_like_a_parked_or_declined_one_tells_its_author_and_the_moderators(
        client, auth, db, clock, smtp, make_user, vans, stage):
    rest(db, vans, stage)
    moderator, poster = make_user(role="moderator"), make_user(name="Pat Poster")
    auth.login(poster)
    answer = client.post("/ideas/new", data={**LIKE_VANS, "looked": "1"})
    new_id = int(answer.headers["Location"].rsplit("/", 1)[1])
    [notice] = db.session.scalars(select(SimilarNotice)).all()
    assert (notice.old_idea_id, notice.new_idea_id) == (vans.id, new_id)
    [to_author] = db.session.scalars(select(Notification).where(Notification.user_id == vans.author_id)).all()
    assert to_author.kind == "similar_posted" and to_author.idea_id == new_id
    assert to_author.text.startswith(f"Pat Poster posted “{LIKE_VANS['title']}”, an idea like yours, “{VANS['title']}”, which")
    [to_moderator] = db.session.scalars(select(Notification).where(Notification.user_id == moderator.id)).all()
    assert to_moderator.idea_id == vans.id and "Look again" in to_moderator.text
    assert db.session.scalar(select(func.count()).select_from(Notification).where(Notification.user_id == poster.id)) == 0
    # The author hears by email too, as news about their own idea; the moderators in the bell.
    outbox.pump(clock.now())
    [email] = smtp.to(vans.author.email)
    assert email["Subject"].startswith("Pat Poster posted")
    assert smtp.to(moderator.email) == []
    # The old idea's page says so, with the link.
    page = client.get(f"/ideas/{vans.id}").get_data(as_text=True)
    assert f'A similar idea was posted: <a href="/ideas/{new_id}">{LIKE_VANS["title"]}</a>' in page


def test_a_similar_idea_being_heard_or_an_unlike_one_brings_nothing_back(client, auth, db, make_user, make_idea, vans):
    make_user(role="moderator")
    auth.login(make_user())
    client.post("/ideas/new", data={**LIKE_VANS, "looked": "1"})  # vans is being heard
    parked_choir = rest(db, make_idea(**{k: CHOIR[k] for k in ("title", "problem", "proposal")}))
    client.post("/ideas/new", data={"title": "Parking permits by text message", "problem": "Residents queue at the office.",
                                     "proposal": "Send the permit by text.", "benefit": "", "tags": ""})
    assert db.session.scalars(select(SimilarNotice)).all() == []
    assert db.session.scalars(select(Notification).where(Notification.kind.like("similar_posted%"))).all() == []
    assert "A similar idea was posted" not in client.get(f"/ideas/{parked_choir.id}").get_data(as_text=True)


def test_the_look_again_list_puts_ideas_with_a_newer_similar_idea_first(client, auth, db, clock, make_user, make_idea, vans):
    soon = rest(db, make_idea(**{k: CHOIR[k] for k in ("title", "problem", "proposal")}), revisit_on=date(2026, 4, 1))
    rest(db, vans, revisit_on=date(2026, 12, 1))
    declined = rest(db, make_idea(title="Night bus to the hospital", problem="Shift workers cannot get home."),
                    Stage.NOT_TAKEN_FORWARD, reason="The bus company said no.")
    being_heard = make_idea(title="Bike racks at the depot", problem="Staff have nowhere to leave bikes.")
    moderator = make_user(role="moderator")
    auth.login(make_user())
    answer = client.post("/ideas/new", data={**LIKE_VANS, "looked": "1"})
    new_id = int(answer.headers["Location"].rsplit("/", 1)[1])
    auth.logout()
    auth.login(moderator)
    page = client.get("/hearing/look-again").get_data(as_text=True)
    positions = [page.index(f'<a href="/ideas/{idea.id}">') for idea in (vans, soon, declined)]
    assert positions == sorted(positions)  # the one that came back, then by date, declined last
    assert f'<a href="/ideas/{being_heard.id}">' not in page
    assert f'A similar idea was posted: <a href="/ideas/{new_id}">' in page
    assert "Why: The bus company said no." in page
    assert "Look again on <strong>1 April 2026</strong>" in page
    assert 'href="/hearing/look-again"' in client.get("/hearing/queue").get_data(as_text=True)


def test_only_moderators_see_the_look_again_list(client, auth, make_user):
    auth.login(make_user())
    assert client.get("/hearing/look-again").status_code == 403
    auth.logout()
    auth.login(make_user(role="moderator"))
    assert client.get("/hearing/look-again").status_code == 200
    assert client.get("/hearing/look-again?page=abc").status_code == 200


# --- Merging finds the target among similar ideas, or by its title ---------------------------------


def test_the_merge_form_offers_similar_ideas_and_a_title_search(client, auth, db, make_user, make_idea, vans):
    duplicate = make_idea(**{k: LIKE_VANS[k] for k in ("title", "problem", "proposal")})
    choir = make_idea(**{k: CHOIR[k] for k in ("title", "problem", "proposal")})
    auth.login(make_user(role="moderator"))
    page = client.get(f"/hearing/ideas/{duplicate.id}/merge").get_data(as_text=True)
    assert f'type="radio" id="into-{vans.id}" name="into" value="{vans.id}"' in page
    assert f'value="{choir.id}"' not in page and f'value="{duplicate.id}"' not in page
    assert 'name="q"' in page and 'method="get"' in page
    found = client.get(f"/hearing/ideas/{duplicate.id}/merge?q=choir").get_data(as_text=True)
    assert f'type="radio" id="into-{choir.id}" name="into" value="{choir.id}"' in found
    for nothing_like_it in ("zebra", "?!"):
        page = client.get(f"/hearing/ideas/{duplicate.id}/merge", query_string={"q": nothing_like_it}).get_data(as_text=True)
        assert "No other idea on the board matches" in page and f'value="{choir.id}"' not in page
    # Choosing one shows it before anything is merged; nothing chosen is a clear message.
    confirm = client.post(f"/hearing/ideas/{duplicate.id}/merge", data={"into": vans.id, "version": duplicate.version})
    assert confirm.status_code == 200 and "Yes, merge them" in confirm.get_data(as_text=True)
    nothing = client.post(f"/hearing/ideas/{duplicate.id}/merge", data={"version": duplicate.version})
    assert nothing.status_code == 422 and "Choose the idea to merge into." in nothing.get_data(as_text=True)
    merged = client.post(f"/hearing/ideas/{duplicate.id}/merge",
                         data={"into": vans.id, "version": duplicate.version, "confirmed": "yes"})
    assert merged.status_code == 302
    db.session.refresh(duplicate)
    assert duplicate.merged_into_id == vans.id
