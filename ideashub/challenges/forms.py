"""Forms for challenges (shape only; the services check the rules and the days)."""

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ideashub.challenges.services import BACKGROUND_MAX, POST_MAX, QUESTION_MAX, TITLE_MAX


class ChallengeForm(FlaskForm):
    title = StringField("Title", description="A short name, for example “Tell us once”.", validators=[DataRequired("Give the challenge a title."), Length(max=TITLE_MAX)])
    question = StringField(
        "The question",
        description="One question, usually “How might we…?”.",
        validators=[DataRequired("Ask the question."), Length(max=QUESTION_MAX)],
    )
    background = TextAreaField(
        "Background",
        description="What is known already, and why it matters now. Markdown works.",
        validators=[Optional(), Length(max=BACKGROUND_MAX)],
    )
    starts_on = DateField(
        "First day",
        description="A working day. The sprint runs five working days from it, skipping weekends. It may be in the past, to record a sprint held offline.",
        validators=[DataRequired("Give the first day, as a date.")],
    )
    sponsor_id = SelectField("Sponsor (an executive)", coerce=int, validate_choice=False, validators=[DataRequired("Choose a sponsor.")])
    facilitator_id = SelectField("Facilitator (a moderator)", coerce=int, validate_choice=False, validators=[DataRequired("Choose a facilitator.")])
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
    body = TextAreaField("Your question or comment", validators=[DataRequired("Write something."), Length(max=POST_MAX)])


class UpdateForm(FlaskForm):
    body = TextAreaField("Update", validators=[DataRequired("Write the update."), Length(max=POST_MAX)])


class WriteUpForm(FlaskForm):
    writeup = TextAreaField(
        "Prototype or plan",
        description="What was made or planned, what it showed, what it would take. Markdown works.",
        validators=[DataRequired("Write the prototype or plan."), Length(max=BACKGROUND_MAX)],
    )


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
    reason = TextAreaField("Why", description="Shown on the idea to everyone and sent to its author. At least a sentence.", validators=[DataRequired("Say why."), Length(max=2000)])
    revisit_on = DateField("Date to look again (to park)", validators=[Optional()])
    learned = TextAreaField("What was learned (to stop)", validators=[Optional(), Length(max=2000)])
    project_name = StringField("Project name (to take forward)", description="Leave empty to use the idea's title.", validators=[Optional(), Length(max=150)])
    project_goal = TextAreaField("Project goal (to take forward)", description="Leave empty to use the challenge's question.", validators=[Optional(), Length(max=2000)])
    lead_id = SelectField("Project lead (to take forward)", coerce=int, validate_choice=False, validators=[Optional()])
