"""Forms of people's rights (shape only)."""

from flask_wtf import FlaskForm

from ideashub.core.fields import optional_text
from ideashub.core.i18n import _l


class RefuseForm(FlaskForm):
    """An admin refuses an erasure request; the reason is shown to the person."""

    reason = optional_text(_l("Why (optional, shown to the person)"), 1000)
