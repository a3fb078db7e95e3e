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
