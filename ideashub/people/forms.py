"""Forms for signing in, registering and looking after your account (shape only)."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

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


class LoginForm(FlaskForm):
    email = StringField(
        "Email address",
        validators=[DataRequired("Enter your email address."), Length(max=rules.EMAIL_MAX)],
        render_kw={"autocomplete": "username", "spellcheck": "false"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired("Enter your password."), Length(max=rules.PASSWORD_MAX * 4)],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()


class RegisterForm(FlaskForm):
    name = StringField(
        "Your name",
        validators=[DataRequired("Enter your name."), Length(max=rules.NAME_MAX)],
        render_kw={"autocomplete": "name"},
    )
    email = StringField(
        "Work email address",
        description="Use the email address of your organisation; it decides which teams you can join.",
        validators=[DataRequired("Enter your work email address."), Length(max=rules.EMAIL_MAX)],
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )
    team_id = SelectField(
        "Your team",
        coerce=int,
        validate_choice=False,
        validators=[DataRequired("Choose your team.")],
    )
    password, confirm = _new_password("Password")


class ProfileForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired("Enter your name."), Length(max=rules.NAME_MAX)])
    bio = TextAreaField(
        "About you",
        description="What you work on, and what you would like to hear about.",
        validators=[Optional(), Length(max=rules.BIO_MAX)],
    )
    skills = StringField(
        "Skills",
        description="Separate them with commas, for example: data analysis, tenancy law, Welsh.",
        validators=[Optional(), Length(max=rules.SKILLS_MAX)],
    )


class PasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password",
        validators=[DataRequired("Enter your current password.")],
        render_kw={"autocomplete": "current-password"},
    )
    new_password, confirm = _new_password("New password", field="new_password")


class ForgotPasswordForm(FlaskForm):
    email = StringField(
        "Email address",
        validators=[DataRequired("Enter your email address."), Length(max=rules.EMAIL_MAX)],
        render_kw={"autocomplete": "username", "spellcheck": "false"},
    )


class ResetPasswordForm(FlaskForm):
    password, confirm = _new_password("New password")
