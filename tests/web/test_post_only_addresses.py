"""Every address a form only posts to answers a visit: the page the form belongs to, never 405.

A refused form is shown again at the address it posted to; reloading it, or following it
from the browser's history, must not end at "method not allowed"."""

from urllib.parse import urlsplit

from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect


def _post_only_page_rules(app):
    for rule in app.url_map.iter_rules():
        # Machine endpoints (the API, SCIM, a provider's back-channel logout) are no form's page.
        if rule.endpoint.startswith(("api.", "static", "scim.", "sso.backchannel")) or "GET" in rule.methods:
            continue
        yield rule


def test_every_post_only_address_sends_a_visit_to_its_page(app, client, auth, make_user):
    auth.login(make_user(role="admin"))
    adapter = app.url_map.bind("hub.test")
    rules = list(_post_only_page_rules(app))
    assert len(rules) > 20  # every form that only posts, in every feature
    for rule in rules:
        url = rule.build({arg: 1 for arg in rule.arguments})[1]
        answer = client.get(url)
        assert answer.status_code == 302, (url, answer.status_code)
        path = urlsplit(answer.headers["Location"]).path
        try:
            adapter.match(path, method="GET")
        except RequestRedirect:
            pass
        except HTTPException as error:  # pragma: no cover - the failure's message
            raise AssertionError(f"{url} sends a visit to {path}, which answers {error.code}") from None


def test_the_page_above_is_the_one_the_form_belongs_to(client, auth, make_user):
    auth.login(make_user(role="admin"))
    expected = {
        "/ideas/41/responses": "/ideas/41#response-form",
        "/ideas/41/support": "/ideas/41",
        "/admin/people/7/role": "/admin/people/7",
        "/admin/organisations/new": "/admin/organisations",
        "/hearing/reports/3/dismiss": "/hearing/reports",
        "/projects/5/members/9/remove": "/projects/5",
        "/challenges/2/votes/4/remove": "/challenges/2",
    }
    for url, page in expected.items():
        location = client.get(url).headers["Location"]
        assert location.endswith(page), (url, location)


def test_the_api_still_answers_405_in_json(client):
    answer = client.get("/api/v1/tokens/current")
    assert answer.status_code in (401, 405)
    assert answer.is_json
