"""Static assets at versioned addresses: cached for a year, never stale, never tied to a visitor.

``static_url`` (in templating) gives every stylesheet, script and image an
address carrying a hash of its content (``?v=``). This module:

- hashes a script together with every script it imports, and serves scripts
  with their ``import ... from "./x.js"`` lines pointing at the imported
  script's own versioned address, so a change anywhere changes the address
  the page loads, and no module of a page is older than the others;
- answers an address whose version is the current one with
  ``Cache-Control: public, max-age=31536000, immutable``, and any other
  (no version, an old one) with ``no-cache``, so a browser asks again rather
  than keep an asset that may have changed;
- saves no session for an asset (see ``AssetAwareSessionInterface``), so an
  asset never varies on the cookie nor sets one, and a shared cache may keep it.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import cache
from pathlib import Path, PurePosixPath

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.security import safe_join

YEAR = "public, max-age=31536000, immutable"
ASK_AGAIN = "no-cache"
# A static import or export-from of a sibling module by relative path: `from "./live.js"`.
_IMPORT = re.compile(r"""(\bfrom\s*)(["'])(\.{1,2}/[\w./-]+\.js)\2""")


def _resolve(filename: str, specifier: str) -> str:
    joined = PurePosixPath(filename).parent / specifier
    parts: list[str] = []
    for part in joined.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


@cache
def _source(folder: str, filename: str) -> bytes | None:
    try:
        return (Path(folder) / filename).read_bytes()
    except OSError:
        return None


def _imports(folder: str, filename: str) -> list[str]:
    if not filename.endswith(".js"):
        return []
    text = (_source(folder, filename) or b"").decode("utf-8", "replace")
    return [_resolve(filename, m.group(3)) for m in _IMPORT.finditer(text)]


@cache
def fingerprint(folder: str, filename: str) -> str:
    """A short hash of the file and (for a script) of every script it imports, however deep."""
    if _source(folder, filename) is None:
        return "0"
    seen, todo, digest = set(), [filename], hashlib.sha256()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(_imports(folder, name))
    for name in sorted(seen):
        digest.update(name.encode() + b"\0" + (_source(folder, name) or b"") + b"\0")
    return digest.hexdigest()[:12]


@cache
def versioned_script(folder: str, filename: str) -> bytes:
    """The script with each relative import pointing at the imported script's versioned address."""
    text = (_source(folder, filename) or b"").decode("utf-8")

    def point(match: re.Match) -> str:
        target = _resolve(filename, match.group(3))
        return f"{match.group(1)}{match.group(2)}{match.group(3)}?v={fingerprint(folder, target)}{match.group(2)}"

    return _IMPORT.sub(point, text).encode("utf-8")


class AssetAwareSessionInterface(SecureCookieSessionInterface):
    """The cookie session, except that a request for a static asset gets none.

    Extensions read the session after every request (Flask-Login looks for its
    remember flag), which makes Flask add ``Vary: Cookie``: every visitor's
    copy of the stylesheet would then be cached apart. Assets are public.
    """

    def save_session(self, app, session, response):
        if request.path.startswith((app.static_url_path or "/static") + "/"):
            return  # neither Vary: Cookie nor Set-Cookie on an asset
        super().save_session(app, session, response)


def register(app: Flask) -> None:
    """Serve static files with the rules above (scripts rewritten, cache headers by version)."""
    app.session_interface = AssetAwareSessionInterface()
    serve = app.view_functions["static"]
    folder = app.static_folder

    def static(filename: str):
        # Only a file inside the static folder, named one way: "../" cannot reach past it, and
        # "js/./hub.js" or a missing name never becomes a new entry in the caches above.
        path = safe_join(folder, filename)
        if path is None or not os.path.isfile(path):
            return serve(filename=filename)  # its own 404
        filename = os.path.relpath(path, folder).replace(os.sep, "/")
        current = fingerprint(folder, filename)
        if filename.endswith(".js") and _imports(folder, filename):
            response = Response(versioned_script(folder, filename), mimetype="text/javascript")
            response.set_etag(current)  # changes with any imported script, not only this file
            response = response.make_conditional(request)
        else:
            response = serve(filename=filename)
        if response.status_code in (200, 304):
            response.headers["Cache-Control"] = YEAR if request.args.get("v") == current else ASK_AGAIN
        return response

    app.view_functions["static"] = static
