"""Reading a message: what it is (an idea, a reply, or mail to ignore) and its words.

Pure functions of the message's bytes: no Flask, no database, no clock. Whatever the
bytes are (malformed MIME, an unknown charset, hostile HTML), ``read_message`` answers
with a ``Letter`` or a ``Refusal`` and never raises.
"""

from __future__ import annotations

import contextlib
import email
import re
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from email.utils import getaddresses
from html.parser import HTMLParser

from ideashub.core.i18n import _l

# Why a message was refused or ignored: the code kept, and the words an admin reads.
REASONS = {
    "too_big": _l("larger than MAIL_IN_MAX_BYTES"),
    "malformed": _l("not a readable email"),
    "auto_reply": _l("an automatic reply (out of office, Auto-Submitted)"),
    "bounce": _l("a bounce or delivery report"),
    "loop": _l("the hub's own mail coming back"),
    "no_sender": _l("no sender address"),
    "not_for_us": _l("not addressed to IDEAS_ADDRESS"),
    "unknown_sender": _l("from an address with no account"),
    "inactive_sender": _l("from a deactivated account"),
    "no_team": _l("from a person without a team"),
    "empty": _l("no words to keep"),
    "bad_token": _l("a reply address that is not genuine"),
    "wrong_person": _l("a reply address of another person"),
    "closed_idea": _l("a reply to an idea that is closed or gone"),
    "invalid": _l("text the hub could not accept"),
    "rate_limited": _l("over the sender's limit"),
}

HEADINGS = {
    "problem": ("problem", "the problem", "problem or opportunity", "the problem or opportunity", "opportunity",
                "issue", "the issue"),
    "proposal": ("proposal", "my proposal", "our proposal", "the proposal", "idea", "the idea", "solution",
                 "proposed solution"),
    "benefit": ("benefit", "benefits", "expected benefit", "expected benefits", "the benefit", "outcome",
                "outcomes"),
}
_HEADING = re.compile(r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*([a-z][a-z ]{1,40}?)\s*(?:\*\*|__)?\s*(?::|\s-|$)\s*(.*)$",
                      re.IGNORECASE)

# Where quoted earlier mail begins (the line itself and everything after it is left out).
_QUOTE_STARTS = [
    re.compile(r"^\s*-{2,}\s*(original message|forwarded message)\s*-{2,}\s*$", re.IGNORECASE),
    re.compile(r"^\s*on\b.{0,300}\bwrote:\s*$", re.IGNORECASE),
    re.compile(r"^\s*le\b.{0,300}\ba écrit\s*:\s*$", re.IGNORECASE),
    re.compile(r"^\s*_{10,}\s*$"),
    re.compile(r"^\s*\*?from:\*?\s.+$", re.IGNORECASE),  # an Outlook header block (From:, Sent:, To:)
]
# Where a signature or a disclaimer begins.
_SIGNATURE_STARTS = [
    re.compile(r"^--\s*$"),
    re.compile(r"^\s*(sent from my|get outlook for)\b", re.IGNORECASE),
    re.compile(r"^\s*(kind regards|best regards|regards|many thanks|thanks|best wishes|cheers),?\s*$",
               re.IGNORECASE),
    re.compile(r"^\s*(disclaimer|confidentiality notice|confidential)\b", re.IGNORECASE),
    re.compile(r"^\s*(this|the information in this|the information contained in this)\s+(e-?mail|message|"
               r"communication)\b.{0,80}\b(confidential|intended|privileged)", re.IGNORECASE),
    re.compile(r"^\s*this (e-?mail|message) and any (attachments?|files)\b", re.IGNORECASE),
]
_OUT_OF_OFFICE = re.compile(r"^\s*(auto(matic)?[ -]?(reply|response)|out of (the )?office|autoreply|auto:|"
                            r"abwesenheit|absence)", re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
               "section", "article", "header", "footer", "pre", "blockquote", "dd", "dt"}
_SKIP_TAGS = {"script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg", "math"}
_QUOTED_CLASSES = ("gmail_quote", "moz-cite-prefix", "yahoo_quoted")
_QUOTED_IDS = ("divrplyfwdmsg", "appendonsend")
MAX_ATTACHMENT_NAMES = 20


