"""Reading a Trello board export and a CSV file of ideas: pure functions, no database, no clock.

Everything a file says is checked here before anything is stored: a file that is not what
it claims, is cut short or is built to hurt (huge, deeply nested) is refused with one
message naming the problem (``BadFile``), and the service never sees it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ideashub.core.i18n import _, _l
from ideashub.core.text import clean_line, clean_text, parse_tags
from ideashub.core.words import number
from ideashub.ideas.models import BOARD_STAGES, STAGE_LABELS, Stage
from ideashub.ideas.rules import RESPONSE_MAX, TEXT_MAX, TITLE_MAX, TITLE_MIN, idea_errors

# A Trello export of 20,000 cards is about 50 MB; a page upload may be a little larger.
MAX_BYTES = 64 * 1024 * 1024
CSV_MAX_BYTES = 16 * 1024 * 1024
CSV_MAX_ROWS = 50_000
ID_MAX = 100  # longest outside id kept (Trello's are 24 hex digits)
NAME_MAX = 100


class BadFile(ValueError):
    """The file cannot be imported; the message says why, in words for the person importing."""


# --- Lists to stages ---------------------------------------------------------------------------

_STAGE_WORDS = [
    (Stage.DELIVERED, ("done", "delivered", "complete", "completed", "shipped", "finished")),
    (Stage.PARKED, ("parked", "on hold", "on-hold", "hold", "someday", "later")),
    (Stage.IN_PROJECT, ("doing", "in progress", "in-progress", "wip", "underway", "working on")),
    (Stage.SHORTLISTED, ("shortlist", "shortlisted", "next", "up next", "to do", "todo")),
    (Stage.NOT_TAKEN_FORWARD, ("rejected", "declined", "won't do", "wont do", "not doing")),
]
# The stages a list may be mapped to (merged is an outcome, never a place to put ideas).
IMPORT_STAGES = list(BOARD_STAGES)


def suggest_stage(list_name: str) -> Stage:
    """The stage a Trello list's cards most likely belong in, from the list's name.

    Done or Delivered suggests Delivered, Parked or On hold Parked, Doing or In progress
    In a project; anything else the first stage (Being heard).
    """
    name = " " + re.sub(r"[^a-z' -]+", " ", (list_name or "").casefold()) + " "
    name = re.sub(r"\s+", " ", name)
    for stage, words in _STAGE_WORDS:
        if any(f" {word} " in name for word in words):
            return stage
    return BOARD_STAGES[0]


def stage_label(stage: str) -> str:
    return STAGE_LABELS[Stage(stage)]


# --- Parsing safely ------------------------------------------------------------------------------


def read_json(raw: bytes, limit: int = MAX_BYTES):
    """The JSON document in ``raw``, or BadFile: too large, not UTF-8, cut short, or nested too deep."""
    if len(raw) > limit:
        size = round(len(raw) / 1024 / 1024)
        raise BadFile(_("The file is %(size)s MB; the largest that can be imported is %(limit)s MB.",
                        size=size, limit=limit // 1024 // 1024))
    if not raw.strip():
        raise BadFile(_("The file is empty."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadFile(_("The file is not text in UTF-8 (a byte at position %(position)s is not).",
                        position=error.start)) from None
    try:
        return json.loads(text)
    except RecursionError:
        raise BadFile(_("The file nests its data too deeply to be a Trello export.")) from None
    except json.JSONDecodeError as error:
        # Cut short: the parser ran off the end, or a string it was reading never ended.
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise BadFile(_("The file ends too early: it looks cut short. Export the board again.")) from None
        raise BadFile(_("The file is not valid JSON (line %(line)s, column %(column)s: %(detail)s).",
                        line=error.lineno, column=error.colno, detail=error.msg)) from None


def trello_time(value) -> datetime | None:
    """A Trello timestamp ("2016-12-08T18:17:22.099Z") as an aware UTC datetime, or None."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def time_from_id(trello_id: str) -> datetime | None:
    """When a Trello object was made: its id begins with the Unix time in 8 hex digits."""
    try:
        return datetime.fromtimestamp(int(trello_id[:8], 16), UTC)
    except (ValueError, TypeError, OverflowError, OSError):
        return None


