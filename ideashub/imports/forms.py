"""Forms for moving in (shape only): the uploads, and the preview's choices, built per file."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import RadioField, SelectField
from wtforms.fields.choices import SelectChoice

from ideashub.core.i18n import _l
from ideashub.imports import rules

WHAT = [SelectChoice("check", _l("Show what the import would do (nothing is stored)")), SelectChoice("import", _l("Import now"))]


class TrelloUploadForm(FlaskForm):
    file = FileField(_l("The board's JSON file"), validators=[FileRequired(_l("Choose the JSON file Trello exported."))], id="trello-file",
                     description=_l("In Trello: the board's menu, then Print, export and share, then Export as JSON."))


class CsvUploadForm(FlaskForm):
    file = FileField(_l("The CSV file of ideas"), validators=[FileRequired(_l("Choose a CSV file."))], id="csv-file",
                     description=_l("One idea a row, with a row of headings first. The template shows the columns."))


def _team_choices(groups) -> list[SelectChoice]:
    return [SelectChoice(t.id, t.name, optgroup=org.name) for org, teams in groups for t in teams]


class _Preview(FlaskForm):
    team_id = SelectField(_l("Team of the people who are not found"), coerce=int, validate_choice=True,
                          description=_l("People of the board who have no account here become imported people of this "
                                         "team; the board moves into its organisation."))
    what = RadioField(_l("What now"), choices=WHAT, default="check")


class _TrelloPreview(_Preview):
    archived = RadioField(_l("Archived cards"), choices=[SelectChoice("park", _l("Bring them in as Parked ideas")),
                                                        SelectChoice("skip", _l("Leave them out"))], default="park")


def trello_preview_form(board: rules.Board, groups, formdata=None) -> FlaskForm:
    """The preview's form for this board: a stage for each of its lists (suggested from its name)."""

    class Form(_TrelloPreview):
        pass

    stages = [SelectChoice(s.value, rules.stage_label(s)) for s in rules.IMPORT_STAGES]
    for n, item in enumerate(board.lists):
        setattr(Form, f"list_{n}", SelectField(_l("Cards in “%(list)s” go to", list=item.name), choices=stages,
                                               default=rules.suggest_stage(item.name).value))
    form = Form() if formdata is None else Form(formdata=formdata)
    form.team_id.choices = _team_choices(groups)
    return form


def csv_mapping_form(file: rules.CsvFile, groups, formdata=None) -> FlaskForm:
    """The column-mapping step: for each of the hub's fields, the file's column that fills it."""

    class Form(_Preview):
        pass

    columns = [SelectChoice(-1, _l("(none)"))] + [SelectChoice(i, h or _l("Column %(number)s", number=i + 1))
                                                 for i, h in enumerate(file.headings)]
    suggested = rules.suggest_columns(file.headings)
    for name, label in rules.CSV_FIELDS.items():
        label = rules.CSV_FIELD_LABELS.get(name, label)
        heading = (_l("%(field)s (required) comes from", field=label) if name in rules.CSV_REQUIRED
                   else _l("%(field)s comes from", field=label))
        setattr(Form, f"col_{name}", SelectField(heading, coerce=int, choices=columns,
                                                 default=-1 if suggested[name] is None else suggested[name]))
    form = Form() if formdata is None else Form(formdata=formdata)
    form.team_id.choices = _team_choices(groups)
    return form


def csv_mapping(form) -> dict[str, int | None]:
    return {name: (None if getattr(form, f"col_{name}").data in (None, -1) else getattr(form, f"col_{name}").data)
            for name in rules.CSV_FIELDS}
