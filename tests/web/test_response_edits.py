"""People edit their own responses while an idea is heard, with a history; notifications open
the response they are about and are then read."""

from datetime import date, timedelta

from sqlalchemy import select

from ideashub.hearing import services as hearing
from ideashub.hearing.models import Notification
from ideashub.ideas import services as ideas
from ideashub.ideas.models import ResponseRevision

REASON = "It overlaps with the county-wide scheme starting in April, so we will join that instead."


def _edit(client, response, body, **extra):
    return client.post(f"/ideas/responses/{response.id}/edit", data={"body": body, **extra})


def test_the_author_edits_their_response_and_everyone_sees_it_was_edited(client, auth, db, make_idea, make_user, make_response):
    idea = make_idea()
    writer = make_user()
    response = make_response(idea, author=writer, body="Yes, and we could pilot it.")
    auth.login(writer)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'href="/ideas/responses/{response.id}/edit"' in page
    form = client.get(f"/ideas/responses/{response.id}/edit").get_data(as_text=True)
    assert "Yes, and we could pilot it." in form
    done = _edit(client, response, "Yes, and we could pilot it in two wards.")
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/ideas/{idea.id}#response-{response.id}")
    auth.logout()
    auth.login(make_user())
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    article = page[page.index(f'id="response-{response.id}"'):]
    article = article[:article.index("</article>")]
    assert "pilot it in two wards" in article and ">edited<" in article
    assert f'href="/ideas/responses/{response.id}/edit"' not in page  # not theirs to edit
    history = client.get(f"/ideas/responses/{response.id}/history").get_data(as_text=True)
    assert "Yes, and we could pilot it." in history and "pilot it in two wards" in history
    assert history.index("pilot it in two wards") < history.index("Before the edit of")


def test_an_unchanged_edit_keeps_no_version_and_shows_no_edited_mark(client, auth, db, make_idea, make_user, make_response):
    idea = make_idea()
    writer = make_user()
    response = make_response(idea, author=writer, body="Yes, and we could pilot it.")
    auth.login(writer)
    _edit(client, response, "Yes, and we could pilot it.")
    assert db.session.scalars(select(ResponseRevision).where(ResponseRevision.response_id == response.id)).all() == []
    assert ">edited<" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


def test_a_concern_keeps_needing_its_suggestion(client, auth, make_idea, make_user, make_response):
    idea = make_idea()
    writer = make_user()
    response = make_response(idea, author=writer, kind="concern", body="The van is booked on Fridays.")
    auth.login(writer)
    refused = _edit(client, response, "The van is booked on Fridays and Mondays.", suggestion="")
    assert refused.status_code == 422 and "A concern needs a suggestion" in refused.get_data(as_text=True)


def test_someone_elses_response_is_refused_with_the_reason(client, auth, make_idea, make_user, make_response):
    idea = make_idea()
    response = make_response(idea)
    auth.login(make_user())
    for answer in (client.get(f"/ideas/responses/{response.id}/edit"), _edit(client, response, "Taken over.")):
        assert answer.status_code == 403
        assert "Only the person who wrote a response can edit it." in answer.get_data(as_text=True)


def _refused_now(client, response, reason: str):
    answer = _edit(client, response, "A later change.")
    assert answer.status_code == 302
    follow = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert reason in follow
    assert "A later change." not in follow


def test_no_edits_once_the_hearing_is_over(client, auth, make_idea, make_user, make_response, clock):
    idea = make_idea(now=clock.now() - timedelta(days=6))
    writer = make_user()
    response = make_response(idea, author=writer)
    for _ in range(2):
        make_response(idea)
    auth.login(writer)
    assert f'/ideas/responses/{response.id}/edit"' not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    _refused_now(client, response, "The idea&#39;s hearing is over, so its responses stay as they were heard.")


def test_edits_are_allowed_until_the_hearing_is_over(client, auth, make_idea, make_user, make_response, clock):
    # Past its days but not yet heard by enough people: still being heard.
    idea = make_idea(now=clock.now() - timedelta(days=6))
    writer = make_user()
    response = make_response(idea, author=writer)
    auth.login(writer)
    assert _edit(client, response, "Still being heard, so this can change.").status_code == 302


def test_no_edits_on_a_closed_idea(client, auth, db, make_idea, make_user, make_response, clock):
    moderator = make_user(role="moderator")
    idea = make_idea()
    writer = make_user()
    response = make_response(idea, author=writer)
    hearing.move_idea(moderator, idea.id, hearing.Move("shortlisted"), clock.now())
    db.session.commit()
    auth.login(writer)
    _refused_now(client, response, "Responses can be edited only while the idea is being heard.")
    withdrawn = make_idea()
    other = make_response(withdrawn, author=writer)
    ideas.withdraw_idea(withdrawn.author, withdrawn.id, clock.now())
    db.session.commit()
    _refused_now(client, other, "This idea was withdrawn by its author.")


