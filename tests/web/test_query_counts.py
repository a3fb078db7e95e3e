"""A page issues the same small number of queries whatever the amount of data."""

from contextlib import contextmanager

from sqlalchemy import event, select

from ideashub.demo import volume
from ideashub.extensions import db as _db
from ideashub.ideas.models import Idea
from ideashub.people.services import hash_password


@contextmanager
def counted():
    statements = []

    def count(conn, cursor, statement, *args):
        if not statement.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")):  # the suite's, not the page's
            statements.append(statement)

    engine = _db.session.get_bind().engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def queries_for(client, api_client, idea_id):
    from ideashub.core import shared

    client.get("/ideas/")  # the welcome message after signing in is shown (a board of one's own)
    out = {}
    for name, call in {
        # The board rendered (nothing kept), then served as kept, filled in for this person.
        "board": lambda: shared.clear_local() or client.get("/ideas/"),
        "board, kept": lambda: client.get("/ideas/"),
        "idea page": lambda: client.get(f"/ideas/{idea_id}"),
        "api list": lambda: api_client.get("/api/v1/ideas?sort=top"),
        "api search": lambda: api_client.get("/api/v1/ideas?q=repairs"),
    }.items():
        with counted() as statements:
            assert call().status_code == 200
        out[name] = len(statements)
    return out


def test_query_counts_do_not_grow_with_the_data(db, clock, client, auth, api, make_user):
    password = hash_password("volume-password-2026")
    volume.seed(users=60, ideas=40, supports=200, responses=120, challenges=0, now=clock.now(), password_hash=password)
    db.session.commit()
    viewer = make_user()
    auth.login(viewer)
    reader = api(viewer)
    busiest = db.session.scalar(select(Idea.id).order_by(Idea.responses_count.desc()).limit(1))
    small = queries_for(client, reader, busiest)

    volume.seed(users=60, ideas=600, supports=9_000, responses=3_000, challenges=0, now=clock.now(),
                password_hash=password, seed_value=7)
    db.session.commit()
    busiest = db.session.scalar(select(Idea.id).order_by(Idea.responses_count.desc()).limit(1))
    large = queries_for(client, reader, busiest)

    assert large == small, (small, large)
    # The idea page's budget: its own 20, and matching's 16, the same whatever the data: the idea's
    # invitations (one read shared by the panel, the banner and the hearing box), the ideas like it
    # (found once for "Similar ideas" and "People who could help"), the people's evidence (on
    # SQLite with one more statement that bounds the people ranked) and the names of places
    # (organisations and teams), which are not evidence. Kept, far fewer (below).
    assert max(n for name, n in small.items() if name != "idea page") <= 20, small
    assert small["idea page"] <= 36, small
    # The board kept: the person with their notification count and the pages' generation, in one
    # statement. No column, card or count is read again, nor which of its cards they support.
    assert small["board, kept"] <= 1, small


def test_the_idea_page_reuses_its_suggestions_for_a_while(app, db, clock, client, auth, make_user, monkeypatch):
    """With MATCHING_CACHE_SECONDS set (300 by default outside the suite), a second view of an idea
    reads its similar ideas and helpers back (two statements, beside the invitations the hearing box
    reads) instead of finding them again."""
    from ideashub.core import cache

    monkeypatch.setitem(app.config, "MATCHING_CACHE_SECONDS", 300)
    monkeypatch.setitem(app.config, "REDIS_URL", "")
    cache.clear_local()
    volume.seed(users=60, ideas=40, supports=200, responses=120, challenges=0, now=clock.now(), password_hash="!")
    db.session.commit()
    auth.login(make_user())
    busiest = db.session.scalar(select(Idea.id).order_by(Idea.responses_count.desc()).limit(1))
    views = []
    for _ in range(2):
        with counted() as statements:
            assert client.get(f"/ideas/{busiest}").status_code == 200
        views.append(len(statements))
    cache.clear_local()
    assert views[1] <= 20 + 3 < views[0], views
