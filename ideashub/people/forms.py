"""Forms for signing in, registering and looking after your account (shape only)."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from ideashub.core.fields import chosen_id, optional_text, required_text
from ideashub.core.i18n import _l
from ideashub.people import rules


def _new_password(new: bool, field: str = "password") -> tuple[PasswordField, PasswordField]:
    """A new password and the same typed again (browsers told it is new, to offer a strong one).

    ``new``: labelled "New password" (changing one) rather than "Password" (registering)."""
    return (
        PasswordField(
            _l("New password") if new else _l("Password"),
            description=_l("At least %(count)s characters. Three or four words together work well.",
                           count=rules.PASSWORD_MIN),
            validators=[DataRequired(_l("Choose a new password.") if new else _l("Choose a password.")),
                        Length(max=rules.PASSWORD_MAX)],
            render_kw={"autocomplete": "new-password"},
        ),
        PasswordField(
            _l("New password again") if new else _l("Password again"),
            validators=[DataRequired(_l("Type the new password again.") if new else _l("Type the password again.")),
                        EqualTo(field, _l("The passwords do not match."))],
            render_kw={"autocomplete": "new-password"},
        ),
    )


def _sign_in_email():
    """The email address a person signs in (or asks for a reset) with."""
    return required_text(_l("Email address"), _l("Enter your email address."), rules.EMAIL_MAX, field=StringField,
                         render_kw={"autocomplete": "username", "spellcheck": "false"})


class LoginForm(FlaskForm):
    email = _sign_in_email()
    # Not required by the form: an address of an organisation with its own sign-in needs none
    # (the view asks for it when the address signs in with a password).
    password = PasswordField(
        _l("Password"),
        validators=[Optional(), Length(max=rules.PASSWORD_MAX * 4)],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()
    # "email": the email-first step was posted (no password asked for yet).
    step = HiddenField()


class RegisterForm(FlaskForm):
    name = required_text(_l("Your name"), _l("Enter your name."), rules.NAME_MAX, field=StringField,
                         render_kw={"autocomplete": "name"})
    email = required_text(_l("Work email address"), _l("Enter your work email address."), rules.EMAIL_MAX,
                          _l("Use the email address of your organisation; it decides which teams you can join."),
                          field=StringField, render_kw={"autocomplete": "email", "spellcheck": "false"})
    team_id = SelectField(
        _l("Your team"),
        coerce=chosen_id,
        validate_choice=False,
        validators=[DataRequired(_l("Choose your team."))],
    )
    password, confirm = _new_password(False)


class ProfileForm(FlaskForm):
    name = required_text(_l("Your name"), _l("Enter your name."), rules.NAME_MAX, field=StringField)
    bio = optional_text(_l("About you"), rules.BIO_MAX, _l("What you work on, and what you would like to hear about."))
    skills = optional_text(_l("Skills"), rules.SKILLS_MAX,
                           _l("Separate them with commas, for example: data analysis, tenancy law, Welsh."),
                           field=StringField)


class PasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )
    new_password, confirm = _new_password(True, field="new_password")


class ForgotPasswordForm(FlaskForm):
    email = _sign_in_email()


class ResetPasswordForm(FlaskForm):
    password, confirm = _new_password(True)


class TeamChoiceForm(FlaskForm):
    """Someone signing in with their organisation for the first time picks their team."""

    team_id = SelectField(_l("Your team"), coerce=chosen_id, validate_choice=False,
                          validators=[DataRequired(_l("Choose your team."))])
