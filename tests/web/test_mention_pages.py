"""@mentions on the pages and in the API: posting, replying and editing with mentions, the
writer's messages, the links drawn, and the suggestions the response boxes' script reads."""

from sqlalchemy import func, select

from ideashub.api.openapi import validator
from ideashub.hearing.models import Notification
from ideashub.ideas.models import Response, ResponseMention


def _post(client, idea, body, **extra):
    return client.post(f"/ideas/{idea.id}/responses", data={"kind": "build", "body": body, **extra}, follow_redirects=True)


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def _article(page: str, response_id: int) -> str:
    article = page[page.index(f'id="response-{response_id}"'):]
    return article[:article.index("</article>")]


def _last_response(db):
    return db.session.scalar(select(Response).order_by(Response.id.desc()).limit(1))


def test_a_mention_typed_without_scripts_links_to_the_person_and_tells_them(client, auth, db, make_idea, make_user):
    ann = make_user(name="Ann Lee")
    writer = make_user(name="Wren Hale")
    idea = make_idea(title="Book repairs online")
    auth.login(writer)
    page = _post(client, idea, "Yes, and @Ann Lee ran this in Leeds.").get_data(as_text=True)
    response = _last_response(db)
    assert f'<a class="mention" href="/people/{ann.id}" rel="nofollow noopener noreferrer">@Ann Lee</a>' in _article(page, response.id)
    assert "Thank you: your response is posted." in page and "stays as plain text" not in page
    [note] = db.session.scalars(select(Notification).where(Notification.user_id == ann.id)).all()
    assert note.text == "Wren Hale mentioned you in a response to “Book repairs online”."
    auth.logout()
    auth.login(ann)
    inbox = client.get("/hearing/notifications").get_data(as_text=True)
    assert "Wren Hale mentioned you in a response to “Book repairs online”." in inbox


def test_unknown_and_shared_names_are_saved_as_plain_text_and_the_writer_is_told(client, auth, db, make_idea, make_user):
    make_user(name="Sam Jones")
    make_user(name="Sam Jones")
    idea = make_idea()
    auth.login(make_user())
    page = _post(client, idea, "Ask @Bob Smith or @Sam Jones.").get_data(as_text=True)
    response = _last_response(db)
    assert response.body == "Ask @Bob Smith or @Sam Jones."
    assert "We could not find anyone called “@Bob Smith”: it stays as plain text." in page
    assert "Two people are called “@Sam Jones”: use their email address to mention one of them." in page
    assert 'class="mention"' not in _article(page, response.id)
    again = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "stays as plain text" not in again  # told once, on the next page only


def test_a_mention_of_a_deactivated_person_is_a_form_error_and_nothing_is_stored(client, auth, db, make_idea, make_user):
    gone = make_user(name="Pat Doyle")
    gone.active = False
    db.session.commit()
    idea = make_idea()
    auth.login(make_user())
    before = _count(db, Response)
    refused = client.post(f"/ideas/{idea.id}/responses", data={"kind": "build", "body": "Ask @Pat Doyle."})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert 'id="body-error"' in page and "You cannot mention “@Pat Doyle”: that account is closed." in page
    assert "Ask @Pat Doyle." in page  # what was typed is kept
    assert _count(db, Response) == before and _count(db, ResponseMention) == 0


def test_a_reply_mentioning_a_deactivated_person_is_refused_in_its_reply_box(client, auth, db, make_idea, make_user, make_response):
    gone = make_user(name="Pat Doyle")
    gone.active = False
    db.session.commit()
    idea = make_idea()
    parent = make_response(idea)
    auth.login(make_user())
    before = _count(db, Response)
    refused = client.post(f"/ideas/{idea.id}/responses", data={"kind": "build", "body": "cc @Pat Doyle", "parent_id": parent.id})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    box = page[page.index(f'id="reply-to-{parent.id}"'):]
    assert "that account is closed" in box[:box.index("</details>")]
    assert _count(db, Response) == before


def test_more_than_ten_people_is_a_form_error(client, auth, db, make_idea, make_user):
    names = [make_user(name=f"Helper {w}").name for w in HELPERS]
    idea = make_idea()
    auth.login(make_user())
    refused = client.post(f"/ideas/{idea.id}/responses", data={"kind": "build", "body": " ".join(f"@{n}" for n in names)})
    assert refused.status_code == 422
    assert "Mention at most 10 people in one response (this mentions 11)." in refused.get_data(as_text=True)
    assert _count(db, Response) == 0


def test_editing_a_response_adds_a_mention_and_says_what_stays_plain(client, auth, db, make_idea, make_user, make_response):
    ben = make_user(name="Ben Okafor")
    writer = make_user()
    idea = make_idea()
    response = make_response(idea, author=writer, body="Yes, and we could pilot it.")
    auth.login(writer)
    form = client.get(f"/ideas/responses/{response.id}/edit").get_data(as_text=True)
    assert 'data-mentions="/people/suggest"' in form
    page = client.post(f"/ideas/responses/{response.id}/edit", data={"body": "Yes, and @Ben Okafor and @Nobody Here could pilot it."},
                       follow_redirects=True).get_data(as_text=True)
    assert f'<a class="mention" href="/people/{ben.id}"' in _article(page, response.id)
    assert "We could not find anyone called “@Nobody Here”: it stays as plain text." in page
    assert db.session.scalar(select(func.count()).select_from(Notification).where(Notification.user_id == ben.id)) == 1


