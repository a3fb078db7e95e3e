"""Forms for triage, merging, hiding and reporting (shape only)."""

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, NumberRange, Optional

from ideashub.core.fields import optional_text, required_text
from ideashub.hearing.rules import REASON_MAX
from ideashub.ideas.models import BOARD_STAGES, STAGE_LABELS


class MoveForm(FlaskForm):
    stage = SelectField(
        "Move to",
        choices=[SelectChoice("", "Choose a column"), *(SelectChoice(s, STAGE_LABELS[s]) for s in BOARD_STAGES)],
        validators=[DataRequired("Choose a column.")],
    )
    reason = optional_text("Reason (needed to park or decline)", REASON_MAX,
                           "Shown on the idea to everyone, and sent to its author. Say why, in at least a sentence.")
    revisit_on = DateField(
        "Date to look again (needed to park)",
        validators=[Optional()],
        render_kw={"autocomplete": "off"},
    )
    version = HiddenField()


def move_form_for(idea) -> MoveForm:
    """The "Move to" form for an idea's page and card: the other columns, and the version seen."""
    form = MoveForm(formdata=None)
    form.stage.choices = [c for c in form.stage.choices if c.value != idea.stage]
    form.version.data = str(idea.version)
    return form


class MergeForm(FlaskForm):
    into = IntegerField(
        "Merge into idea number",
        description="The idea this one duplicates. Its number is shown on its page, next to its stage.",
        validators=[DataRequired("Give the number of the idea to merge into."), NumberRange(min=1, max=2**31 - 1)],
    )
    version = HiddenField()


class ReasonForm(FlaskForm):
    reason = required_text("Reason", "Say why.", 2000)


class NoteForm(FlaskForm):
    note = optional_text("Note (optional)", 2000)
