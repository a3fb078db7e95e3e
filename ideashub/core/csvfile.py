"""CSV files people open in a spreadsheet: UTF-8 that Excel reads, cells never run as formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from flask import Response, stream_with_context

# The byte-order mark makes Excel read the file as UTF-8.
BOM = "\ufeff"


def safe_cell(value) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def csv_line(values) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([safe_cell(v) for v in values])
    return buffer.getvalue()


def csv_rows(headings: list[str], rows: Iterable) -> Iterator[str]:
    """The heading line (after the byte-order mark), then a line per row."""
    yield BOM + csv_line(headings)
    for row in rows:
        yield csv_line(row)


def csv_download(lines: Iterable[str], filename: str) -> Response:
    """Stream ``lines`` as a CSV file to save as ``filename``."""
    return Response(
        stream_with_context(lines),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
