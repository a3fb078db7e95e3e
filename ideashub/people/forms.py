"""Forms for signing in, registering and looking after your account (shape only)."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from ideashub.core.fields import chosen_id, optional_text, required_text
from ideashub.people import rules


def _new_password(label: str, field: str = "password") -> tuple[PasswordField, PasswordField]:
    """A new password and the same typed again (browsers told it is new, to offer a strong one)."""
    new = "new " if label.startswith("New") else ""
    return (
        PasswordField(
            label,
            description=f"At least {rules.PASSWORD_MIN} characters. Three or four words together work well.",
            validators=[DataRequired(f"Choose a {new}password."), Length(max=rules.PASSWORD_MAX)],
            render_kw={"autocomplete": "new-password"},
        ),
        PasswordField(
            f"{label} again",
            validators=[DataRequired(f"Type the {new}password again."), EqualTo(field, "The passwords do not match.")],
            render_kw={"autocomplete": "new-password"},
        ),
    )


def _sign_in_email():
    """The email address a person signs in (or asks for a reset) with."""
    return required_text("Email address", "Enter your email address.", rules.EMAIL_MAX, field=StringField,
                         render_kw={"autocomplete": "username", "spellcheck": "false"})


class LoginForm(FlaskForm):
    email = _sign_in_email()
    # Not required by the form: an address of an organisation with its own sign-in needs none
    # (the view asks for it when the address signs in with a password).
    password = PasswordField(
        "Password",
        validators=[Optional(), Length(max=rules.PASSWORD_MAX * 4)],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()
    # "email": the email-first step was posted (no password asked for yet).
    step = HiddenField()


class RegisterForm(FlaskForm):
    name = required_text("Your name", "Enter your name.", rules.NAME_MAX, field=StringField,
                         render_kw={"autocomplete": "name"})
    email = required_text("Work email address", "Enter your work email address.", rules.EMAIL_MAX,
                          "Use the email address of your organisation; it decides which teams you can join.",
                          field=StringField, render_kw={"autocomplete": "email", "spellcheck": "false"})
    team_id = SelectField(
        "Your team",
        coerce=chosen_id,
        validate_choice=False,
        validators=[DataRequired("Choose your team.")],
    )
    password, confirm = _new_password("Password")


class ProfileForm(FlaskForm):
    name = required_text("Your name", "Enter your name.", rules.NAME_MAX, field=StringField)
    bio = optional_text("About you", rules.BIO_MAX, "What you work on, and what you would like to hear about.")
    skills = optional_text("Skills", rules.SKILLS_MAX,
                           "Separate them with commas, for example: data analysis, tenancy law, Welsh.", field=StringField)


class PasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password",
        validators=[DataRequired("Enter your current password.")],
        render_kw={"autocomplete": "current-password"},
    )
    new_password, confirm = _new_password("New password", field="new_password")


class ForgotPasswordForm(FlaskForm):
    email = _sign_in_email()


class ResetPasswordForm(FlaskForm):
    password, confirm = _new_password("New password")


class TeamChoiceForm(FlaskForm):
    """Someone signing in with their organisation for the first time picks their team."""

    team_id = SelectField("Your team", coerce=chosen_id, validate_choice=False,
                          validators=[DataRequired("Choose your team.")])
