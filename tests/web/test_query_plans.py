"""Every list the hub sorts is read in index order: EXPLAIN shows no sort step,
on SQLite and on PostgreSQL, for the queries the pages and the API really send."""

from sqlalchemy import event

from ideashub.demo import volume
from ideashub.extensions import db as _db
from ideashub.people.services import hash_password

PATHS = [
    "/ideas/",
    "/ideas/?sort=top", "/ideas/?sort=new", "/ideas/?sort=trending",
    "/api/v1/ideas?sort=top", "/api/v1/ideas?sort=new", "/api/v1/ideas?sort=trending",
    "/api/v1/ideas?stage=being_heard&sort=top", "/insights/top?by=cross_team", "/insights/top?by=trending",
]


def sorted_statements(client, api_client):
    captured = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if "ORDER BY" in statement and "FROM ideas" in statement and "LIMIT" in statement:
            captured.append((statement, parameters))

    engine = _db.session.get_bind().engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        for path in PATHS:
            reply = (api_client if path.startswith("/api") else client).get(path)
            assert reply.status_code == 200, path
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return captured


def plan(statement, parameters) -> str:
    connection = _db.session.connection()
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
        return "\n".join(str(row[-1]) for row in rows)
    rows = connection.exec_driver_sql("EXPLAIN " + statement, parameters).all()
    return "\n".join(row[0] for row in rows)


def test_sorted_lists_use_an_index_in_order(db, clock, client, auth, api, make_user):
    # Enough ideas, with fresh statistics, for the planners to choose as they would in production.
    volume.seed(users=100, ideas=3_000, supports=6_000, responses=3_000, challenges=0, now=clock.now(),
                password_hash=hash_password("volume-password-2026"))
    db.session.commit()
    person = make_user()
    auth.login(make_user(role="executive"))
    statements = sorted_statements(client, api(person))
    assert len(statements) >= len(PATHS)
    for statement, parameters in statements:
        text = plan(statement, parameters)
        assert "TEMP B-TREE FOR ORDER BY" not in text and "Sort  (" not in text and "Sort Key" not in text, \
            f"{statement}\n{text}"
        assert "INDEX" in text.upper(), f"{statement}\n{text}"
