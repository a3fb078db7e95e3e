"""Forms for ideas and responses (shape only; the services check the rules)."""

from flask_wtf import FlaskForm
from wtforms import DecimalField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ideashub.ideas import rules
from ideashub.ideas.models import RESPONSE_KIND_LABELS, RESPONSE_KIND_ORDER


class IdeaForm(FlaskForm):
    title = StringField(
        "Title",
        description="Say it in a line, for example: “Let district nurses book handyperson visits”.",
        validators=[
            DataRequired("Give your idea a title."),
            Length(min=rules.TITLE_MIN, max=rules.TITLE_MAX, message=f"Use between {rules.TITLE_MIN} and {rules.TITLE_MAX} characters."),
        ],
    )
    problem = TextAreaField(
        "The problem or opportunity",
        description="What happens now, and who it affects.",
        validators=[DataRequired("Describe the problem or opportunity."), Length(max=rules.TEXT_MAX)],
    )
    proposal = TextAreaField(
        "Your proposal",
        description="What you would do about it. Rough is fine: others will build on it.",
        validators=[DataRequired("Describe what you propose."), Length(max=rules.TEXT_MAX)],
    )
    benefit = TextAreaField(
        "Expected benefit (optional)",
        description="Outcomes for people, time or money saved. A rough figure helps.",
        validators=[Optional(), Length(max=rules.BENEFIT_MAX)],
    )
    tags = StringField(
        "Tags (optional)",
        description="Up to 8, separated by commas, for example: housing, digital inclusion.",
        validators=[Optional(), Length(max=400)],
    )


class ResponseForm(FlaskForm):
    kind = RadioField(
        "What kind of response is this?",
        choices=[SelectChoice(k.value, RESPONSE_KIND_LABELS[k]) for k in RESPONSE_KIND_ORDER],
        default="build",
        validators=[DataRequired("Choose the kind of response.")],
    )
    body = TextAreaField(
        "Your response",
        description="Markdown works: **bold**, lists, links.",
        validators=[DataRequired("Write your response."), Length(max=rules.RESPONSE_MAX)],
    )
    suggestion = TextAreaField(
        "How could it be addressed? (needed for a concern)",
        validators=[Optional(), Length(max=rules.RESPONSE_MAX)],
    )
    hours = DecimalField(
        "Hours a week you could give (for an offer)",
        places=1,
        validators=[Optional(), NumberRange(min=0.5, max=rules.HOURS_MAX, message=f"Between 0.5 and {rules.HOURS_MAX:g} hours.")],
        render_kw={"inputmode": "decimal"},
    )
    parent_id = HiddenField()


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        "Why are you withdrawing it? (optional)",
        validators=[Optional(), Length(max=1000)],
    )
