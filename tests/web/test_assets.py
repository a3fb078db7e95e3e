"""Assets cache well: every script, stylesheet and image a page names carries its version, a
versioned address is cached for a year, an unversioned (or old) one is asked for again, and no
asset varies on the cookie or sets one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ideashub.core import assets

YEAR = "public, max-age=31536000, immutable"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _asset_urls(html: str) -> list[str]:
    return re.findall(r'<(?:script|link|img)\b[^>]*?\b(?:src|href)="(/static/[^"]+)"', html)


def test_every_asset_a_template_names_goes_through_static_url():
    bare = []
    for path in TEMPLATES.rglob("*.html"):
        for line_no, line in enumerate(path.read_text().splitlines(), 1):
            for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", line):
                if re.search(r'\b(?:src|href)="(?!\{\{ static_url\()[^"#{]*\.(?:js|css|svg|png|jpe?g|ico|woff2?)"', tag) \
                        or "url_for('static'" in tag or 'url_for("static"' in tag:
                    bare.append(f"{path.relative_to(TEMPLATES)}:{line_no}: {tag}")
    assert bare == []


def test_the_pages_name_only_versioned_assets(client, auth, make_user):
    signed_out = client.get("/login").get_data(as_text=True)
    auth.login(make_user())
    board = client.get("/ideas/").get_data(as_text=True)
    urls = _asset_urls(signed_out) + _asset_urls(board)
    assert len(urls) >= 4
    assert [u for u in urls if not re.search(r"\?v=[0-9a-f]{12}$", u)] == []


def test_versioned_assets_are_cached_for_a_year_without_the_cookie(client, auth, make_user):
    auth.login(make_user())  # a visitor with a session cookie
    for url in _asset_urls(client.get("/ideas/").get_data(as_text=True)):
        answer = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert answer.status_code == 200, url
        assert answer.headers["Cache-Control"] == YEAR, url
        assert "Cookie" not in answer.headers.get("Vary", ""), url
        assert "Set-Cookie" not in answer.headers, url


def test_unversioned_or_old_addresses_are_asked_for_again(client):
    css = _asset_urls(client.get("/login").get_data(as_text=True))[0]
    bare, old = css.split("?")[0], css.split("?")[0] + "?v=000000000000"
    for url in (bare, old):
        answer = client.get(url)
        assert answer.status_code == 200
        assert answer.headers["Cache-Control"] == "no-cache", url
        assert "Cookie" not in answer.headers.get("Vary", "") and "Set-Cookie" not in answer.headers


def test_pages_still_vary_on_the_cookie_and_are_never_stored(client):
    page = client.get("/login")
    assert page.headers["Cache-Control"] == "no-store"
    assert "Cookie" in page.headers["Vary"] and "Set-Cookie" in page.headers


def test_scripts_import_their_modules_at_versioned_addresses(client):
    hub_js = next(u for u in _asset_urls(client.get("/login").get_data(as_text=True)) if "/js/" in u)
    source = client.get(hub_js).get_data(as_text=True)
    imports = re.findall(r'from\s*"(\./[^"]+)"', source)
    assert imports and all(re.search(r"\.js\?v=[0-9a-f]{12}$", i) for i in imports), imports
    for specifier in imports:
        module = client.get("/static/js/" + specifier[2:])
        assert module.status_code == 200 and module.headers["Cache-Control"] == YEAR, specifier


def test_a_script_s_version_changes_when_a_module_it_imports_does(tmp_path):
    (tmp_path / "main.js").write_text('import { a } from "./lib/a.js";\n')
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "a.js").write_text('import { b } from "../b.js";\nexport const a = 1;\n')
    (tmp_path / "b.js").write_text("export const b = 1;\n")
    folder = str(tmp_path)
    before = assets.fingerprint(folder, "main.js")
    rewritten = assets.versioned_script(folder, "main.js").decode()
    assert f'"./lib/a.js?v={assets.fingerprint(folder, "lib/a.js")}"' in rewritten
    assets.fingerprint.cache_clear()
    assets._source.cache_clear()
    (tmp_path / "b.js").write_text("export const b = 2;\n")
    try:
        assert assets.fingerprint(folder, "main.js") != before  # two imports deep
    finally:
        assets.fingerprint.cache_clear()
        assets._source.cache_clear()
        assets.versioned_script.cache_clear()


@pytest.mark.parametrize("missing", ["/static/css/nothing.css", "/static/css/nothing.css?v=abc"])
def test_a_missing_asset_is_a_plain_404(client, missing):
    assert client.get(missing).status_code == 404


def test_an_address_outside_the_static_folder_or_of_no_file_is_not_found(client):
    """A script address reaching past the static folder is refused, never read and served."""
    from ideashub.core import assets

    for path in ("/static/../ideashub/__init__.py", "/static/js/../../wsgi.py", "/static/..%2f..%2fwsgi.py",
                 "/static/js/no-such-script.js"):
        assert client.get(path).status_code == 404, path
    assert client.get("/static/js/hub.js").status_code == 200
    before = assets.fingerprint.cache_info().currsize
    for n in range(5):
        assert client.get(f"/static/js/{'./' * (n + 1)}hub.js").status_code == 200
        assert client.get(f"/static/js/missing-{n}.js").status_code == 404
    assert assets.fingerprint.cache_info().currsize == before  # one name for one file, none for no file
