"""Normalising input, sanitising Markdown, and refusing redirects to other sites."""

import pytest

from ideashub.core.markdown import render_markdown
from ideashub.core.security import is_safe_redirect
from ideashub.core.text import clean_line, clean_text, normalise_email, parse_tags
from tests.support.html_safety import active_content


def test_emails_compare_case_space_and_width_blind():
    assert normalise_email("  Amira.Patel@Riverside.GOV.uk ") == "amira.patel@riverside.gov.uk"
    assert normalise_email("ＡＤＭＩＮ@hub.test") == "admin@hub.test"


def test_lines_lose_invisible_and_bidi_characters():
    assert clean_line("Fix\u200b the\u202e  bins\x00") == "Fix the bins"
    assert clean_line("e\u0301") == "é"


def test_text_keeps_paragraphs_and_drops_controls():
    assert clean_text("One\r\n\r\nTwo\x07 ") == "One\n\nTwo"
    assert clean_text("lone \ud800 surrogate") == "lone  surrogate"


def test_tags_are_normalised_and_unique():
    assert parse_tags("Digital Inclusion, #housing, housing,  ") == ["digital-inclusion", "housing"]
    assert parse_tags(["A", "b", "a"]) == ["a", "b"]


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox(1))",
        '[x]("onerror="alert(1))',
        "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
        "<a href='javascript:alert(1)'>x</a>",
        "![x](https://evil.example/x.png)",
    ],
)
def test_markdown_never_lets_script_through(source):
    html = str(render_markdown(source))
    assert active_content(html) == [], html


def test_markdown_keeps_the_useful_parts():
    html = str(render_markdown("**Bold** and [a link](https://intranet.example/x)\n\n- one\n- two"))
    assert "<strong>Bold</strong>" in html
    assert 'href="https://intranet.example/x"' in html
    assert 'rel="nofollow noopener noreferrer"' in html
    assert "<li>one</li>" in html


def test_markdown_headings_stay_below_the_page_headings():
    assert "<h4>" in str(render_markdown("# Big"))
    assert "<h1" not in str(render_markdown("# Big"))


@pytest.mark.parametrize("target", ["/ideas/4", "/ideas/?q=bins&sort=top", "/"])
def test_same_site_paths_are_safe(target):
    assert is_safe_redirect(target)


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "///evil.example",
        "https://evil.example",
        "https:evil.example",
        "\\\\evil.example",
        "/\\evil.example",
        "\\/evil.example",
        "javascript:alert(1)",
        "\x01//evil.example",
        "/\x00/evil.example",
        "",
        None,
        "evil.example",
        " //evil.example",
    ],
)
def test_other_sites_are_not(target):
    assert not is_safe_redirect(target)


def test_the_safety_checker_itself_catches_active_content():
    assert active_content("<p>fine <a href='https://x.example'>x</a></p>") == []
    assert active_content("<script>alert(1)</script>") == ["<script>"]
    assert active_content("<a href=' JavaScript:alert(1)'>x</a>")
    assert active_content("<b onclick='x()'>x</b>") == ["b[onclick]"]


def test_emailed_link_tokens_are_redacted_from_log_lines():
    from ideashub.core.serverlog import redact

    line = 'GET /password/reset/abc.DEF-123_x?next=/ HTTP/1.1" 200 "https://hub/register/finish/tok3n"'
    assert redact(line) == 'GET /password/reset/[redacted]?next=/ HTTP/1.1" 200 "https://hub/register/finish/[redacted]"'
    assert redact("GET /ideas/42 HTTP/1.1") == "GET /ideas/42 HTTP/1.1"
