"""What a page's markup promises its controls: unique ids, labels that point at controls,
required choices that start empty, limits told before they bite, date boxes wide enough.

``problems(html)`` lists every broken promise of one page, in words a reviewer reads.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

CONTROLS = {"input", "select", "textarea", "button", "meter", "output", "progress"}
# Inputs that take no typed text, so a length limit means nothing to them.
NOT_TYPED = {"hidden", "checkbox", "radio", "submit", "button", "file", "date", "number", "color", "range", "reset", "image"}
# Boxes whose limit no real value reaches, so telling it would be noise.
UNTOLD_TYPES = {"email", "password", "search"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.control_ids: set[str] = set()
        self.label_fors: list[str] = []
        self.limited: list[dict] = []  # typed controls with a maxlength
        self.text_by_id: dict[str, list[str]] = {}
        self.dates: list[dict] = []
        self.selects: list[dict] = []  # {"attrs", "first": first option's value or None}
        self._open_text: list[tuple[str, str]] = []  # (tag, id) of elements collecting their text
        self._select: dict | None = None
        self._in_search_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
            if tag in CONTROLS:
                self.control_ids.add(a["id"])
            self.text_by_id.setdefault(a["id"], [])
            if tag not in {"input", "img", "br", "hr", "meta", "link"}:
                self._open_text.append((tag, a["id"]))
        if tag == "label" and a.get("for"):
            self.label_fors.append(a["for"])
        if tag == "form":
            self._in_search_form = a.get("role") == "search"
        kind = (a.get("type") or "text").lower()
        typed = tag == "textarea" or kind not in NOT_TYPED | UNTOLD_TYPES
        if tag in {"input", "textarea"} and "maxlength" in a and typed and not self._in_search_form:
            self.limited.append(a)
        if tag == "input" and kind == "date":
            self.dates.append(a)
        if tag == "select":
            self._select = {"attrs": a, "first": None}
            self.selects.append(self._select)
        if tag == "option" and self._select is not None and self._select["first"] is None:
            self._select["first"] = a.get("value", "\0no value")

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_search_form = False
        if tag == "select":
            self._select = None
        for index in range(len(self._open_text) - 1, -1, -1):
            if self._open_text[index][0] == tag:
                del self._open_text[index]
                break

    def handle_data(self, data):
        for _, ident in self._open_text:
            self.text_by_id[ident].append(data)


def _described(page: _Page, control: dict) -> str:
    return " ".join("".join(page.text_by_id.get(ident, [])) for ident in (control.get("aria-describedby") or "").split())


def problems(html: str) -> list[str]:
    """Every broken promise of the page's markup (empty when it keeps them all)."""
    page = _Page()
    page.feed(html)
    found = [f"the id {ident!r} is used {n} times" for ident, n in Counter(page.ids).items() if n > 1]
    found += [f"a label points at {ident!r}, which is no control" for ident in page.label_fors if ident not in page.control_ids]
    for control in page.limited:
        limit = int(control["maxlength"])
        told = f"{limit:,}"
        if told not in _described(page, control).replace("\xa0", " "):
            found.append(f"the box {control.get('id') or control.get('name')!r} stops at {limit} characters without saying so")
    for select in page.selects:
        attrs = select["attrs"]
        if "required" in attrs and select["first"] != "":
            found.append(f"the required choice {attrs.get('id')!r} does not start empty")
    for date in page.dates:
        if "input--date" not in (date.get("class") or "").split():
            found.append(f"the date box {date.get('id')!r} is not drawn wide enough for its year")
    return found
