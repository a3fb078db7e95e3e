"""The idea page tells the truth about an idea: its state in the badge, the breadcrumb and the
hearing box; refused responses and replies land where they were typed; confirmations land
beside what they confirm."""

from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from ideashub.hearing import services as hearing
from ideashub.ideas import services as ideas

REASON = "It overlaps with the county-wide scheme starting in April, so we will join that instead."


def _heard(make_idea, make_user, make_response, clock, **kw):
    idea = make_idea(now=clock.now() - timedelta(days=6), **kw)
    for author in (make_user(team=idea.team), make_user(), make_user()):
        make_response(idea, author=author)
    return idea


def _into_state(state, idea, moderator, make_idea, db, clock):
    """Put ``idea`` (heard) into ``state``; returns the idea it was merged into, if any."""
    now = clock.now()
    if state == "withdrawn":
        ideas.withdraw_idea(idea.author, idea.id, now)
    elif state == "hidden":
        hearing.hide_idea(moderator, idea.id, "Names a member of the public.", now)
    elif state == "merged":
        target = make_idea(title="The idea it joined")
        hearing.merge_ideas(moderator, idea.id, target.id, now)
        db.session.commit()
        return target
    elif state == "parked":
        hearing.move_idea(moderator, idea.id, hearing.Move("parked", REASON, date(2026, 9, 1)), now)
    elif state == "not_taken_forward":
        hearing.move_idea(moderator, idea.id, hearing.Move("not_taken_forward", REASON), now)
    elif state == "shortlisted":
        hearing.move_idea(moderator, idea.id, hearing.Move("shortlisted"), now)
    db.session.commit()
    return None


class _Crumbs(HTMLParser):
    """The links of the page's breadcrumb trail, and every id on the page."""

    def __init__(self):
        super().__init__()
        self.links, self.ids, self._in = [], set(), False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "nav" and attrs.get("aria-label") == "Breadcrumb":
            self._in = True
        elif tag == "a" and self._in:
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in = False


def _parse(html: str) -> _Crumbs:
    parser = _Crumbs()
    parser.feed(html)
    return parser


def _assert_crumbs_lead_somewhere(client, html: str):
    crumbs = _parse(html).links
    assert crumbs, "the page has a breadcrumb trail"
    for href in crumbs:
        url = urlsplit(href)
        answer = client.get(url.path + (f"?{url.query}" if url.query else ""))
        assert answer.status_code == 200, href
        if url.fragment:
            assert url.fragment in _parse(answer.get_data(as_text=True)).ids, href
    return crumbs


def _badge(html: str) -> str:
    start = html.index('<span class="badge')
    return html[html.index(">", start) + 1:html.index("</span>", start)]


def _hearing_box(html: str) -> str:
    start = html.index('id="hearing-h"')
    return html[start:html.index("</section>", start)]


EXPECTED = {
    # state: (badge, words in the hearing box)
    "withdrawn": ("Withdrawn", "No longer being heard: its author withdrew it on"),
    "hidden": ("Hidden", "Not being heard while a moderator has it hidden."),
    "merged": ("Merged", "Heard together with"),
    "parked": ("Parked", "Parked until 1 September 2026."),
    "not_taken_forward": ("Not taken forward", "Not taken forward. A moderator can reopen it"),
    "shortlisted": ("Shortlisted", "Moved forward to Shortlisted"),
}


@pytest.mark.parametrize("role", ["member", "moderator"])
@pytest.mark.parametrize("state", sorted(EXPECTED))
def test_every_state_shows_itself_and_its_breadcrumbs_lead_somewhere(
    state, role, client, auth, db, clock, make_idea, make_user, make_response
):
    moderator = make_user(role="moderator")
    idea = _heard(make_idea, make_user, make_response, clock, title="A state to show")
    target = _into_state(state, idea, moderator, make_idea, db, clock)
    auth.login(moderator if role == "moderator" else make_user())
    html = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    badge, words = EXPECTED[state]
    assert _badge(html) == badge
    box = _hearing_box(html)
    assert words in box
    assert "days to go" not in box and "Being heard" not in _badge(html)
    crumbs = _assert_crumbs_lead_somewhere(client, html)
    if state in ("withdrawn", "hidden"):
        assert crumbs == ["/ideas/"]  # off the board: no column to point at
    elif state == "merged":
        assert crumbs == ["/ideas/", f"/ideas/{target.id}"]
    else:
        assert crumbs == ["/ideas/", f"/ideas/#col-{state}"]


def test_an_idea_being_heard_shows_its_countdown_and_its_column(client, auth, make_idea, make_user):
    idea = make_idea()
    auth.login(make_user())
    html = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert _badge(html) == "Being heard"
    assert "Heard by 0 of 3 people, 5 days to go" in _hearing_box(html)
    assert _assert_crumbs_lead_somewhere(client, html) == ["/ideas/", "/ideas/#col-being_heard"]


def test_a_hidden_idea_shows_its_state_wherever_its_badge_shows(client, auth, db, clock, make_idea, make_user):
    from ideashub.projects import services as projects

    moderator = make_user(role="moderator")
    idea = make_idea(title="In a project, then hidden")
    project = projects.create_project(moderator, projects.ProjectDraft(
        name="Booking pilot", goal="Try online booking in one area.", idea_ids=[idea.id], lead_id=moderator.id, members=[]), clock.now())
    db.session.commit()
    auth.login(make_user())
    before = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert ">In a project</span>" in before
    hearing.hide_idea(moderator, idea.id, "Names a member of the public.", clock.now())
    db.session.commit()
    after = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert ">Hidden</span>" in after and ">In a project</span>" not in after


