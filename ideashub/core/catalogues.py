"""The translation catalogues: extract every message, merge, compile, and check.

``python -m ideashub.core.catalogues update`` (``make translations``) reads every message in
the code and templates (babel.cfg), merges them into ``translations/cy`` and
``translations/en`` keeping what translators wrote, fills the English catalogue (its
translation of a message is the message), and compiles each ``.mo``. A message the Welsh
catalogue lacks stays empty there and ``check`` (and the suite) names it.

``translations/incoming/*.po`` are Welsh translations waiting to be merged (work done in
parallel on separate parts of the hub): ``update`` takes any message they translate that
the catalogue has not, then they can be deleted.
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "ideashub" / "translations"
LANGUAGES = ("cy", "en")
# The functions whose string arguments are messages (Babel's defaults and ours).
KEYWORDS = {
    "_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None,
    "lazy_ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3),
    "plural": (2, 3),
}
HEADER = "The ideas hub's words"


def po_path(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"


def extract() -> Catalog:
    """Every message in the hub's code and templates."""
    catalog = Catalog(project="ideas hub", msgid_bugs_address="", copyright_holder="", fuzzy=False)
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def read(path: Path, locale: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=locale)
    with open(path, "rb") as fh:
        return read_po(fh, locale=locale)


def _incoming() -> Catalog:
    merged = Catalog(locale="cy")
    for path in sorted((TRANSLATIONS / "incoming").glob("*.po")):
        for message in read(path, "cy"):
            if message.id and _translated(message) and message.id not in merged:
                merged[message.id] = message
    return merged


def _translated(message) -> bool:
    return _filled(message.string)


def _filled(string) -> bool:
    """A translation with every form written (one string, or a counted message's forms)."""
    return all(string) if isinstance(string, (list, tuple)) else bool(string)


def _key(message):
    return (message.id, message.context)


def update() -> dict[str, int]:
    """Extract, merge and compile; return how many messages each language lacks."""
    template = extract()
    incoming = _incoming()
    missing = {}
    for language in LANGUAGES:
        old = read(po_path(language), language)
        known = {_key(m): m.string for m in old if m.id}
        catalog = Catalog(locale=language, project="ideas hub", fuzzy=False,
                          revision_date=datetime(2026, 1, 1, tzinfo=UTC),
                          creation_date=datetime(2026, 1, 1, tzinfo=UTC),
                          header_comment=f"# {HEADER}: {'Welsh (Cymraeg)' if language == 'cy' else 'English'}.\n"
                          "# See ideashub/translations/GLOSSARY.md for the terms used.")
        for message in template:
            if not message.id:
                continue
            string = known.get(_key(message))
            if language == "en":
                string = message.id if not message.pluralizable else list(message.id)
            elif (not string or not _filled(string)) and message.id in incoming \
                    and incoming[message.id].context == message.context:
                string = incoming[message.id].string
            if message.pluralizable and language == "cy" and isinstance(string, str):
                string = None
            catalog.add(message.id, string or ("" if not message.pluralizable else None),
                        locations=message.locations, auto_comments=message.auto_comments,
                        context=message.context)
        missing[language] = sum(1 for m in catalog if m.id and not _translated(m))
        _write(catalog, language)
    return missing


def _write(catalog: Catalog, language: str) -> None:
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, include_previous=False)
    path.write_bytes(buffer.getvalue())
    with open(path, "rb") as fh:
        compiled = read_po(fh, locale=language)
    mo = io.BytesIO()
    write_mo(mo, compiled)
    path.with_suffix(".mo").write_bytes(mo.getvalue())


def compiled_matches(language: str) -> bool:
    """Whether the committed ``.mo`` is the compiled ``.po`` (nobody forgot ``make translations``)."""
    path = po_path(language)
    with open(path, "rb") as fh:
        catalog = read_po(fh, locale=language)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    return path.with_suffix(".mo").exists() and path.with_suffix(".mo").read_bytes() == mo.getvalue()


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "update":
        missing = update()
        for language, count in missing.items():
            print(f"{language}: {count} message(s) without a translation")
        return 0
    if command == "check":
        template = extract()
        bad = 0
        for language in LANGUAGES:
            catalog = read(po_path(language), language)
            for message in template:
                if not message.id:
                    continue
                found = catalog.get(message.id, message.context)
                if found is None or not _translated(found):
                    bad += 1
                    print(f"{language}: untranslated: {message.id!r}")
        return 1 if bad else 0
    if command == "missing":
        # Messages from the given paths (prefixes) with no Welsh yet, in the catalogue or incoming.
        catalog, incoming = read(po_path("cy"), "cy"), _incoming()
        prefixes = tuple(argv[1:]) or ("",)
        count = 0
        for message in extract():
            if not message.id or not any(loc[0].startswith(prefixes) for loc in message.locations):
                continue
            found = catalog.get(message.id, message.context)
            if (found is None or not _translated(found)) and message.id not in incoming:
                count += 1
                print(f"{message.locations[0][0]}:{message.locations[0][1]}: {message.id!r}")
        print(f"{count} message(s) without Welsh", file=sys.stderr)
        return 1 if count else 0
    if command == "scan":
        problems = scan(argv[1:])
        print("\n".join(problems))
        print(f"{len(problems)} place(s) show words outside the translation functions", file=sys.stderr)
        return 1 if problems else 0
    print(f"unknown command {command!r}: update, check or scan", file=sys.stderr)
    return 2



