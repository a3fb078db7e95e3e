"""Forms for triage, merging, hiding and reporting (shape only)."""

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, NumberRange, Optional

from ideashub.core.fields import optional_text, required_text
from ideashub.core.i18n import _l
from ideashub.hearing.rules import REASON_MAX
from ideashub.ideas.models import BOARD_STAGES, STAGE_LABELS


class MoveForm(FlaskForm):
    stage = SelectField(
        _l("Move to"),
        # No column is chosen until the moderator chooses one: a default would move
        # the idea somewhere on a careless click.
        choices=[SelectChoice("", _l("Choose a column")), *(SelectChoice(s, STAGE_LABELS[s]) for s in BOARD_STAGES)],
        validators=[DataRequired(_l("Choose the column to move the idea to."))],
    )
    reason = optional_text(_l("Reason (needed to park or decline)"), REASON_MAX,
                           _l("Shown on the idea to everyone, and sent to its author. Say why, in at least a sentence."))
    revisit_on = DateField(
        _l("Date to look again (needed to park)"),
        validators=[Optional()],
        render_kw={"autocomplete": "off"},
    )
    version = HiddenField()
    # The column a move back was confirmed for (see ``hearing.rules.is_backwards``).
    confirm = HiddenField()

    @property
    def confirmed(self) -> bool:
        return bool(self.stage.data) and self.confirm.data == self.stage.data


def move_form_for(idea) -> MoveForm:
    """The "Move to" form for an idea's page and card: the other columns, and the version seen."""
    form = MoveForm(formdata=None)
    form.stage.choices = [c for c in form.stage.choices if c.value != idea.stage]
    form.version.data = str(idea.version)
    return form


class MergeForm(FlaskForm):
    # Chosen from the similar ideas or a title search on the page (radio buttons named "into");
    # the API and older pages send the idea's number under the same name.
    into = IntegerField(
        _l("Merge into"),
        validators=[DataRequired(_l("Choose the idea to merge into.")), NumberRange(min=1, max=2**31 - 1)],
    )
    version = HiddenField()


class ReasonForm(FlaskForm):
    reason = required_text(_l("Reason"), _l("Say why."), 2000)


class NoteForm(FlaskForm):
    note = optional_text(_l("Note (optional)"), 2000)
