"""gzip for the answers that are worth compressing and safe to compress.

Stylesheets, scripts, SVG, JSON from the API and CSV exports are gzipped
when the client accepts it. HTML pages are not: each carries the visitor's
CSRF token beside text a visitor can make the page repeat (a search, a
filter), the combination the BREACH attack reads secrets out of through
compression. The API authenticates with bearer tokens, not cookies, so a
cross-site page cannot make it answer for someone else; exports and assets
hold no secret. A proxy in front should follow the same rule.
"""

from __future__ import annotations

import gzip

from flask import Flask, request

COMPRESSIBLE = {
    "text/css",
    "text/javascript",
    "application/javascript",
    "image/svg+xml",
    "application/json",
    "text/csv",
    "text/plain",
}
MIN_SIZE = 512  # smaller answers gain less than the header costs


def gzip_response(response):
    if response.mimetype not in COMPRESSIBLE or "Content-Encoding" in response.headers:
        return response
    response.vary.add("Accept-Encoding")
    if (
        response.status_code != 200
        or request.method == "HEAD"
        or not request.accept_encodings["gzip"]
        or (response.is_streamed and not response.direct_passthrough)  # a generator: leave it streaming
    ):
        return response
    response.direct_passthrough = False  # a static file: read it (they are small) to compress it
    data = response.get_data()
    if len(data) < MIN_SIZE:
        return response
    response.set_data(gzip.compress(data, compresslevel=6, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    etag, weak = response.get_etag()
    if etag:  # a different body needs a different validator
        response.set_etag(f"{etag}-gzip", weak)
    return response


def register(app: Flask) -> None:
    app.after_request(gzip_response)
