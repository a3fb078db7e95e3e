"""The Nu HTML checker that every browser test runs over its pages finds real errors (and
none on a valid page), so a clean run means something."""

from __future__ import annotations

import requests

from tests.e2e.conftest import html_errors


def test_the_checker_reports_errors_with_their_line(html_checker):
    broken = b'<!DOCTYPE html>\n<html lang="en"><title>x</title>\n<p id="a">one</p>\n<p id="a">two</p>\n'
    errors = html_errors(html_checker, broken)
    assert any("Duplicate ID" in e and e.startswith("line 4:") for e in errors), errors


def test_a_page_of_the_hub_has_no_errors(html_checker, hub):
    page = requests.get(hub.url + "/login", timeout=10)
    assert html_errors(html_checker, page.content) == []
