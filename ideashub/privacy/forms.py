"""Forms of people's rights (shape only)."""

from flask_wtf import FlaskForm

from ideashub.core.fields import optional_text


class RefuseForm(FlaskForm):
    """An admin refuses an erasure request; the reason is shown to the person."""

    reason = optional_text("Why (optional, shown to the person)", 1000)