# --- Finding words shown outside the translation functions ----------------------------------------
# Templates: every Jinja tag and expression is masked out, {% trans %} blocks whole; what is
# left is HTML, and any text node, or alt/title/aria-label/placeholder/content/label/value
# attribute, holding a word of two letters or more is people's text nobody can translate.
# Inside expressions, a string literal passed to anything but a translation function
# counts when it reads as words: a capital letter or a space between letters (endpoint
# names, CSS classes and strftime patterns do not). Python: a string or f-string given
# straight to a call that shows people text (flash, the refusals, form field labels, a JSON
# error, click.echo; see SHOWN) rather than through _, _l, ngettext or plural.
import ast  # noqa: E402
import re  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

from jinja2 import Environment  # noqa: E402

_WORDY = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")
_PEOPLE_ATTRS = {"alt", "title", "aria-label", "placeholder", "label", "aria-description", "data-confirm", "data-label"}
_TRANSLATORS = {"_", "gettext", "ngettext", "_l", "lazy_gettext", "plural", "pgettext", "npgettext"}
_MASK = "\u2063"  # an invisible separator stands for each masked Jinja tag or expression
# Strings inside expressions that are not words: names of endpoints, classes, formats.
_NOT_WORDS = re.compile(r"^[a-z0-9_.\-/:%#?=&*]*$|^[%\-A-Za-z:., ]*%[-A-Za-z]")


_CLASSES = re.compile(r"^[a-z0-9_\-]+( [a-z0-9_\-]+)*$")


def _css_classes() -> set[str]:
    names: set[str] = set()
    for sheet in (ROOT / "static" / "css").glob("*.css"):
        names.update(re.findall(r"\.([a-z][a-z0-9_-]*)", sheet.read_text(encoding="utf-8")))
    return names


_IDENTIFIER = re.compile(r"^[A-Z]{2,6}$|^[A-Za-z]+[A-Z][A-Za-z]*$|^[A-Z][a-z]+(-[A-Z][a-z]+)+$")


def _reads_as_words(value: str) -> bool:
    if not _WORDY.search(value) or _NOT_WORDS.match(value):
        return False
    if _CLASSES.match(value) and ("-" in value or "_" in value or set(value.split()) <= _css_classes()):
        return False  # CSS classes: "button button--secondary", "input select"
    if _IDENTIFIER.match(value):
        return False  # an acronym, a class name or a header: "CSV", "TextAreaField", "List-Unsubscribe"
    return bool(re.search(r"[A-Z]", value) or re.search(r"[A-Za-z]\s+[A-Za-z]", value))


# Elements whose text is code, not prose: scripts, styles and code samples (settings, commands).
_NOT_PROSE = {"script", "style", "code", "kbd", "samp", "pre"}


class _TextFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _NOT_PROSE:
            self._skip += 1
        for name, value in attrs:
            if name in _PEOPLE_ATTRS and value and _WORDY.search(value.replace(_MASK, " ")):
                self.found.append((self.getpos()[0], f'{name}="{value.replace(_MASK, "…")}"'))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in _NOT_PROSE:
            self._skip -= 1

    def handle_endtag(self, tag):
        if tag in _NOT_PROSE:
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        words = _WORDY.findall(data.replace(_MASK, " "))
        if words and all(_IDENTIFIER.match(w) and w.isupper() for w in words):
            return  # acronyms alone ("UTC") read the same in both languages
        if not self._skip and words:
            self.found.append((self.getpos()[0], data.strip().replace(_MASK, "…")))


