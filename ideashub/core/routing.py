"""URL converters shared by every blueprint."""

from __future__ import annotations

from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

# Ids are PostgreSQL ``integer`` columns (SQLite's hold more, but the two must agree).
ID_MAX = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:...>`` in every URL is a row's id, so never more than 2**31 - 1.

    A larger number names nothing: 404, as for any id that names no row,
    instead of reaching PostgreSQL, which refuses it as out of range (a 500).
    It raises NotFound rather than failing to match: werkzeug would then
    answer 405 for a method another rule of the same path allows.
    """

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        if number > ID_MAX:
            raise NotFound()
        return number
