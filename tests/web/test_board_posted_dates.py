"""The board filtered by the days ideas were posted: where the insights charts' bars lead."""

from datetime import UTC, datetime


def _post_at(clock, make_idea, moment, title):
    clock.set(moment)
    return make_idea(title=title)


def test_the_board_shows_only_ideas_posted_between_the_days(client, auth, make_user, make_idea, clock):
    _post_at(clock, make_idea, datetime(2026, 2, 27, 12, tzinfo=UTC), "Posted in February")
    _post_at(clock, make_idea, datetime(2026, 3, 2, 12, tzinfo=UTC), "Posted in March")
    # 23:30 UTC on 31 May is 00:30 on 1 June in London: a June idea.
    _post_at(clock, make_idea, datetime(2026, 5, 31, 23, 30, tzinfo=UTC), "Posted just after midnight")
    auth.login(make_user())
    march = client.get("/ideas/?from=2026-03-01&to=2026-03-31").get_data(as_text=True)
    assert "Posted in March" in march and "Posted in February" not in march
    assert "Showing 1 idea that match" in march
    assert 'value="2026-03-01"' in march and 'value="2026-03-31"' in march and "Clear filters" in march
    june = client.get("/ideas/?from=2026-06-01&to=2026-06-30").get_data(as_text=True)
    assert "Posted just after midnight" in june
    may = client.get("/ideas/?from=2026-05-01&to=2026-05-31").get_data(as_text=True)
    assert "Posted just after midnight" not in may
    since = client.get("/ideas/?from=2026-03-01").get_data(as_text=True)
    assert "Posted in March" in since and "Posted just after midnight" in since and "Posted in February" not in since
    everything = client.get("/ideas/").get_data(as_text=True)
    assert "Posted in February" in everything and "Posted in March" in everything


def test_bad_days_get_a_clear_refusal_not_an_error(client, auth, make_user):
    auth.login(make_user())
    for query in ("from=31/03/2026", "to=2026-02-30", "from=2026-03-31&to=2026-03-01", "from=0001-01-01"):
        response = client.get(f"/ideas/?{query}")
        assert response.status_code == 400, query
