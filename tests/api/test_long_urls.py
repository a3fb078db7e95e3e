"""A too-long address gets the hub's own answer through the real server (gunicorn started as
`make run` starts it): JSON in the API's error shape with the security headers, a page for a
browser; an address at the limit is read as usual."""

from __future__ import annotations

import pytest
import requests

from ideashub.core.security import MAX_URL_LENGTH
from tests.integration.conftest import live  # noqa: F401 - the live server fixture

pytestmark = pytest.mark.live


def _url_of_length(base: str, path: str, length: int) -> str:
    start = path + "?pad="
    return base + start + "a" * (length - len(start))


def test_a_too_long_api_address_gets_the_api_s_json_error_with_the_security_headers(live):  # noqa: F811
    answer = requests.get(_url_of_length(live.url, "/api/v1/ideas", MAX_URL_LENGTH + 1), timeout=10)
    assert answer.status_code == 414
    assert answer.headers["Content-Type"].startswith("application/json")
    assert answer.json()["error"]["code"] == "uri_too_long"
    assert "4,096" in answer.json()["error"]["message"]
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"):
        assert header in answer.headers, header
    assert answer.headers["Cache-Control"] == "no-store"


def test_a_too_long_page_address_gets_a_page(live):  # noqa: F811
    answer = requests.get(_url_of_length(live.url, "/login", 6000), timeout=10)
    assert answer.status_code == 414
    assert answer.headers["Content-Type"].startswith("text/html")
    assert "too long" in answer.text and "<main" in answer.text
    assert "Content-Security-Policy" in answer.headers


def test_an_address_at_the_limit_is_read(live):  # noqa: F811
    answer = requests.get(_url_of_length(live.url, "/api/v1/ideas", MAX_URL_LENGTH), timeout=10)
    assert answer.status_code == 401  # as any call without a token: the address itself was fine
    assert answer.json()["error"]["code"] == "unauthorised"