@dataclass(frozen=True)
class Refusal:
    reason: str

    @property
    def words(self) -> str:
        return str(REASONS.get(self.reason, self.reason))


@dataclass
class Letter:
    """A readable message: who sent it, to whom, and its words (quoted mail and signatures left out)."""

    sender: str
    recipients: list[str]
    subject: str
    text: str
    attachments: list[str] = field(default_factory=list)


@dataclass
class Draft:
    title: str
    problem: str
    proposal: str = ""
    benefit: str = ""


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # a header the parser cannot make sense of
        return ""
    return str(value or "").strip()


def _address(value: str) -> str:
    found = [address for _, address in getaddresses([value]) if "@" in address]
    return found[0].strip().lower() if found else ""


def is_automatic(message: Message, mail_from: str | None) -> str | None:
    """The reason to ignore a message that no person wrote (or that would make a loop), or None."""
    if mail_from is not None and mail_from.strip() in ("", "<>"):
        return "bounce"
    content_type = message.get_content_type() if message is not None else ""
    if content_type == "multipart/report" or _header(message, "Return-Path") == "<>":
        return "bounce"
    sender = _address(_header(message, "From"))
    if sender.split("@")[0] in ("mailer-daemon", "postmaster"):
        return "bounce"
    if _header(message, "X-Hub-Delivery"):
        return "loop"
    auto = _header(message, "Auto-Submitted").lower()
    if auto and auto != "no":
        return "auto_reply"
    if any(_header(message, name) for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Reply")):
        return "auto_reply"
    if _header(message, "Precedence").lower() in ("bulk", "junk", "list", "auto_reply"):
        return "auto_reply"
    if _OUT_OF_OFFICE.match(_header(message, "Subject")):
        return "auto_reply"
    return None


def read_message(raw: bytes, mail_from: str | None = None, recipients: list[str] | None = None,
                 max_bytes: int = 1024 * 1024) -> Letter | Refusal:
    """What a message says, or why it is refused; never raises."""
    if len(raw) > max_bytes:
        return Refusal("too_big")
    try:
        message = email.message_from_bytes(raw, policy=policy.default)
    except Exception:
        return Refusal("malformed")
    try:
        automatic = is_automatic(message, mail_from)
        if automatic:
            return Refusal(automatic)
        sender = _address(_header(message, "From"))
        if not sender:
            return Refusal("no_sender")
        to = [address.lower() for address in (recipients or [])]
        if not to:
            to = [address.lower() for _, address in getaddresses(
                [_header(message, name) for name in ("Delivered-To", "X-Original-To", "To", "Cc")]) if "@" in address]
        text, attachments = _body(message)
        subject = " ".join(_controls_out(_header(message, "Subject")).split())
        return Letter(sender=sender, recipients=to, subject=subject, text=without_quotes(_controls_out(text)),
                      attachments=attachments)
    except Exception:  # anything malformed deep in the MIME tree
        return Refusal("malformed")


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _controls_out(text: str) -> str:
    """Without NUL and the other control characters (and lone surrogates), which no field can store."""
    return _CONTROLS.sub("", text)


def _decoded(part: Message) -> str:
    try:
        content = part.get_content()
        return content if isinstance(content, str) else content.decode("utf-8", "replace")
    except (LookupError, UnicodeError, ValueError, AssertionError, KeyError, TypeError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:
        name = None
    if name is None and part.get_content_disposition() != "attachment":
        return None
    name = " ".join(str(name or "unnamed attachment").split())
    name = re.sub(r"[\x00-\x1f\x7f<>]", "", name)[:120]
    return name or "unnamed attachment"


def _body(message: Message) -> tuple[str, list[str]]:
    """The message's words (plain text preferred, else its HTML as text) and its attachments' names."""
    plain: str | None = None
    html: str | None = None
    attachments: list[str] = []
    parts = list(message.walk()) if message.is_multipart() else [message]
    for part in parts[:200]:
        if part.is_multipart():
            continue
        name = _filename(part)
        if name is not None:
            if len(attachments) < MAX_ATTACHMENT_NAMES:
                attachments.append(name)
            continue
        kind = part.get_content_type()
        if kind == "text/plain" and plain is None:
            plain = _decoded(part)
        elif kind == "text/html" and html is None:
            html = _decoded(part)
        elif not kind.startswith("text/") and len(attachments) < MAX_ATTACHMENT_NAMES:
            attachments.append("unnamed attachment")
    if plain is not None and plain.strip():
        return plain, attachments
    return (html_to_text(html) if html is not None else ""), attachments


class _TextOfHtml(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping: list[str] = []  # tags whose content is left out, innermost last
        self.stopped = False  # quoted earlier mail begins: the rest is left out

    def handle_starttag(self, tag, attrs):
        if self.stopped:
            return
        values = {name: (value or "") for name, value in attrs}
        classes = values.get("class", "").lower()
        if tag in ("blockquote",) or any(c in classes for c in _QUOTED_CLASSES) \
                or values.get("id", "").lower() in _QUOTED_IDS:
            self.stopped = True
            return
        if tag in _SKIP_TAGS:
            self.skipping.append(tag)
            return
        if tag in _BLOCK_TAGS:
            self.out.append("\n")
        if tag == "li":
            self.out.append("- ")

    def handle_startendtag(self, tag, attrs):
        if tag in ("br", "hr") and not self.stopped:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag in _BLOCK_TAGS and not self.stopped:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.stopped and not self.skipping:
            self.out.append(data)


def html_to_text(html: str) -> str:
    """The words of an HTML body as plain text: no markup, no script or style, quoted mail left out."""
    parser = _TextOfHtml()
    with contextlib.suppress(Exception):  # whatever the markup, the words read so far are kept
        parser.feed(html[:2_000_000])
        parser.close()
    lines = [" ".join(line.replace("\xa0", " ").split()) for line in "".join(parser.out).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def without_quotes(text: str) -> str:
    """The writer's own words: quoted earlier mail, signatures and disclaimers left out."""
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if any(pattern.match(line) for pattern in _QUOTE_STARTS) or any(p.match(line) for p in _SIGNATURE_STARTS):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _heading(line: str) -> tuple[str, str] | None:
    found = _HEADING.match(line)
    if found is None:
        return None
    word = " ".join(found.group(1).lower().split())
    for section, names in HEADINGS.items():
        if word in names:
            return section, found.group(2).strip()
    return None


def draft_of(letter: Letter) -> Draft:
    """The idea a letter proposes: its subject the title; its text split under Problem, Proposal and
    Benefit where the writer used those headings, else all of it the problem."""
    title = re.sub(r"^\s*((re|fw|fwd|aw|sv)\s*:\s*)+", "", letter.subject, flags=re.IGNORECASE).strip()
    sections: dict[str, list[str]] = {"problem": [], "proposal": [], "benefit": []}
    current = "problem"
    found_heading = False
    for line in letter.text.split("\n"):
        heading = _heading(line)
        if heading is not None:
            current, rest = heading
            found_heading = True
            if rest:
                sections[current].append(rest)
            continue
        sections[current].append(line)
    texts = {name: "\n".join(lines).strip() for name, lines in sections.items()}
    if not found_heading:
        texts = {"problem": letter.text.strip(), "proposal": "", "benefit": ""}
    return Draft(title=title, **texts)


def reply_token(recipients: list[str], ideas_address: str) -> str | None:
    """The ``r-…`` token of a recipient ``local+r-…@domain`` of the ideas address, if any."""
    local, _, domain = ideas_address.lower().partition("@")
    for address in recipients:
        their_local, _, their_domain = address.lower().strip("<>").partition("@")
        base, plus, tag = their_local.partition("+")
        if their_domain == domain and base == local and plus and tag.startswith("r-"):
            return tag
    return None


def is_for_us(address: str, ideas_address: str) -> bool:
    """Is ``address`` the ideas address, or one of its ``+r-`` reply forms?"""
    local, _, domain = ideas_address.lower().partition("@")
    their_local, _, their_domain = address.lower().strip().strip("<>").partition("@")
    base, plus, tag = their_local.partition("+")
    return bool(local) and their_domain == domain and base == local and (not plus or tag.startswith("r-"))
