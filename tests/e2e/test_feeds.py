"""The Feeds tab in a real browser: the address made, shown once, read by a feed reader
(no cookies) and stopped; checked for accessibility and valid HTML on the way."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import requests

from tests.conftest import PASSWORD
from tests.e2e.test_journeys import post_idea

ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_person_makes_a_feed_address_a_reader_uses_it_and_they_stop_it(web, hub):
    [person] = hub.people(1)
    idea_id = post_idea(hub, person, "Text tenants the day before a repair visit")
    web.sign_in(person, PASSWORD)
    page = web.go(f"/ideas/{idea_id}")
    page.click("text=Follow this idea in a feed reader")
    assert page.url.endswith("/account/feeds")
    web.accessible("feeds tab, no address yet")
    page.click("main button:has-text('Make my feed address')")
    shown = page.locator(".feed-addresses").inner_text()
    board = re.search(r"https?://\S+/feeds/ihf_[A-Za-z0-9_-]+/board\.atom", shown).group(0)
    web.accessible("feeds tab, the new address shown once")
    web.screenshot("feeds-new-address")
    # The reader's own address uses the live server, whatever HUB_URL says.
    feed_path = board[board.index("/feeds/"):].replace("board.atom", f"ideas/{idea_id}.atom")
    answer = requests.get(hub.url + feed_path, timeout=10)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(answer.content)
    assert "Text tenants the day before a repair visit" in root.findtext(f"{ATOM}title")
    page = web.go("/account/feeds")
    assert "ihf_" not in page.content()  # shown once only
    page.click("main button:has-text('Stop all my feeds')")
    assert "Your feeds are stopped" in page.locator("#flashes").inner_text()
    web.accessible("feeds tab, feeds stopped")
    assert requests.get(hub.url + feed_path, timeout=10).status_code == 404
