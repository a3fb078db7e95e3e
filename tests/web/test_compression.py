"""gzip: assets, API answers and exports compressed when asked for; HTML pages never (BREACH)."""

import gzip
import re


def _asset(client, kind: str) -> str:
    page = client.get("/login").get_data(as_text=True)
    return re.search(rf'(/static/{kind}/[\w.]+\.{kind}\?v=\w+)', page).group(1)


def test_stylesheets_and_scripts_are_gzipped_for_browsers_that_accept_it(client):
    for kind in ("css", "js"):
        url = _asset(client, kind)
        plain = client.get(url)
        assert "Content-Encoding" not in plain.headers
        zipped = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert zipped.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in zipped.headers["Vary"]
        assert gzip.decompress(zipped.data) == plain.data
        assert len(zipped.data) < len(plain.data) * (0.4 if kind == "css" else 0.8)
        assert zipped.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        # A different body needs a different validator, or caches could mix them up.
        assert zipped.headers.get("ETag") != plain.headers.get("ETag")


def test_api_answers_are_gzipped_and_small_ones_left_alone(client, api, make_user, make_idea):
    for i in range(12):
        make_idea(title=f"Idea number {i} about shared transport")
    person = api(make_user())
    zipped = person.get("/api/v1/ideas", headers={"Accept-Encoding": "gzip"})
    assert zipped.status_code == 200 and zipped.headers["Content-Encoding"] == "gzip"
    assert b"shared transport" in gzip.decompress(zipped.data)
    small = person.get("/api/v1/ideas?q=nothingmatchesthis", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in small.headers and small.get_json()["items"] == []
    refused = person.get("/api/v1/ideas?sort=evil", headers={"Accept-Encoding": "gzip"})
    assert refused.status_code == 400 and "Content-Encoding" not in refused.headers


def test_pages_are_never_gzipped_because_they_carry_the_csrf_token(client, auth, make_user, make_idea):
    for i in range(12):
        make_idea(title=f"Idea number {i} about shared transport")
    auth.login(make_user())
    page = client.get("/ideas/?q=transport", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200 and len(page.data) > 5000
    assert "Content-Encoding" not in page.headers
    assert 'name="csrf-token"' in page.get_data(as_text=True)
