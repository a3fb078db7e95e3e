"""When the database does not answer (a restart, a lost connection, a lock held too
long) people get 503 with Retry-After and a calm message, never a 500."""

import pytest
from sqlalchemy.exc import OperationalError

from ideashub.ideas import queries


@pytest.fixture
def database_down(monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError("SELECT ...", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(queries, "list_ideas", fail)


def test_the_api_answers_503_with_retry_after(api, make_user, database_down):
    reply = api(make_user()).get("/api/v1/ideas")
    assert reply.status_code == 503
    assert reply.headers["Retry-After"] == "5"
    assert reply.get_json()["error"]["code"] == "unavailable"


def test_a_page_answers_503_without_touching_the_database(client, auth, make_user, make_idea, database_down):
    auth.login(make_user())
    person = make_user()
    make_idea(author=person)
    reply = client.get(f"/people/{person.id}")  # a profile lists the person's ideas
    assert reply.status_code == 503
    assert "Back in a moment" in reply.get_data(as_text=True)


def test_without_the_fault_the_same_requests_succeed(api, client, auth, make_user):
    person = make_user()
    assert api(person).get("/api/v1/ideas").status_code == 200
    auth.login(person)
    assert client.get(f"/people/{person.id}").status_code == 200
