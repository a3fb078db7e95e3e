"""Forms for projects (shape only; the services check the rules)."""

from flask_wtf import FlaskForm
from wtforms import DecimalField, FieldList, FormField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ideashub.projects import rules
from ideashub.projects.models import STATUS_LABELS


class MemberRow(FlaskForm):
    class Meta:
        csrf = False

    email = StringField("Work email", validators=[Optional(), Length(max=254)])
    hours = DecimalField("Protected hours a week", places=1, validators=[Optional(), NumberRange(min=rules.HOURS_MIN, max=rules.HOURS_MAX)])


class ProjectForm(FlaskForm):
    name = StringField("Project name", validators=[DataRequired("Give the project a name."), Length(max=rules.NAME_MAX)])
    goal = TextAreaField("Goal", description="What the project will change, for whom, by when.", validators=[DataRequired("Say what the project is for."), Length(max=rules.GOAL_MAX)])
    idea_ids = StringField(
        "Ideas (their numbers)",
        description="Separate them with commas, for example 12, 40. An idea's number is on its page.",
        validators=[DataRequired("Give at least one idea's number."), Length(max=400)],
    )
    lead = StringField("Lead (their work email)", validators=[DataRequired("Say who leads the project."), Length(max=254)])
    status = SelectField("Status", choices=[SelectChoice("proposed", "Proposed"), SelectChoice("active", "Active")], default="proposed")
    members = FieldList(FormField(MemberRow), min_entries=4, max_entries=12)


class EditProjectForm(FlaskForm):
    name = StringField("Project name", validators=[DataRequired("Give the project a name."), Length(max=rules.NAME_MAX)])
    goal = TextAreaField("Goal", validators=[DataRequired("Say what the project is for."), Length(max=rules.GOAL_MAX)])
    lead = StringField("Lead (their work email)", validators=[DataRequired("Say who leads the project."), Length(max=254)])
    status = SelectField("Status", choices=[SelectChoice(k.value, v) for k, v in STATUS_LABELS.items()])
    add_ideas = StringField("Add ideas (their numbers)", validators=[Optional(), Length(max=400)])
    reason = TextAreaField("What changed and why (optional)", validators=[Optional(), Length(max=2000)])


class AddMemberForm(FlaskForm):
    email = StringField("Work email", validators=[DataRequired("Give the person's work email."), Length(max=254)])
    hours = DecimalField("Protected hours a week", places=1, validators=[DataRequired("Give the hours a week."), NumberRange(min=rules.HOURS_MIN, max=rules.HOURS_MAX)])


class UpdateForm(FlaskForm):
    body = TextAreaField("Post an update", description="Progress, a decision, help needed. Markdown works.", validators=[DataRequired("Write the update."), Length(max=rules.UPDATE_MAX)])
