"""Form fields every feature builds the same way: required or optional text with a length limit.

Forms check the input's shape only; these keep the two commonest shapes (and
their messages) written once.
"""

from __future__ import annotations

from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length, Optional


def required_text(label: str, missing: str, max_length: int, description: str = "", *,
                  field=TextAreaField, **kwargs):
    """A text field that must be filled in (else ``missing``) and holds at most ``max_length`` characters.

    ``field`` is the WTForms class (a text area unless told); other keywords
    (``render_kw``, ...) go to it unchanged.
    """
    return field(label, description=description,
                 validators=[DataRequired(missing), Length(max=max_length)], **kwargs)


def optional_text(label: str, max_length: int, description: str = "", *, field=TextAreaField, **kwargs):
    """A text field that may be left empty and holds at most ``max_length`` characters."""
    return field(label, description=description, validators=[Optional(), Length(max=max_length)], **kwargs)


def chosen_id(value):
    """Coerce for a select of ids whose first option is an empty "Choose ..." (value ""): None until one is chosen.

    HTML wants a required select to start with an empty choice; with plain ``int`` its
    empty value would fail to coerce instead of reading as "nothing chosen yet".
    """
    if value in ("", None):
        return None
    return int(value)