def template_text_outside(source: str) -> list[tuple[int, str]]:
    """(line, text) of each piece of people's text in a template shown without translation."""
    env = Environment(extensions=["jinja2.ext.i18n", "jinja2.ext.do"], autoescape=True)  # only lexes
    masked: list[str] = []
    found: list[tuple[int, str]] = []
    in_trans = 0
    tokens = list(env.lex(source))
    for index, (lineno, kind, value) in enumerate(tokens):
        before = next((t for t in reversed(tokens[:index]) if t[1] != "whitespace"), None)
        if kind == "name" and before is not None and before[1] == "block_begin":
            if value == "trans":
                in_trans += 1
            elif value == "endtrans":
                in_trans = max(0, in_trans - 1)
        # {% block body_class %}printable{% endblock %}: a block that names CSS classes holds no words.
        names = [t[2] for t in tokens[max(0, index - 6):index] if t[1] == "name"]
        in_class_block = kind == "data" and len(names) >= 2 and names[-2] == "block" and names[-1].endswith("class")
        if kind == "data" and not in_trans and not in_class_block:
            masked.append(value)
        elif kind == "data":
            masked.append(_MASK + "\n" * value.count("\n"))
        else:
            masked.append(_MASK if "\n" not in value else _MASK + "\n" * value.count("\n"))
        if kind == "string" and value[:1] in "'\"" and value[-1:] == value[:1]:
            value = value[1:-1]  # lex() gives a string with its quotes
        if kind == "string" and _reads_as_words(value):
            # A literal counts unless the call it sits in is a translation function.
            depth, j = 0, index - 1
            wrapped = False
            while j >= 0 and tokens[j][1] not in ("variable_begin", "block_begin"):
                tok = tokens[j]
                if tok[1] == "whitespace":
                    j -= 1
                    continue
                if tok[1] == "operator" and tok[2] == ")":
                    depth += 1
                elif tok[1] == "operator" and tok[2] == "(":
                    if depth == 0:
                        name = next((t for t in reversed(tokens[:j]) if t[1] != "whitespace"), None)
                        wrapped = name is not None and name[1] == "name" and name[2] in _TRANSLATORS
                        break
                    depth -= 1
                j -= 1
            if not wrapped and not in_trans:
                found.append((lineno, f"'{value}'"))
    finder = _TextFinder()
    # A tag named by an expression (<{{ heading }}>) is still a tag.
    finder.feed("".join(masked).replace("<" + _MASK, "<x-tag").replace("</" + _MASK, "</x-tag"))
    finder.close()
    return sorted(found + finder.found)


class SHOWN:
    """The calls whose string arguments people read: (positions, keywords) of each."""
    calls = {
        "flash": ((0,), ()),
        "deny": ((0,), ()), "forbid": ((0,), ()),
        "Invalid": ((0,), ("message",)), "Conflict": ((0,), ("message",)), "NotFound": ((0,), ("message",)),
        "Forbidden": ((0,), ("message",)), "Unauthorised": ((0,), ("message",)), "Refused": ((0,), ("message",)),
        "BadFile": ((0,), ()), "BadRequest": ((0,), ()), "BadFilter": ((0,), ()), "BadQuery": ((0,), ()),
        "UnsupportedMediaType": ((0,), ()), "ServiceError": ((0,), ("message",)),
        "ValidationError": ((0,), ("message",)), "StopValidation": ((0,), ("message",)),
        "json_error": ((1,), ("message",)), "get_or_refuse": ((2,), ("message",)),
        "add_nav": ((1,), ()), "add_account_page": ((1,), ()),
        "echo": ((0,), ()), "secho": ((0,), ()),
        "DataRequired": ((0,), ("message",)), "InputRequired": ((0,), ("message",)),
        "Length": ((), ("message",)), "Email": ((0,), ("message",)), "EqualTo": ((), ("message",)),
        "NumberRange": ((), ("message",)), "Optional": ((), ()), "Regexp": ((), ("message",)),
        "URL": ((), ("message",)), "AnyOf": ((), ("message",)),
    }


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _literal(node) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(_WORDY.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and _WORDY.search(str(v.value)) for v in node.values)
    return False


def python_text_outside(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string people read that a Python module shows untranslated."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name is None:
            continue
        if name.endswith("Field") and name[0].isupper():
            positions, keywords = (0,), ("label", "description")
        elif name in SHOWN.calls:
            positions, keywords = SHOWN.calls[name]
        else:
            continue
        args = [node.args[i] for i in positions if i < len(node.args)]
        args += [k.value for k in node.keywords if k.arg in keywords]
        for arg in args:
            if _literal(arg):
                found.append((arg.lineno, ast.unparse(arg)[:80]))
    return found


def scan(paths: list[str] | None = None) -> list[str]:
    """Every place in ``paths`` (default: all templates and modules) that shows words untranslated."""
    targets = [Path(p) for p in paths] if paths else [*sorted((ROOT / "templates").rglob("*.html")),
                                                        *sorted((ROOT / "ideashub").rglob("*.py"))]
    problems = []
    for path in targets:
        files = sorted(path.rglob("*.html")) + sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            source = file.read_text(encoding="utf-8")
            finder = template_text_outside if file.suffix == ".html" else python_text_outside
            for line, text in finder(source):
                problems.append(f"{file.relative_to(ROOT) if file.is_absolute() else file}:{line}: {text}")
    return problems


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