def test_the_response_boxes_offer_suggestions_and_say_how_to_mention(client, auth, make_idea, make_user, make_response):
    idea = make_idea()
    make_response(idea)
    auth.login(make_user())
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert page.count('data-mentions="/people/suggest"') == 2  # the response form and the reply box
    assert "To mention someone, type @ and their full name or email address." in page


# --- The suggestions -----------------------------------------------------------------------------

JSON = {"Accept": "application/json"}
HELPERS = ("Ann", "Ben", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal", "Ivy", "Joe", "Kit")


def test_suggestions_list_active_people_by_name_or_email_best_match_first(client, auth, db, make_user):
    siobhan = make_user(name="Siobhan Murphy")
    make_user(name="Eoin Ambrosio")  # contains the text, but no word starts with it
    gone = make_user(name="Siobhan Gone")
    gone.active = False
    db.session.commit()
    auth.login(make_user())
    answer = client.get("/people/suggest?q=sio", headers=JSON)
    assert answer.status_code == 200
    people = answer.get_json()
    assert [p["name"] for p in people] == ["Siobhan Murphy", "Eoin Ambrosio"]
    assert people[0] == {"id": siobhan.id, "name": "Siobhan Murphy", "email": siobhan.email, "team": siobhan.team.name}
    assert list(validator("SuggestedPerson").iter_errors(people[0])) == []
    by_email = client.get(f"/people/suggest?q={siobhan.email[:8]}", headers=JSON).get_json()
    assert siobhan.id in [p["id"] for p in by_email]
    assert client.get("/people/suggest?q=murphy", headers=JSON).get_json()[0]["id"] == siobhan.id  # a later word


def test_suggestions_stop_at_eight_and_treat_wildcards_as_text(client, auth, make_user):
    for n in range(10):
        make_user(name=f"Tester {n}")
    auth.login(make_user())
    assert len(client.get("/people/suggest?q=tester", headers=JSON).get_json()) == 8
    assert client.get("/people/suggest?q=%25", headers=JSON).get_json() == []
    assert client.get("/people/suggest?q=t_ster", headers=JSON).get_json() == []


def test_suggestions_need_some_text_and_a_signed_in_person(client, auth, make_user):
    assert client.get("/people/suggest?q=ann", headers=JSON).status_code == 401
    assert client.get("/people/suggest?q=ann").status_code == 302  # a browser is sent to sign in
    auth.login(make_user())
    empty = client.get("/people/suggest?q=%20", headers=JSON)
    assert empty.status_code == 422
    assert list(validator("Error").iter_errors(empty.get_json())) == []
    assert empty.get_json()["error"]["fields"] == {"q": "Type at least one letter."}


# --- The API -------------------------------------------------------------------------------------


def test_the_api_says_who_is_mentioned_and_what_stays_plain(db, api, make_idea, make_user, make_response):
    ann = make_user(name="Ann Lee")
    writer = make_user()
    idea = make_idea()
    reader = api(writer)
    posted = reader.post(f"/api/v1/ideas/{idea.id}/responses", json={"kind": "build", "body": "Ask @Ann Lee or @Bob Smith."})
    assert posted.status_code == 201
    body = posted.get_json()
    assert body["mentions"] == {"resolved": [{"id": ann.id, "name": "Ann Lee"}],
                                "unresolved": [{"text": "@Bob Smith", "reason": "unknown"}]}
    assert list(validator("Response").iter_errors(body)) == []
    edited = reader.patch(f"/api/v1/responses/{body['id']}", json={"body": "No one now."})
    assert edited.status_code == 200 and edited.get_json()["mentions"] == {"resolved": [], "unresolved": []}
    assert _count(db, ResponseMention) == 0


def test_the_api_refuses_a_mention_of_a_deactivated_person_with_422_on_the_body(db, api, make_idea, make_user):
    gone = make_user(name="Pat Doyle")
    gone.active = False
    db.session.commit()
    idea = make_idea()
    refused = api(make_user()).post(f"/api/v1/ideas/{idea.id}/responses", json={"kind": "build", "body": "Ask @Pat Doyle."})
    assert refused.status_code == 422
    assert "that account is closed" in refused.get_json()["error"]["fields"]["body"]
    assert _count(db, Response) == 0


def test_suggestions_are_limited_per_person(client, auth, make_user, app, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_SUGGEST", "2 per minute")
    auth.login(make_user())
    statuses = [client.get("/people/suggest?q=a", headers=JSON).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    auth.logout()
    auth.login(make_user())  # someone else is not held back
    assert client.get("/people/suggest?q=a", headers=JSON).status_code == 200
