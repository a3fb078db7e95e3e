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


class ChallengeForm(FlaskForm):
    title = required_text("Title", "Give the challenge a title.", TITLE_MAX, "A short name, for example “Tell us once”.",
                          field=StringField)
    question = required_text("The question", "Ask the question.", QUESTION_MAX,
                             "One question, usually “How might we…?”.", field=StringField)
    background = optional_text("Background", BACKGROUND_MAX,
                               "What is known already, and why it matters now. Markdown works.")
    starts_on = DateField(
        "First day",
        description="A working day. The sprint runs five working days from it, skipping weekends. It may be in the past, to record a sprint held offline.",
        validators=[DataRequired("Give the first day, as a date.")],
    )
    sponsor_id = SelectField("Sponsor (an executive)", coerce=chosen_id, validate_choice=False, validators=[DataRequired("Choose a sponsor.")])
    facilitator_id = SelectField("Facilitator (a moderator)", coerce=chosen_id, validate_choice=False, validators=[DataRequired("Choose a facilitator.")])
    team_ids = SelectMultipleField(
        "Teams invited (optional)",
        description="Leave empty to invite everyone. Hold Ctrl (or Cmd) to choose several.",
        coerce=int,
        validate_choice=False,
        validators=[Optional()],
    )


class BringInForm(FlaskForm):
    idea_id = IntegerField("Idea number", validators=[DataRequired("Give the idea's number."), NumberRange(min=1, max=2**31 - 1)])


class PostForm(FlaskForm):
    kind = RadioField(
        "What is it?",
        choices=[SelectChoice("question", "A question"), SelectChoice("comment", "Something we know")],
        default="question",
        validators=[DataRequired("Choose question or comment.")],
    )
    body = required_text("Your question or comment", "Write something.", POST_MAX)


class UpdateForm(FlaskForm):
    body = required_text("Update", "Write the update.", POST_MAX)


class WriteUpForm(FlaskForm):
    writeup = required_text("Prototype or plan", "Write the prototype or plan.", BACKGROUND_MAX,
                            "What was made or planned, what it showed, what it would take. Markdown works.")


class DecisionForm(FlaskForm):
    outcome = RadioField(
        "Decision",
        choices=[
            SelectChoice("take_forward", "Take it forward (creates a project)"),
            SelectChoice("park", "Park it, with a date to look again"),
            SelectChoice("stop", "Stop it, with what was learned"),
        ],
        validators=[DataRequired("Choose a decision.")],
    )
    reason = required_text("Why", "Say why.", 2000, "Shown on the idea to everyone and sent to its author. At least a sentence.")
    revisit_on = DateField("Date to look again (to park)", validators=[Optional()])
    learned = optional_text("What was learned (to stop)", 2000)
    project_name = optional_text("Project name (to take forward)", 150, "Leave empty to use the idea's title.", field=StringField)
    project_goal = optional_text("Project goal (to take forward)", 2000, "Leave empty to use the challenge's question.")
    lead_id = SelectField("Project lead (to take forward)", coerce=int, validate_choice=False, validators=[Optional()])
