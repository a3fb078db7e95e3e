"""Forms for administration (shape only)."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange

from ideashub.core.fields import optional_text, required_text
from ideashub.people.models import ROLE_LABELS


# The person page holds the three forms below at once: each reason box has its own id,
# so each "Why" label points at its own box.
class RoleForm(FlaskForm):
    role = SelectField("Role", choices=[SelectChoice(k.value, v) for k, v in ROLE_LABELS.items()])
    reason = optional_text("Why (optional, kept in the log)", 1000, id="role-reason")


class TeamForm(FlaskForm):
    team_id = SelectField("Team", coerce=int, validate_choice=False)
    reason = optional_text("Why (optional, kept in the log)", 1000, id="team-reason")


class ActiveForm(FlaskForm):
    # Labelled as kept in the log, so it must be given: an account is never switched off without a word.
    reason = required_text("Why (kept in the log)", "Say why: the reason is kept in the log.", 1000, id="active-reason")
    confirmed = HiddenField()


class NameForm(FlaskForm):
    name = required_text("Name", "Give a name.", 120, field=StringField)


class DomainForm(FlaskForm):
    domain = required_text("Email domain", "Give a domain.", 253, "For example riverside.gov.uk", field=StringField)


class SettingsForm(FlaskForm):
    # At least 1 of each: 0 would let ideas be declined unheard (the service refuses it too).
    hearing_days = IntegerField(
        "Days an idea is heard",
        validators=[InputRequired("Give a number of days, 1 to 365."), NumberRange(min=1, max=365, message="Use a whole number from 1 to 365.")],
    )
    hearing_min_responses = IntegerField(
        "People who must respond (one of them from another team)",
        validators=[InputRequired("Give a number of people, 1 to 100."), NumberRange(min=1, max=100, message="Use a whole number from 1 to 100.")],
    )
    reason = required_text("Why (kept in the moderators' log)", "Say why you are changing the hearing.", 1000)
