"""The board counts each column up to a cap, so its cost does not grow with the hub."""

from ideashub.ideas import queries


def test_a_column_past_the_cap_says_so(client, auth, make_user, make_idea, monkeypatch):
    monkeypatch.setattr(queries, "COUNT_CAP", 3)
    author = make_user()
    for n in range(5):
        make_idea(author=author, title=f"Capped idea {n}")
    auth.login(author)
    page = client.get("/ideas/?q=Capped").get_data(as_text=True)
    assert "3+" in page and "Showing more than 3 ideas that match." in page


def test_under_the_cap_the_count_is_exact(client, auth, make_user, make_idea, monkeypatch):
    monkeypatch.setattr(queries, "COUNT_CAP", 10)
    author = make_user()
    for n in range(5):
        make_idea(author=author, title=f"Counted idea {n}")
    auth.login(author)
    page = client.get("/ideas/?q=Counted").get_data(as_text=True)
    assert "Showing 5 ideas that match." in page and "+</span>" not in page


def test_the_api_total_is_exact_under_its_cap_and_says_when_capped(api, make_user, make_idea, monkeypatch):
    from ideashub.ideas import queries

    author = make_user()
    for n in range(5):
        make_idea(author=author, title=f"Listed idea {n}")
    reader = api(author)
    exact = reader.get("/api/v1/ideas?q=Listed").get_json()
    assert (exact["total"], exact["total_capped"]) == (5, False)
    monkeypatch.setattr(queries, "TOTAL_CAP", 3)
    monkeypatch.setattr(queries, "MAX_OFFSET", 2)
    capped = reader.get("/api/v1/ideas?q=Listed&per_page=2").get_json()
    assert (capped["total"], capped["total_capped"]) == (3, True) and capped["next"] is not None
    last = reader.get("/api/v1/ideas?q=Listed&per_page=2&page=2").get_json()
    assert last["next"] is None  # page 3 would start past MAX_OFFSET