def test_no_edits_to_a_hidden_response(client, auth, db, make_idea, make_user, make_response, clock):
    idea = make_idea()
    writer = make_user()
    response = make_response(idea, author=writer)
    hearing.hide_response(make_user(role="moderator"), response.id, "Names a resident.", clock.now())
    db.session.commit()
    auth.login(writer)
    _refused_now(client, response, "A moderator has hidden this response, so it cannot be edited.")


def test_a_hidden_responses_history_is_for_moderators(client, auth, db, make_idea, make_user, make_response, clock):
    idea = make_idea()
    writer = make_user()
    response = make_response(idea, author=writer)
    moderator = make_user(role="moderator")
    hearing.hide_response(moderator, response.id, "Names a resident.", clock.now())
    db.session.commit()
    auth.login(make_user())
    assert client.get(f"/ideas/responses/{response.id}/history").status_code == 403
    auth.logout()
    auth.login(moderator)
    assert client.get(f"/ideas/responses/{response.id}/history").status_code == 200


# --- Notifications open what they are about, and are then read ------------------------------------


def _notifications(db, user):
    return db.session.scalars(select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)).all()


def test_a_notification_opens_the_response_and_is_then_read(client, auth, db, make_idea, make_user, make_response):
    idea = make_idea()
    first = make_response(idea)
    second = make_response(idea)
    auth.login(idea.author)
    mine = _notifications(db, idea.author)
    assert [n.response_id for n in mine] == [first.id, second.id]
    inbox = client.get("/hearing/notifications").get_data(as_text=True)
    assert f'href="/hearing/notifications/{mine[0].id}"' in inbox
    opened = client.get(f"/hearing/notifications/{mine[0].id}")
    assert opened.status_code == 302
    assert opened.headers["Location"].endswith(f"/ideas/{idea.id}#response-{first.id}")
    db.session.expire_all()
    read, unread = _notifications(db, idea.author)
    assert read.read_at is not None  # the one opened is read
    assert unread.read_at is None  # the other stays unread
    inbox = client.get("/hearing/notifications").get_data(as_text=True)
    assert inbox.count("notification--unread") == 1
    # Opening it again changes nothing and still goes there.
    at = read.read_at
    client.get(f"/hearing/notifications/{read.id}")
    db.session.expire_all()
    assert _notifications(db, idea.author)[0].read_at == at


def test_a_reply_notification_opens_the_reply(client, auth, db, make_idea, make_user, make_response):
    idea = make_idea()
    writer = make_user()
    first = make_response(idea, author=writer)
    reply = make_response(idea, parent_id=first.id)
    [told] = [n for n in _notifications(db, writer) if n.kind == "response.reply"]
    auth.login(writer)
    assert client.get(f"/hearing/notifications/{told.id}").headers["Location"].endswith(f"#response-{reply.id}")


def test_a_notification_about_an_idea_opens_the_idea(client, auth, db, make_idea, make_user, make_response, clock):
    idea = make_idea(now=clock.now() - timedelta(days=6))
    for author in (make_user(team=idea.team), make_user(), make_user()):
        make_response(idea, author=author)
    hearing.move_idea(make_user(role="moderator"), idea.id, hearing.Move("parked", REASON, date(2026, 9, 1)), clock.now())
    db.session.commit()
    [moved] = [n for n in _notifications(db, idea.author) if n.kind == "idea.moved"]
    auth.login(idea.author)
    assert client.get(f"/hearing/notifications/{moved.id}").headers["Location"].endswith(f"/ideas/{idea.id}")


def test_someone_elses_notification_is_not_found_and_stays_unread(client, auth, db, make_idea, make_user, make_response):
    idea = make_idea()
    make_response(idea)
    [theirs] = _notifications(db, idea.author)
    auth.login(make_user())
    assert client.get(f"/hearing/notifications/{theirs.id}").status_code == 404
    db.session.expire_all()
    assert _notifications(db, idea.author)[0].read_at is None


# --- The API --------------------------------------------------------------------------------------


def test_the_api_edits_a_response_like_the_page(api, db, make_idea, make_user, make_response):
    idea = make_idea()
    writer = make_user()
    response = make_response(idea, author=writer, kind="offer", body="I can map the routes.", hours=2)
    changed = api(writer).patch(f"/api/v1/responses/{response.id}", json={"hours": 3})
    assert changed.status_code == 200
    assert changed.json["hours"] == 3 and changed.json["body"] == "I can map the routes." and changed.json["edited_at"]
    assert api(make_user()).patch(f"/api/v1/responses/{response.id}", json={"body": "Mine now."}).status_code == 403
    assert api(writer).patch(f"/api/v1/responses/{response.id}", json={"hours": 99}).status_code in (400, 422)
    assert api(writer).patch(f"/api/v1/responses/{response.id}", json={"kind": "build"}).status_code in (400, 422)
    listed = api(make_user()).get(f"/api/v1/ideas/{idea.id}/responses").json["items"]
    assert listed[0]["edited_at"] and listed[0]["hours"] == 3


def test_the_api_lists_the_response_a_notification_is_about(api, db, make_idea, make_user, make_response):
    idea = make_idea()
    response = make_response(idea)
    [item] = api(idea.author).get("/api/v1/notifications").json["items"]
    assert item["idea_id"] == idea.id and item["response_id"] == response.id
