"""Forms for challenges (shape only; the services check the rules and the days)."""

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, NumberRange, Optional

from ideashub.challenges.services import BACKGROUND_MAX, POST_MAX, QUESTION_MAX, TITLE_MAX
from ideashub.core.fields import chosen_id, optional_text, required_text
from ideashub.core.i18n import _l


class ChallengeForm(FlaskForm):
    title = required_text(_l("Title"), _l("Give the challenge a title."), TITLE_MAX, _l("A short name, for example “Tell us once”."),
                          field=StringField)
    question = required_text(_l("The question"), _l("Ask the question."), QUESTION_MAX,
                             _l("One question, usually “How might we…?”."), field=StringField)
    background = optional_text(_l("Background"), BACKGROUND_MAX,
                               _l("What is known already, and why it matters now. Markdown works."))
    starts_on = DateField(
        _l("First day"),
        description=_l("A working day. The sprint runs five working days from it, skipping weekends. It may be in the past, to record a sprint held offline."),
        validators=[DataRequired(_l("Give the first day, as a date."))],
    )
    sponsor_id = SelectField(_l("Sponsor (an executive)"), coerce=chosen_id, validate_choice=False, validators=[DataRequired(_l("Choose a sponsor."))])
    facilitator_id = SelectField(_l("Facilitator (a moderator)"), coerce=chosen_id, validate_choice=False, validators=[DataRequired(_l("Choose a facilitator."))])
    team_ids = SelectMultipleField(
        _l("Teams invited (optional)"),
        description=_l("Leave empty to invite everyone. Hold Ctrl (or Cmd) to choose several."),
        coerce=int,
        validate_choice=False,
        validators=[Optional()],
    )


class BringInForm(FlaskForm):
    idea_id = IntegerField(_l("Idea number"), validators=[DataRequired(_l("Give the idea's number.")), NumberRange(min=1, max=2**31 - 1)])


class PostForm(FlaskForm):
    kind = RadioField(
        _l("What is it?"),
        choices=[SelectChoice("question", _l("A question")), SelectChoice("comment", _l("Something we know"))],
        default="question",
        validators=[DataRequired(_l("Choose question or comment."))],
    )
    body = required_text(_l("Your question or comment"), _l("Write something."), POST_MAX)


class UpdateForm(FlaskForm):
    body = required_text(_l("Update"), _l("Write the update."), POST_MAX)


class WriteUpForm(FlaskForm):
    writeup = required_text(_l("Prototype or plan"), _l("Write the prototype or plan."), BACKGROUND_MAX,
                            _l("What was made or planned, what it showed, what it would take. Markdown works."))


class DecisionForm(FlaskForm):
    outcome = RadioField(
        _l("Decision"),
        choices=[
            SelectChoice("take_forward", _l("Take it forward (creates a project)")),
            SelectChoice("park", _l("Park it, with a date to look again")),
            SelectChoice("stop", _l("Stop it, with what was learned")),
        ],
        validators=[DataRequired(_l("Choose a decision."))],
    )
    reason = required_text(_l("Why"), _l("Say why."), 2000, _l("Shown on the idea to everyone and sent to its author. At least a sentence."))
    revisit_on = DateField(_l("Date to look again (to park)"), validators=[Optional()])
    learned = optional_text(_l("What was learned (to stop)"), 2000)
    project_name = optional_text(_l("Project name (to take forward)"), 150, _l("Leave empty to use the idea's title."), field=StringField)
    project_goal = optional_text(_l("Project goal (to take forward)"), 2000, _l("Leave empty to use the challenge's question."))
    lead_id = SelectField(_l("Project lead (to take forward)"), coerce=int, validate_choice=False, validators=[Optional()])
