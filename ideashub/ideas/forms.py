"""Forms for ideas and responses (shape only; the services check the rules)."""

from flask_wtf import FlaskForm
from wtforms import (
    DecimalField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ideashub.core.fields import optional_text, required_text
from ideashub.core.i18n import _l, language
from ideashub.core.words import number
from ideashub.ideas import rules, wellbeing
from ideashub.ideas.models import RESPONSE_KIND_LABELS, RESPONSE_KIND_ORDER

# The languages people write in, each named in itself (as the switch at the top names them).
WRITTEN_IN = [SelectChoice("en", "English"), SelectChoice("cy", "Cymraeg")]


def written_in_field(label):
    """Which language a piece of writing is in; the view fills in the writer's page language."""
    return SelectField(label, choices=WRITTEN_IN, default=language)


class IdeaForm(FlaskForm):
    title = StringField(
        _l("Title"),
        description=_l("Say it in a line, for example: “Let district nurses book handyperson visits”."),
        validators=[
            DataRequired(_l("Give your idea a title.")),
            Length(min=rules.TITLE_MIN, max=rules.TITLE_MAX, message=_l("Use between %(min)s and %(max)s characters.", min=rules.TITLE_MIN, max=rules.TITLE_MAX)),
        ],
    )
    problem = required_text(_l("The problem or opportunity"), _l("Describe the problem or opportunity."), rules.TEXT_MAX,
                            _l("What happens now, and who it affects."))
    proposal = required_text(_l("Your proposal"), _l("Describe what you propose."), rules.TEXT_MAX,
                             _l("What you would do about it. Rough is fine: others will build on it."))
    benefit = optional_text(_l("Expected benefit (optional)"), rules.BENEFIT_MAX,
                            _l("Outcomes for people, time or money saved. A rough figure helps."))
    tags = optional_text(_l("Tags (optional)"), 400,
                         _l("Up to 8, separated by commas, for example: housing, digital inclusion."), field=StringField)
    language = written_in_field(_l("Your idea is written in"))
    # The Well-being of Future Generations Act's goals and ways of working: drawn (and saved)
    # only when WELLBEING_GOALS is on (templates/ideas/_wellbeing_fields.html); unknown codes are refused.
    goals = SelectMultipleField(
        _l("Well-being goals (optional)"),
        description=_l("Which of the seven well-being goals would this idea help Wales meet?"),
        choices=[SelectChoice(code, label) for code, label in wellbeing.GOALS.items()],
        validate_choice=True,
    )
    ways = SelectMultipleField(
        _l("Ways of working (optional)"),
        description=_l("Which of the five ways of working does this idea follow?"),
        choices=[SelectChoice(code, label) for code, label in wellbeing.WAYS.items()],
        validate_choice=True,
    )


# Made before the fields of ResponseEditForm, so the kind comes first on the form and in its
# error summary (WTForms orders fields by when they were made, not by class).
_KIND = RadioField(
    _l("What kind of response is this?"),
    choices=[SelectChoice(k.value, RESPONSE_KIND_LABELS[k]) for k in RESPONSE_KIND_ORDER],
    default="build",
    validators=[DataRequired(_l("Choose the kind of response."))],
)


class ResponseEditForm(FlaskForm):
    """A response's words, changed by its author (its kind and thread stay)."""

    body = required_text(_l("Your response"), _l("Write your response."), rules.RESPONSE_MAX,
                         _l("Markdown works: **bold**, lists, links. To mention someone, type @ and their full name "
                            "or email address."))
    suggestion = optional_text(_l("How could it be addressed? (needed for a concern)"), rules.RESPONSE_MAX)
    hours = DecimalField(
        _l("Hours a week you could give (for an offer)"),
        places=1,
        validators=[Optional(), NumberRange(min=0.5, max=rules.HOURS_MAX, message=_l("Between 0.5 and %(max)s hours.", max=number(rules.HOURS_MAX)))],
        render_kw={"inputmode": "decimal"},
    )


class ResponseForm(ResponseEditForm):
    """A new response: its kind, its words, and the response it replies to (if any)."""

    kind = _KIND
    parent_id = HiddenField()
    language = written_in_field(_l("Your response is written in"))


class WithdrawForm(FlaskForm):
    reason = optional_text(_l("Why are you withdrawing it? (optional)"), 1000)
