"""Moving in, for admins: upload a Trello board or a CSV file, check the mapping, import.

Each upload is kept in the instance folder under a random name until it is imported
(or replaced), so the preview can be changed and checked as often as needed without
sending the file again. Checking runs the whole import and rolls it back: what the page
reports is exactly what importing would do.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from ideashub.core import clock
from ideashub.core.csvfile import csv_download, csv_rows
from ideashub.core.errors import ensure
from ideashub.core.handlers import run
from ideashub.core.i18n import _l
from ideashub.extensions import db
from ideashub.imports import forms, rules, services
from ideashub.people.rules import can_manage_people
from ideashub.people.services import get_team, teams_by_organisation

bp = Blueprint("imports", __name__)

TOKEN = re.compile(r"^[0-9a-f]{32}$")
UPLOADS = {"imports.upload_trello", "imports.upload_csv"}
TOO_LARGE = _l("The file is too large: the largest that can be imported is %(size)s MB "
               "(a Trello board of 20,000 cards is about 50 MB). Nothing was stored.", size=rules.MAX_BYTES // 1024 // 1024)


@bp.url_value_preprocessor
def larger_uploads(endpoint, _values):
    """Uploads may be larger than the hub's usual limit, for admins only; set before anything reads the body."""
    if endpoint in UPLOADS and can_manage_people(current_user):
        request.max_content_length = rules.MAX_BYTES + 1024 * 1024


@bp.before_request
def admins_only():
    ensure(can_manage_people(current_user))


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error):
    return _index(message=str(TOO_LARGE)), 413


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _keep(raw: bytes, kind: str) -> str:
    token = secrets.token_hex(16)
    (_folder() / f"{token}.{kind}").write_bytes(raw)
    return token


def _kept(token: str, kind: str) -> Path:
    path = _folder() / f"{token}.{kind}"
    if not TOKEN.match(token) or not path.is_file():
        abort(404)
    return path


def _index(message: str | None = None, trello=None, csv=None):
    return render_template("imports/index.html", message=message, trello_form=trello or forms.TrelloUploadForm(formdata=None),
                           csv_form=csv or forms.CsvUploadForm(formdata=None), max_mb=rules.MAX_BYTES // 1024 // 1024)


def index():
    return _index()


def _upload(form, kind: str, check):
    """Keep an uploaded file that ``check`` can read, and go to its preview; or say what is wrong."""
    if not form.validate_on_submit():
        return _index(trello=form if kind == "json" else None, csv=form if kind == "csv" else None), 422
    raw = form.file.data.read()
    try:
        check(raw)
    except rules.BadFile as error:
        form.file.errors = [f"{error} Nothing was stored."]
        return _index(trello=form if kind == "json" else None, csv=form if kind == "csv" else None), 422
    token = _keep(raw, kind)
    endpoint = "imports.trello_preview" if kind == "json" else "imports.csv_preview"
    return redirect(url_for(endpoint, token=token, name=(form.file.data.filename or "")[:100]))


def upload_trello():
    return _upload(forms.TrelloUploadForm(), "json", lambda raw: rules.parse_board(rules.read_json(raw)))


def upload_csv():
    return _upload(forms.CsvUploadForm(), "csv", rules.read_csv)


def _attempt(action, dry_run: bool):
    """Run an import as the request's one transaction; checking runs it all and rolls it back."""
    if not dry_run:
        return run(action)

    def rolled_back():
        report = action()
        db.session.rollback()
        return report

    return run(rolled_back)


def _outcome(outcome, dry_run: bool, path):
    """(report, error, status) of an attempted import; the uploaded file goes once it is imported."""
    if not outcome.ok:
        return None, outcome.error.message, outcome.error.status
    if not dry_run:
        path.unlink(missing_ok=True)
    return outcome.value, None, 200


def trello_preview(token: str):
    path = _kept(token, "json")
    board = rules.parse_board(rules.read_json(path.read_bytes()))
    groups = teams_by_organisation()
    form = forms.trello_preview_form(board, groups, formdata=request.form if request.method == "POST" else None)
    report = error = None
    status = 200
    if request.method == "POST":
        if not form.validate():
            status = 422
        else:
            team = get_team(form.team_id.data)
            options = services.TrelloOptions(
                organisation=team.organisation, team=team, archived=form.archived.data,
                stages={item.id: getattr(form, f"list_{n}").data for n, item in enumerate(board.lists)})
            dry_run = form.what.data != "import"
            outcome = _attempt(lambda: services.import_trello(current_user, board, options, clock.now(), dry_run), dry_run)
            report, error, status = _outcome(outcome, dry_run, path)
            if report is not None and not dry_run:
                return render_template("imports/done.html", report=report)
    labels = sorted({name for card in board.cards for name in rules.tag_names(card.label_names)})
    return render_template("imports/trello_preview.html", board=board, form=form, report=report, error=error,
                           name=request.args.get("name", "")[:100], members=services.member_matches(board), tags=labels,
                           lists=[(item, getattr(form, f"list_{n}"), sum(1 for c in board.cards if c.list_id == item.id))
                                  for n, item in enumerate(board.lists)]), status


def csv_preview(token: str):
    path = _kept(token, "csv")
    file = rules.read_csv(path.read_bytes())
    groups = teams_by_organisation()
    form = forms.csv_mapping_form(file, groups, formdata=request.form if request.method == "POST" else None)
    report = error = None
    status = 200
    name = request.args.get("name", "")[:100] or "ideas.csv"
    if request.method == "POST":
        mapping = forms.csv_mapping(form)
        problems = rules.check_mapping(mapping, file.headings)
        if not form.validate() or problems:
            for field_name, message in problems.items():
                getattr(form, f"col_{field_name}").errors = [message]
            status = 422
        else:
            team = get_team(form.team_id.data)
            ideas, row_problems = rules.csv_ideas(file, mapping)
            dry_run = form.what.data != "import"
            outcome = _attempt(lambda: services.import_csv(current_user, ideas, row_problems, team.organisation, team,
                                                           name, clock.now(), dry_run), dry_run)
            report, error, status = _outcome(outcome, dry_run, path)
            if report is not None and not dry_run:
                return render_template("imports/done.html", report=report)
    return render_template("imports/csv_preview.html", file=file, form=form, report=report, error=error, name=name,
                           sample=file.rows[:3], fields=rules.CSV_FIELDS), status


def csv_template():
    return csv_download(csv_rows(list(rules.CSV_FIELDS), [rules.CSV_TEMPLATE_EXAMPLE]), "ideas-template.csv")


URLS = [
    ("/admin/import", "index", index, ["GET"]),
    ("/admin/import/trello", "upload_trello", upload_trello, ["POST"]),
    ("/admin/import/trello/<token>", "trello_preview", trello_preview, ["GET", "POST"]),
    ("/admin/import/csv", "upload_csv", upload_csv, ["POST"]),
    ("/admin/import/csv/<token>", "csv_preview", csv_preview, ["GET", "POST"]),
    ("/admin/import/template.csv", "csv_template", csv_template, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
