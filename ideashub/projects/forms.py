"""Forms for projects (shape only; the services check the rules)."""

from flask_wtf import FlaskForm
from wtforms import DecimalField, FieldList, FormField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, NumberRange, Optional

from ideashub.core.fields import optional_text, required_text
from ideashub.core.i18n import _l
from ideashub.projects import rules
from ideashub.projects.models import STATUS_LABELS


class MemberRow(FlaskForm):
    class Meta:
        csrf = False

    email = optional_text(_l("Work email"), 254, field=StringField)
    hours = DecimalField(_l("Protected hours a week"), places=1, validators=[Optional(), NumberRange(min=rules.HOURS_MIN, max=rules.HOURS_MAX)])


def _lead():
    """The project's lead, named by their work email."""
    return required_text(_l("Lead (their work email)"), _l("Say who leads the project."), 254, field=StringField)


class ProjectForm(FlaskForm):
    name = required_text(_l("Project name"), _l("Give the project a name."), rules.NAME_MAX, field=StringField)
    goal = required_text(_l("Goal"), _l("Say what the project is for."), rules.GOAL_MAX, _l("What the project will change, for whom, by when."))
    idea_ids = required_text(_l("Ideas (their numbers)"), _l("Give at least one idea's number."), 400,
                             _l("Separate them with commas, for example 12, 40. An idea's number is on its page."), field=StringField)
    lead = _lead()
    status = SelectField(_l("Status"), choices=[SelectChoice("proposed", _l("Proposed")), SelectChoice("active", _l("Active"))], default="proposed")
    members = FieldList(FormField(MemberRow), min_entries=4, max_entries=12)


class EditProjectForm(FlaskForm):
    name = required_text(_l("Project name"), _l("Give the project a name."), rules.NAME_MAX, field=StringField)
    goal = required_text(_l("Goal"), _l("Say what the project is for."), rules.GOAL_MAX)
    lead = _lead()
    status = SelectField(_l("Status"), choices=[SelectChoice(k.value, v) for k, v in STATUS_LABELS.items()])
    add_ideas = optional_text(_l("Add ideas (their numbers)"), 400, field=StringField)
    reason = optional_text(_l("What changed and why (optional)"), 2000)


class AddMemberForm(FlaskForm):
    email = required_text(_l("Work email"), _l("Give the person's work email."), 254, field=StringField)
    hours = DecimalField(_l("Protected hours a week"), places=1, validators=[DataRequired(_l("Give the hours a week.")), NumberRange(min=rules.HOURS_MIN, max=rules.HOURS_MAX)])


class UpdateForm(FlaskForm):
    body = required_text(_l("Post an update"), _l("Write the update."), rules.UPDATE_MAX, _l("Progress, a decision, help needed. Markdown works."))