def test_breadcrumbs_of_the_pages_about_an_idea_lead_somewhere(client, auth, make_idea, make_user, make_response):
    idea = make_idea()
    response = make_response(idea)
    moderator = make_user(role="moderator")
    auth.login(moderator)
    for url in (f"/ideas/{idea.id}/history", f"/hearing/ideas/{idea.id}/move", f"/hearing/ideas/{idea.id}/merge",
                f"/hearing/ideas/{idea.id}/hide", f"/hearing/ideas/{idea.id}/report",
                f"/hearing/responses/{response.id}/report", f"/hearing/responses/{response.id}/hide"):
        page = client.get(url)
        assert page.status_code == 200, url
        if _parse(page.get_data(as_text=True)).links:
            _assert_crumbs_lead_somewhere(client, page.get_data(as_text=True))


# --- Errors land where they were typed; the address survives a reload ----------------------------


def test_an_empty_reply_shows_its_error_in_its_own_box_keeping_the_text(client, auth, make_idea, make_user, make_response):
    idea = make_idea()
    first = make_response(idea)
    auth.login(make_user())
    answer = client.post(f"/ideas/{idea.id}/responses", data={"kind": "build", "body": "   ", "parent_id": first.id})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    box = html[html.index(f'id="reply-to-{first.id}"'):]
    box = box[:box.index("</details>")]
    assert " open" in box.split(">", 1)[0] and "Write your reply before posting it." in box
    assert 'aria-invalid="true"' in box
    main = html[html.index('id="response-form"'):]
    assert "There is a problem" not in main and "error-message" not in main


def test_a_refused_reply_keeps_what_was_typed(client, auth, make_idea, make_user, make_response):
    idea = make_idea()
    first = make_response(idea)
    auth.login(make_user())
    answer = client.post(f"/ideas/{idea.id}/responses",
                         data={"kind": "build", "body": "x" * 5001, "parent_id": first.id})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    box = html[html.index(f'id="reply-to-{first.id}"'):html.index("</details>", html.index(f'id="reply-to-{first.id}"'))]
    assert "x" * 5001 in box and "error-message" in box


def test_an_empty_response_shows_its_error_on_the_response_form(client, auth, make_idea, make_user, make_response):
    idea = make_idea()
    first = make_response(idea)
    auth.login(make_user())
    html = client.post(f"/ideas/{idea.id}/responses", data={"kind": "build", "body": ""}).get_data(as_text=True)
    main = html[html.index('id="response-form"'):]
    assert "There is a problem" in main
    box = html[html.index(f'id="reply-to-{first.id}"'):]
    assert "error-message" not in box[:box.index("</details>")]


def test_the_address_of_a_refused_response_answers_a_reload(client, auth, make_idea, make_user):
    idea = make_idea()
    auth.login(make_user())
    refused = client.post(f"/ideas/{idea.id}/responses", data={"kind": "build", "body": ""})
    assert refused.status_code == 422
    # The form posts to an anchor of the page, so the error is where the person looks.
    assert f'action="/ideas/{idea.id}/responses#response-form"' in refused.get_data(as_text=True)
    again = client.get(f"/ideas/{idea.id}/responses")
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/ideas/{idea.id}#response-form")


# --- You see that it worked --------------------------------------------------------------------


def _confirmation_beside(html: str, response_id: int, message: str) -> bool:
    article = html[html.index(f'id="response-{response_id}"'):]
    article = article[:article.index("</article>")]
    return message in article


def test_a_response_lands_at_itself_with_its_confirmation_beside_it(client, auth, db, make_idea, make_user):
    from ideashub.ideas.models import Response

    idea = make_idea()
    auth.login(make_user())
    posted = client.post(f"/ideas/{idea.id}/responses", data={"kind": "build", "body": "Yes, and a pilot."})
    response = db.session.query(Response).filter_by(idea_id=idea.id).one()
    assert posted.headers["Location"].endswith(f"/ideas/{idea.id}#response-{response.id}")
    html = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert _confirmation_beside(html, response.id, "Thank you: your response is posted.")
    top = html[html.index('id="flashes"'):html.index('id="main"')]
    assert "your response is posted" not in top
    # Shown once: the next view of the page has no confirmation.
    assert "your response is posted" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


def test_a_reply_lands_at_itself_with_its_confirmation(client, auth, db, make_idea, make_user, make_response):
    from ideashub.ideas.models import Response

    idea = make_idea()
    first = make_response(idea)
    auth.login(make_user())
    client.post(f"/ideas/{idea.id}/responses", data={"kind": "build", "body": "Agreed.", "parent_id": first.id})
    reply = db.session.query(Response).filter_by(parent_id=first.id).one()
    html = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert _confirmation_beside(html, reply.id, "Thank you: your reply is posted.")


def test_a_report_of_a_response_lands_at_it_with_the_thanks(client, auth, make_idea, make_user, make_response):
    idea = make_idea()
    response = make_response(idea)
    auth.login(make_user())
    done = client.post(f"/hearing/responses/{response.id}/report", data={"reason": "It names a resident."})
    assert done.headers["Location"].endswith(f"/ideas/{idea.id}#response-{response.id}")
    html = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert _confirmation_beside(html, response.id, "Thank you. A moderator will look at it.")


def test_a_report_of_an_idea_shows_the_thanks_at_the_top_where_it_lands(client, auth, make_idea, make_user):
    idea = make_idea()
    auth.login(make_user())
    done = client.post(f"/hearing/ideas/{idea.id}/report", data={"reason": "It names a resident."})
    assert done.headers["Location"].endswith(f"/ideas/{idea.id}")
    html = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    top = html[html.index('id="flashes"'):html.index('id="main"')]
    assert "A moderator will look at it." in top