# --- The board -------------------------------------------------------------------------------------


@dataclass
class TrelloList:
    id: str
    name: str
    closed: bool


@dataclass
class TrelloMember:
    id: str
    full_name: str
    username: str
    email: str | None


@dataclass
class TrelloCard:
    id: str
    name: str
    desc: str
    list_id: str
    closed: bool
    url: str
    label_names: list[str]
    voters: list[str]
    member_ids: list[str]
    last_activity: datetime | None
    attachments: list[tuple[str, str]]  # (name, url)


@dataclass
class TrelloComment:
    id: str
    card_id: str
    member_id: str | None
    text: str
    at: datetime


@dataclass
class Board:
    id: str
    name: str
    lists: list[TrelloList]
    members: dict[str, TrelloMember]
    cards: list[TrelloCard]
    comments: list[TrelloComment]
    created: dict[str, tuple[str | None, datetime]] = field(default_factory=dict)  # card id -> (creator, when)
    votes_at: dict[tuple[str, str], datetime] = field(default_factory=dict)  # (card, member) -> when
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, why)
    owner: str | None = None  # the member credited with cards whose maker is unknown


def _text(value, what: str, limit: int | None = None, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise BadFile(_("%(what)s should be text, but the file has %(kind)s there.", what=what, kind=type(value).__name__))
    if limit is not None and len(value) > limit:
        raise BadFile(_("%(what)s is %(length)s characters long; at most %(limit)s are expected.",
                        what=what, length=number(len(value)), limit=number(limit)))
    return value


_ID = re.compile(r"^[\x21-\x7e]+$")  # Trello's ids are hex; printable ASCII is all an id may be
_EMAIL = re.compile(r"^[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]+$")


def is_email(text: str) -> bool:
    """An address the import can keep (no spaces or control characters); full checks come at sign-up."""
    return len(text) <= 254 and bool(_EMAIL.match(text))


def _id(value, what: str) -> str:
    text = _text(value, what, ID_MAX, required=True)
    if not text:
        raise BadFile(_("%(what)s is empty.", what=what))
    if not _ID.match(text):
        raise BadFile(_("%(what)s is not an id as Trello writes them.", what=what))
    return text


def _ids(value, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadFile(_("%(what)s should be a list.", what=what))
    return [_id(v, what) for v in value]


def _records(doc: dict, key: str) -> list[dict]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise BadFile(_("The board's “%(key)s” should be a list of records.", key=key))
    return value


def parse_board(doc) -> Board:
    """A Trello board export (the JSON of *Export as JSON*) as plain records, or BadFile naming the problem."""
    if not isinstance(doc, dict) or not isinstance(doc.get("cards"), list) or not isinstance(doc.get("lists"), list):
        raise BadFile(_("This is not a Trello board export: it has no lists and cards. In Trello, open the board's "
                        "menu, then Print, export and share, then Export as JSON."))
    board_id = _id(doc.get("id"), _("The board's id"))
    name = clean_line(_text(doc.get("name"), _("The board's name"), 16_384)) or "Trello board"
    lists = []
    for n, item in enumerate(_records(doc, "lists"), 1):
        lists.append(TrelloList(_id(item.get("id"), _("List %(number)s's id", number=n)),
                                clean_line(_text(item.get("name"), _("List %(number)s's name", number=n), 16_384))[:NAME_MAX]
                                or _("List %(number)s", number=n),
                                bool(item.get("closed"))))
    members = {}
    for n, item in enumerate(_records(doc, "members"), 1):
        member_id = _id(item.get("id"), _("Member %(number)s's id", number=n))
        email = clean_line(_text(item.get("email"), _("Member %(number)s's email", number=n), 254)).casefold()
        email = email if is_email(email) else None
        members[member_id] = TrelloMember(
            member_id, clean_line(_text(item.get("fullName"), _("Member %(number)s's name", number=n), 16_384))[:NAME_MAX],
            clean_line(_text(item.get("username"), _("Member %(number)s's username", number=n), 16_384))[:NAME_MAX], email)
    labels = {}
    for n, item in enumerate(_records(doc, "labels"), 1):
        labels[_id(item.get("id"), _("Label %(number)s's id", number=n))] = _text(
            item.get("name"), _("Label %(number)s's name", number=n), 16_384)
    board = Board(board_id, name[:NAME_MAX], lists, members, [], [])
    # Cards whose maker the file does not say (Trello exports only the latest 1,000 actions) are
    # credited to the board's first admin, else its first member.
    admins = [m.get("idMember") for m in _records(doc, "memberships") if m.get("memberType") == "admin"]
    board.owner = next((m for m in admins if isinstance(m, str) and m in members), next(iter(members), None))
    list_ids = {item.id for item in lists}
    board.cards = [_card(item, n, labels, list_ids) for n, item in enumerate(_records(doc, "cards"), 1)]
    if len({card.id for card in board.cards}) != len(board.cards):
        raise BadFile(_("Two cards in the file share one id: this is not a board as Trello exports it."))
    _read_actions(doc, board)
    return board


def _card(item: dict, n: int, labels: dict[str, str], list_ids: set[str]) -> TrelloCard:
    card_id = _id(item.get("id"), _("Card %(number)s's id", number=n))
    what = _("Card %(number)s (“%(name)s”)", number=n, name=clean_line(str(item.get("name"))[:200])[:40])
    list_id = _id(item.get("idList"), _("%(what)s: its list", what=what))
    if list_id not in list_ids:
        raise BadFile(_("%(what)s is in a list the file does not have.", what=what))
    label_names = [labels.get(i, "") for i in _ids(item.get("idLabels"), _("%(what)s: its labels", what=what))]
    if not item.get("idLabels") and isinstance(item.get("labels"), list):  # older exports: labels inline
        label_names = [_text(lab.get("name"), _("%(what)s: a label", what=what), 16_384) for lab in item["labels"] if isinstance(lab, dict)]
    attachments = []
    for attachment in item.get("attachments") or []:
        if not isinstance(attachment, dict):
            raise BadFile(_("%(what)s: its attachments should be records.", what=what))
        url = _text(attachment.get("url"), _("%(what)s: an attachment's address", what=what), 2_000)
        if url:
            attachments.append((clean_line(_text(attachment.get("name"), _("%(what)s: an attachment's name", what=what), 16_384))[:200], url))
    return TrelloCard(
        id=card_id, name=_text(item.get("name"), _("%(what)s: its name", what=what), 16_384, required=True),
        desc=_text(item.get("desc"), _("%(what)s: its description", what=what), 1_000_000), list_id=list_id,
        closed=bool(item.get("closed")), url=_text(item.get("url") or item.get("shortUrl"), _("%(what)s: its address", what=what), 2_000),
        label_names=[n for n in label_names if n], voters=_ids(item.get("idMembersVoted"), _("%(what)s: its votes", what=what)),
        member_ids=_ids(item.get("idMembers"), _("%(what)s: its members", what=what)),
        last_activity=trello_time(item.get("dateLastActivity")), attachments=attachments,
    )


def _read_actions(doc: dict, board: Board) -> None:
    """Comments, who made each card and when, and when each vote was cast, from the board's actions."""
    card_ids = {card.id for card in board.cards}
    seen_comments: set[str] = set()
    for n, action in enumerate(_records(doc, "actions"), 1):
        kind = action.get("type")
        data = action.get("data") if isinstance(action.get("data"), dict) else {}
        card = data.get("card") if isinstance(data.get("card"), dict) else {}
        card_id = card.get("id")
        if kind not in ("commentCard", "createCard", "voteOnCard") or not isinstance(card_id, str) or card_id not in card_ids:
            continue
        at = trello_time(action.get("date"))
        if at is None:
            raise BadFile(_("Action %(number)s (%(kind)s) has no date the import can read.", number=n, kind=kind))
        creator = action.get("idMemberCreator")
        creator = creator if isinstance(creator, str) and len(creator) <= ID_MAX else None
        if kind == "commentCard":
            comment_id = _id(action.get("id"), _("Action %(number)s's id", number=n))
            if comment_id not in seen_comments:
                seen_comments.add(comment_id)
                text = _text(data.get("text"), _("Comment %(id)s", id=comment_id), 1_000_000)
                board.comments.append(TrelloComment(comment_id, card_id, creator, text, at))
        elif kind == "createCard":
            board.created[card_id] = (creator, at)
        elif creator and data.get("voted", True):
            board.votes_at[(card_id, creator)] = at
    board.comments.sort(key=lambda c: (c.at, c.id))


def card_dates(card: TrelloCard, board: Board) -> tuple[datetime, datetime]:
    """When a card was made (its createCard action, else its id's time) and last active."""
    made = board.created.get(card.id, (None, None))[1] or time_from_id(card.id) or card.last_activity
    if made is None:
        raise BadFile(_("The card “%(name)s” has no date the import can read.", name=clean_line(card.name)[:40]))
    last = card.last_activity if card.last_activity and card.last_activity >= made else made
    return made, last


# --- An idea's text ------------------------------------------------------------------------------------

SHORTENED = "\n\n(Shortened on import: the original was longer.)"


def _fit(text: str, limit: int) -> tuple[str, bool]:
    if len(text) <= limit:
        return text, False
    return text[: limit - len(SHORTENED)].rstrip() + SHORTENED, True


def idea_title(name: str) -> tuple[str, bool]:
    """A card's name as an idea's title: one line, long enough, short enough (True when changed)."""
    title = clean_line(name)
    changed = False
    if len(title) > TITLE_MAX:
        title, changed = title[: TITLE_MAX - 1].rstrip() + "…", True
    if len(title) < TITLE_MIN:
        title, changed = (title + " (Trello card)").strip(), True
    return title, changed


def is_web_link(url: str) -> bool:
    # Printable ASCII only (an address with anything else is percent-encoded by a browser anyway).
    return bool(re.match(r"^https?://[\x21-\x7e]+$", url or "", re.IGNORECASE)) and not set("<>\"'`") & set(url)


def idea_text(card: TrelloCard, list_name: str, board_name: str) -> tuple[str, str, bool]:
    """The problem and proposal of the idea a card becomes, and whether anything was shortened.

    A description of several paragraphs gives its first as the problem and the rest as
    the proposal; a short one is the problem, and the proposal points back to the card.
    Attachments are kept as links under the proposal (web addresses only).
    """
    desc = clean_text(card.desc)
    parts = re.split(r"\n\s*\n", desc, maxsplit=1) if desc else []
    if len(parts) == 2 and parts[1].strip():
        problem, proposal = parts[0].strip(), parts[1].strip()
    else:
        problem = desc or f"Brought over from the list “{list_name}” of the Trello board “{board_name}”."
        proposal = "As described on the Trello card" + (f": {card.url}" if is_web_link(card.url) else ".")
    links = [(name or url, url) for name, url in card.attachments if is_web_link(url)]
    if links:
        proposal += "\n\nAttachments on the Trello card:\n" + "\n".join(
            f"- [{name.replace('[', '(').replace(']', ')')}]({url})" for name, url in links)
    problem, cut1 = _fit(problem, TEXT_MAX)
    proposal, cut2 = _fit(proposal, TEXT_MAX)
    return problem, proposal, cut1 or cut2


def tag_names(labels: list[str]) -> list[str]:
    """Trello labels as the hub's tags (normalised, each at most 40 characters, at most 8)."""
    return [t[:40].strip("-") for t in parse_tags(labels, limit=8) if t[:40].strip("-")]


def comment_body(text: str) -> tuple[str, bool]:
    body = clean_text(text)
    return _fit(body, RESPONSE_MAX)


def decision_reason(stage: str, list_name: str, archived: bool) -> str | None:
    """Why an imported idea is parked or not taken forward (a closing stage needs a reason)."""
    if stage not in (Stage.PARKED, Stage.NOT_TAKEN_FORWARD):
        return None
    if archived:
        return "Archived on the Trello board before the move to the hub."
    return f"In the list “{list_name}” on the Trello board before the move to the hub."


# --- CSV ---------------------------------------------------------------------------------------------------

# The hub's fields a CSV column can fill, in the template's order; the first three are required.
CSV_FIELDS = {
    "title": "Title",
    "problem": "Problem",
    "proposal": "Proposal",
    "benefit": "Expected benefit",
    "tags": "Tags",
    "author_email": "Author's email",
    "author_name": "Author's name",
    "stage": "Stage",
    "created_at": "Posted on",
    "external_id": "Id in the old system",
}
# How each field reads on the pages (CSV_FIELDS stays English: the template's headings and what is matched).
CSV_FIELD_LABELS = {
    "title": _l("Title"), "problem": _l("Problem"), "proposal": _l("Proposal"), "benefit": _l("Expected benefit"),
    "tags": _l("Tags"), "author_email": _l("Author's email"), "author_name": _l("Author's name"), "stage": _l("Stage"),
    "created_at": _l("Posted on"), "external_id": _l("Id in the old system"),
}
CSV_REQUIRED = ("title", "problem", "proposal", "author_email")
CSV_TEMPLATE_EXAMPLE = [
    "Text residents before a repair visit", "Residents miss repair visits because they forget the date.",
    "Send a text the day before each visit, with a link to move it.", "Fewer missed visits.",
    "housing, digital", "sam.jones@example.org", "Sam Jones", "Being heard", "2025-03-14", "OLD-101",
]


@dataclass
class CsvFile:
    headings: list[str]
    rows: list[list[str]]


def read_csv(raw: bytes, limit: int = CSV_MAX_BYTES) -> CsvFile:
    """A CSV file's headings and rows, or BadFile (too large, not UTF-8, no headings, too many rows)."""
    if len(raw) > limit:
        size = round(len(raw) / 1024 / 1024)
        raise BadFile(_("The file is %(size)s MB; the largest CSV file that can be imported is %(limit)s MB.",
                        size=size, limit=limit // 1024 // 1024))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadFile(_("The file is not text in UTF-8 (a byte at position %(position)s is not). Save it as "
                        "“CSV UTF-8” and try again.", position=error.start)) from None
    if "\x00" in text:
        raise BadFile(_("The file is not a CSV file (it holds binary data)."))
    csv.field_size_limit(1_000_000)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise BadFile(_("The file is not a CSV file the import can read (%(detail)s).", detail=error)) from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise BadFile(_("The file is empty: it needs a row of headings, then one row per idea."))
    if len(rows) - 1 > CSV_MAX_ROWS:
        raise BadFile(_("The file has %(rows)s rows; at most %(limit)s can be imported at once.",
                        rows=number(len(rows) - 1), limit=number(CSV_MAX_ROWS)))
    headings = [clean_line(h)[:100] for h in rows[0]]
    if len(rows) == 1:
        raise BadFile(_("The file has headings but no ideas."))
    return CsvFile(headings, rows[1:])


def _key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.casefold())


def suggest_columns(headings: list[str]) -> dict[str, int | None]:
    """For each of the hub's fields, the column whose heading matches it (by key or label), or None."""
    keys = [_key(h) for h in headings]
    found = {}
    for name, label in CSV_FIELDS.items():
        wanted = {_key(name), _key(label)}
        found[name] = next((i for i, k in enumerate(keys) if k in wanted), None)
    return found


def check_mapping(mapping: dict[str, int | None], headings: list[str]) -> dict[str, str]:
    """What is wrong with a column mapping (field -> message), empty when it is fine."""
    errors = {}
    for name in CSV_REQUIRED:
        if mapping.get(name) is None:
            shown = ", ".join(f"“{h}”" for h in headings[:20])
            field_name = str(CSV_FIELD_LABELS[name]).lower()
            errors[name] = (_("Choose the column that holds the %(field)s: the CSV file's headings are %(headings)s.",
                              field=field_name, headings=shown) if shown else
                            _("Choose the column that holds the %(field)s: the CSV file's headings are missing.",
                              field=field_name))
    for name, index in mapping.items():
        if index is not None and not 0 <= index < len(headings):
            errors[name] = _("Choose one of the file's columns.")
    return errors


STAGE_BY_WORD = {**{_key(label): stage for stage, label in STAGE_LABELS.items()}, **{_key(s.value): s for s in Stage}}


@dataclass
class CsvIdea:
    row: int  # as a spreadsheet numbers it (headings are row 1)
    title: str
    problem: str
    proposal: str
    benefit: str
    tags: list[str]
    author_email: str
    author_name: str
    stage: str
    created_at: datetime | None
    external_id: str


def csv_ideas(file: CsvFile, mapping: dict[str, int | None]) -> tuple[list[CsvIdea], list[str]]:
    """The ideas of a CSV file under a column mapping, and every problem naming its row and column."""
    ideas, problems = [], []
    for n, row in enumerate(file.rows, 2):
        def cell(name: str, row=row) -> str:
            index = mapping.get(name)
            return row[index] if index is not None and index < len(row) else ""

        def problem(name: str, message: str, n=n) -> None:
            index = mapping.get(name)
            column = (_("column “%(heading)s”", heading=file.headings[index]) if index is not None
                      else str(CSV_FIELD_LABELS.get(name, name)))
            problems.append(_("Row %(row)s, %(column)s: %(problem)s", row=n, column=column, problem=message))

        title, text_problem, proposal = clean_line(cell("title")), clean_text(cell("problem")), clean_text(cell("proposal"))
        benefit, tags = clean_text(cell("benefit")), parse_tags(cell("tags"), limit=0)
        for name, message in idea_errors(title, text_problem, proposal, benefit, tags).items():
            problem(name, message)
        email = clean_line(cell("author_email")).casefold()
        if not is_email(email):
            problem("author_email", _("Give the author's email address.") if not email
                    else _("“%(email)s” is not an email address.", email=email[:60]))
        stage_text = clean_line(cell("stage"))
        stage = STAGE_BY_WORD.get(_key(stage_text)) if stage_text else BOARD_STAGES[0]
        if stage is None or stage == Stage.MERGED:
            problem("stage", _("“%(text)s” is not a stage; use one of %(stages)s.", text=stage_text[:40],
                               stages=", ".join(str(STAGE_LABELS[s]) for s in BOARD_STAGES)))
        created_text = clean_line(cell("created_at"))
        created = None
        if created_text:
            try:
                created = datetime.fromisoformat(created_text.replace("Z", "+00:00"))
                created = created.astimezone(UTC) if created.tzinfo else created.replace(tzinfo=UTC)
            except ValueError:
                problem("created_at", _("“%(text)s” is not a date like %(example)s.", text=created_text[:40], example="2025-03-14"))
        external = clean_line(cell("external_id"))[:ID_MAX]
        ideas.append(CsvIdea(n, title, text_problem, proposal, benefit, tags, email,
                             clean_line(cell("author_name"))[:NAME_MAX], stage or BOARD_STAGES[0], created, external))
    return ideas, problems
