"""Form fields every feature builds the same way: required or optional text with a length limit.

Forms check the input's shape only; these keep the two commonest shapes (and
their messages) written once.
"""

from __future__ import annotations

from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ideashub.core.i18n import _l
from ideashub.core.words import number


def required_text(label: str, missing: str, max_length: int, description: str = "", *,
                  field=TextAreaField, **kwargs):
    """A text field that must be filled in (else ``missing``) and holds at most ``max_length`` characters.

    ``field`` is the WTForms class (a text area unless told); other keywords
    (``render_kw``, ...) go to it unchanged.
    """
    return field(label, description=description,
                 validators=[DataRequired(missing), Length(max=max_length, message=too_long(max_length))], **kwargs)


def optional_text(label: str, max_length: int, description: str = "", *, field=TextAreaField, **kwargs):
    """A text field that may be left empty and holds at most ``max_length`` characters."""
    return field(label, description=description, validators=[Optional(), Length(max=max_length, message=too_long(max_length))], **kwargs)


def too_long(max_length: int) -> str:
    """The refusal of text over its limit, in the words of the hint shown under the box."""
    return _l("Use at most %(count)s characters.", count=number(max_length))


def chosen_id(value) -> int | None:
    """``coerce`` for a drop-down of ids that starts with an empty "Choose…" option.

    The empty option stays empty (so ``DataRequired`` answers with the form's own
    message) instead of failing as "not a valid choice"; anything else is an id.
    """
    if value in ("", None):
        return None
    return int(value)


def choose(text: str | None = None):
    """The empty first option of a required drop-down: nothing is chosen for the person."""
    from wtforms.fields.choices import SelectChoice

    return SelectChoice("", _l("Choose…") if text is None else text)
