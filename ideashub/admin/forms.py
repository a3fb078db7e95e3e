"""Forms for administration (shape only)."""

from flask_wtf import FlaskForm
from markupsafe import escape
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange

from ideashub.core.fields import optional_text, required_text
from ideashub.core.i18n import _l
from ideashub.people.models import ROLE_LABELS


# The person page holds the three forms below at once: each reason box has its own id,
# so each "Why" label points at its own box.
class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=[SelectChoice(k.value, v) for k, v in ROLE_LABELS.items()])
    reason = optional_text(_l("Why (optional, kept in the log)"), 1000, id="role-reason")


class TeamForm(FlaskForm):
    team_id = SelectField(_l("Team"), coerce=int, validate_choice=False)
    reason = optional_text(_l("Why (optional, kept in the log)"), 1000, id="team-reason")


class ActiveForm(FlaskForm):
    # Labelled as kept in the log, so it must be given: an account is never switched off without a word.
    reason = required_text(_l("Why (kept in the log)"), _l("Say why: the reason is kept in the log."), 1000, id="active-reason")
    confirmed = HiddenField()


class NameForm(FlaskForm):
    name = required_text(_l("Name"), _l("Give a name."), 120, field=StringField)


class DomainForm(FlaskForm):
    domain = required_text(_l("Email domain"), _l("Give a domain."), 253, _l("For example riverside.gov.uk"), field=StringField)


class SettingsForm(FlaskForm):
    # At least 1 of each: 0 would let ideas be declined unheard (the service refuses it too).
    hearing_days = IntegerField(
        _l("Days an idea is heard"),
        validators=[InputRequired(_l("Give a number of days, 1 to 365.")), NumberRange(min=1, max=365, message=_l("Use a whole number from 1 to 365."))],
    )
    hearing_min_responses = IntegerField(
        _l("People who must respond (one of them from another team)"),
        validators=[InputRequired(_l("Give a number of people, 1 to 100.")), NumberRange(min=1, max=100, message=_l("Use a whole number from 1 to 100."))],
    )
    reason = required_text(_l("Why (kept in the moderators' log)"), _l("Say why you are changing the hearing."), 1000)


class SignInForm(FlaskForm):
    """An organisation's identity provider (OpenID Connect). The client secret stays in the environment."""

    issuer = required_text(_l("Issuer"), _l("Give the provider's issuer address."), 500,
                           _l("The address its discovery document lives under, such as %(example)s",
                              # Escaped here: Jinja takes a lazy string as markup, unescaped.
                              example=escape("https://login.microsoftonline.com/<tenant id>/v2.0")), field=StringField)
    client_id = required_text(_l("Client id"), _l("Give the client id the provider gave the hub."), 255, field=StringField)
    client_secret_env = required_text(
        _l("Environment variable holding the client secret"), _l("Name the environment variable."), 100,
        _l("Its name, such as SSO_RIVERSIDE_SECRET: set it in the hub's environment. The secret is never stored "
           "here nor shown."), field=StringField)
    scopes = optional_text(_l("Scopes"), 255, _l("Leave empty for: openid email profile"), field=StringField)
    team_claim = optional_text(_l("Claim naming the team (optional)"), 100,
                               _l("Such as department. Without it, each person picks their team once."), field=StringField)
    role_claim = optional_text(_l("Claim listing the groups"), 100, _l("Leave empty for: groups"), field=StringField)
    role_map = optional_text(_l("Groups that give a role"), 5000,
                             _l("One a line: GROUP=moderator or GROUP=executive. Applied at every sign-in."))
    team_map = optional_text(_l("Team claim values"), 5000, _l("One a line: VALUE=Team name. A value that is a team's "
                                                               "exact name needs no line."))
    authoritative = BooleanField(_l("The provider vouches for every address of the organisation's domains"), default=True)
    password_sign_in = BooleanField(_l("People of this organisation may also sign in with a password"), default=True)
