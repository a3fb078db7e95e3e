"""No password or token reaches the server's logs, against a real server with its access log on."""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import select

from ideashub.core.activity import Activity
from tests.conftest import PASSWORD
from tests.support.live import server_log

pytestmark = pytest.mark.live

RESET_TOKEN = "Zq7sEcretResetTokenThatMustNotBeLogged0123"
FINISH_TOKEN = "Xk2sEcretRegistrationTokenNotForLogs4567"
FEED_SECRET = "ihf_Fz9sEcretFeedAddressNotForTheLogs8910"


def test_passwords_and_tokens_stay_out_of_the_server_log(live):
    email = live.people(1)[0]
    wrong = "a-wrong-password-that-must-not-be-logged"
    refused = requests.post(live.url + "/api/v1/tokens", json={"email": email, "password": wrong}, timeout=10)
    assert refused.status_code == 401
    issued = requests.post(live.url + "/api/v1/tokens", json={"email": email, "password": PASSWORD}, timeout=10)
    assert issued.status_code == 201, issued.text
    api_token = issued.json()["token"]
    assert requests.get(live.url + "/api/v1/me", headers={"Authorization": f"Bearer {api_token}"}, timeout=10).ok
    # Emailed links carry their token in the path; the page's assets carry it in the Referer.
    # A feed address carries the secret that stands for its owner (a made-up one answers 404).
    for path in (f"/password/reset/{RESET_TOKEN}", f"/register/finish/{FINISH_TOKEN}?step=1",
                 f"/feeds/{FEED_SECRET}/board.atom?tag=repairs"):
        assert requests.get(live.url + path, timeout=10).status_code < 500
    requests.get(live.url + "/static/css/hub.css", headers={"Referer": f"{live.url}/password/reset/{RESET_TOKEN}"}, timeout=10)

    log = server_log(live.instance)
    assert "/password/reset/[redacted]" in log and "/register/finish/[redacted]" in log  # the requests were logged
    assert "/feeds/[redacted]/board.atom" in log
    audit = live.query(lambda session: " ".join(repr(vars(a)) for a in session.scalars(select(Activity))))
    assert "signin_failed" in audit  # the failed attempt is in the audit log, without what was typed
    for secret in (PASSWORD, wrong, api_token, RESET_TOKEN, FINISH_TOKEN, FEED_SECRET):
        assert secret not in log
        assert secret not in audit
