"""Admin pages: people, organisations and teams, settings, the audit log. Admins only."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ideashub.admin import queries, services
from ideashub.admin.forms import (
    ActiveForm,
    DomainForm,
    NameForm,
    RoleForm,
    SettingsForm,
    SignInForm,
    TeamForm,
)
from ideashub.core import clock
from ideashub.core.activity import period_from_args
from ideashub.core.csvfile import csv_download, csv_rows
from ideashub.core.errors import ensure, refuse_if_forbidden
from ideashub.core.handlers import done_to, form_page, one_click, run
from ideashub.core.i18n import _, _l
from ideashub.core.settings import EDITABLE, all_settings
from ideashub.core.templating import local_time
from ideashub.core.text import whole_number
from ideashub.core.wording import label, lines_streamed
from ideashub.people import scim, sso
from ideashub.people.rules import can_manage_people
from ideashub.people.services import get_user, teams_by_organisation

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def admins_only():
    ensure(can_manage_people(current_user))


def index():
    return redirect(url_for("admin.people"))


def people():
    q = (request.args.get("q") or "").strip()[:100]
    page = whole_number(request.args.get("page"), high=10_000) or 1
    rows, more = queries.people(q, page)
    return render_template("admin/people.html", people=rows, q=q, page=page, more=more)


def _person_page(target, active_form: ActiveForm | None = None) -> str:
    team_form = TeamForm(formdata=None, team_id=target.team_id or 0)
    team_form.team_id.choices = [SelectChoice(0, _("No team (admins only)"))] + [
        SelectChoice(t.id, t.name, optgroup=org.name) for org, teams in teams_by_organisation() for t in teams
    ]
    return render_template(
        "admin/person.html", person=target, role_form=RoleForm(formdata=None, role=target.role), team_form=team_form,
        active_form=active_form or ActiveForm(formdata=None),
    )


def person(user_id: int):
    return _person_page(get_user(user_id))


def _what_is_wrong(form, fallback: str) -> str:
    """The form's own messages (what is actually wrong with it), or ``fallback``."""
    return " ".join(str(message) for messages in form.errors.values() for message in messages) or fallback


def change_role(user_id: int):
    form = RoleForm()
    back = url_for("admin.person", user_id=user_id)
    if not form.validate_on_submit():
        flash(_what_is_wrong(form, _("Choose a role.")), "error")
        return redirect(back)
    return one_click(lambda: services.change_role(current_user, user_id, form.role.data, form.reason.data or "", clock.now()),
                     _("The role is changed; their sessions have ended so it applies at once."), back)


def change_team(user_id: int):
    form = TeamForm()
    back = url_for("admin.person", user_id=user_id)
    if not form.validate_on_submit():
        flash(_what_is_wrong(form, _("Choose a team.")), "error")
        return redirect(back)
    return one_click(lambda: services.change_team(current_user, user_id, form.team_id.data or None, form.reason.data or "", clock.now()),
                     _("The team is changed."), back)


def set_active(user_id: int, active: bool):
    """Deactivate (after a confirmation step) or reactivate an account, with a reason.

    The rule is asked first, so a refusal says why before anyone is asked to confirm;
    then the reason; then, to deactivate, the page asks once more (no script needed).
    """
    target = get_user(user_id)
    back = url_for("admin.person", user_id=user_id)
    if not active:
        decision = services.deactivation_allowed(current_user, user_id)
        if not decision:
            refuse_if_forbidden(decision)
            flash(decision.reason, "error")
            return redirect(back)
    form = ActiveForm()
    if not form.validate_on_submit():
        return _person_page(target, form), 422
    if not active and form.confirmed.data != "yes":
        return render_template(
            "layouts/confirm.html", title=_("Deactivate %(name)s's account?", name=target.name), action=url_for("admin.deactivate", user_id=user_id),
            consequences=[_("%(name)s can no longer sign in, and their sessions and API tokens end now.", name=target.name),
                          _("Nothing they wrote is removed, and you can reactivate the account later.")],
            hidden={"reason": form.reason.data, "confirmed": "yes"}, reason=form.reason.data,
            button=_("Yes, deactivate the account"), cancel=back,
        )
    return one_click(lambda: services.set_active(current_user, user_id, active, form.reason.data or "", clock.now()),
                     _("The account is active again.") if active
                     else _("The account is deactivated: it cannot sign in, and nothing it wrote is removed."), back)


def deactivate(user_id: int):
    return set_active(user_id, False)


def reactivate(user_id: int):
    return set_active(user_id, True)


def organisations():
    return render_template("admin/organisations.html", organisations=queries.organisations(), name_form=NameForm(), domain_form=DomainForm())


def _organisations_back(anchor: str | None = None) -> str:
    return url_for("admin.organisations", _anchor=anchor)


def add_organisation():
    form = NameForm()
    if not form.validate_on_submit():
        flash(_what_is_wrong(form, _("Give the organisation a name.")), "error")
        return redirect(_organisations_back())
    return one_click(lambda: services.add_organisation(current_user, form.name.data, clock.now()), _("The organisation is added. Give it an email domain and teams."), _organisations_back())


def rename_organisation(organisation_id: int):
    form = NameForm()
    if not form.validate_on_submit():
        flash(_what_is_wrong(form, _("Give the organisation a name.")), "error")
        return redirect(_organisations_back(f"org-{organisation_id}"))
    return one_click(lambda: services.rename_organisation(current_user, organisation_id, form.name.data, clock.now()), _("Renamed."), _organisations_back(f"org-{organisation_id}"))


def add_domain(organisation_id: int):
    form = DomainForm()
    if not form.validate_on_submit():
        flash(_what_is_wrong(form, _("Give a domain like riverside.gov.uk.")), "error")
        return redirect(_organisations_back(f"org-{organisation_id}"))
    return one_click(lambda: services.add_domain(current_user, organisation_id, form.domain.data, clock.now()),
                     _("The domain is added: people with addresses there can now join."), _organisations_back(f"org-{organisation_id}"))


def remove_domain(organisation_id: int):
    """Remove an email domain; removing the last one stops all sign-ups, so it is confirmed first."""
    domain = (request.form.get("domain") or "").strip()
    organisation = services.get_organisation(organisation_id)
    if request.form.get("confirmed") != "yes" and services.is_last_domain(organisation_id, domain):
        return render_template(
            "layouts/confirm.html", title=_("Remove %(domain)s, the last email domain of %(organisation)s?", domain=domain,
                                               organisation=organisation.name),
            action=url_for("admin.remove_domain", organisation_id=organisation_id),
            consequences=[_("Nobody new can join %(organisation)s by signing up until it has an email domain again.",
                            organisation=organisation.name),
                          _("Everyone already in keeps their account.")],
            hidden={"domain": domain, "confirmed": "yes"}, button=_("Yes, remove the last domain"),
            cancel=_organisations_back(f"org-{organisation_id}"),
        )
    return one_click(lambda: services.remove_domain(current_user, organisation_id, domain, clock.now()),
                     _("The domain is removed: nobody new can join with it; everyone already in stays."), _organisations_back(f"org-{organisation_id}"))


def add_team(organisation_id: int):
    form = NameForm()
    if not form.validate_on_submit():
        flash(_what_is_wrong(form, _("Give the team a name.")), "error")
        return redirect(_organisations_back(f"org-{organisation_id}"))
    return one_click(lambda: services.add_team(current_user, organisation_id, form.name.data, clock.now()), _("The team is added."), _organisations_back(f"org-{organisation_id}"))


def rename_team(team_id: int):
    form = NameForm()
    organisation_id = request.form.get("organisation_id", type=int)
    back = _organisations_back(f"org-{organisation_id}" if organisation_id else None)
    if not form.validate_on_submit():
        flash(_what_is_wrong(form, _("Give the team a name.")), "error")
        return redirect(back)
    return one_click(lambda: services.rename_team(current_user, team_id, form.name.data, clock.now()), _("The team is renamed."), back)


def settings():
    values = all_settings()
    form = SettingsForm(data=values if request.method == "GET" else None)
    defaults = {key: current_app.config[cfg] for key, cfg in EDITABLE.items()}
    return form_page(
        form,
        lambda: services.change_settings(
            current_user,
            {"hearing_days": form.hearing_days.data, "hearing_min_responses": form.hearing_min_responses.data},
            form.reason.data or "",
            clock.now(),
        ),
        done=lambda _value: done_to(url_for("admin.settings"), _("The settings are saved; every idea's hearing follows them from now.")),
        page=lambda: render_template(
            "admin/settings.html", form=form, defaults=defaults, in_force=values, last_change=queries.last_settings_change()
        ),
    )


# The kinds of entry the audit log can be narrowed to: the ``action`` argument keeps
# taking the start of an action's stored name, and people choose the kind by its words.
AUDIT_KINDS = [
    ("auth.", _l("Sign-ins, sign-outs and passwords")),
    ("authz.", _l("Refused requests")),
    ("idea.", _l("Ideas")),
    ("response.", _l("Responses")),
    ("report.", _l("Reports")),
    ("project.", _l("Projects")),
    ("challenge.", _l("Challenges")),
    ("user.", _l("Accounts, roles and teams of people")),
    ("organisation.", _l("Organisations")),
    ("team.", _l("Teams")),
    ("domain.", _l("Email domains")),
    ("settings.", _l("Hearing settings")),
    ("webhook.", _l("Webhooks")),
]
AUDIT_HEADINGS = [_l("When (UTC)"), _l("Who"), _l("Their role"), _l("What"), _l("Why"), _l("From (IP address)")]


def _audit_filters():
    action = (request.args.get("action") or "").strip()[:40]
    person_q = (request.args.get("person") or "").strip()[:100]
    return action, person_q, period_from_args(request.args)


def audit():
    action, person_q, period = _audit_filters()
    before = whole_number(request.args.get("before"))
    entries = queries.audit(action, person_q, before, limit=queries.PAGE + 1, period=period)
    kinds = [(code, str(text)) for code, text in AUDIT_KINDS]
    if action and not any(action == code for code, _text in AUDIT_KINDS):
        kinds.append((action, _("Other entries")))
    filters = {k: v for k, v in (("action", action), ("person", person_q)) if v} | period.args()
    return render_template(
        "admin/audit.html", entries=entries[: queries.PAGE], more=len(entries) > queries.PAGE, action=action,
        person=person_q, period=period, kinds=kinds, filters=filters, csv_url=url_for("admin.audit_csv", **filters),
    ), 422 if period.errors else 200


def audit_csv():
    """What the audit log's filters select, every entry, as a spreadsheet."""
    action, person_q, period = _audit_filters()
    if period.errors:
        return audit()
    zone = clock.org_timezone().key
    rows = (
        [line.entry.at.strftime("%Y-%m-%d %H:%M:%S"), local_time(line.entry.at, "%Y-%m-%d %H:%M:%S"), line.actor,
         str(label("role", line.entry.actor_role)), line.what_text, line.entry.reason, line.entry.ip]
        for line in lines_streamed(queries.audit(action, person_q, limit=None, period=period))
    )
    headings = [str(h) for h in AUDIT_HEADINGS]
    headings.insert(1, _("When (%(zone)s time)", zone=zone))
    return csv_download(csv_rows(headings, rows), f"audit-log-{clock.today().isoformat()}.csv")


def sign_in_settings(organisation_id: int):
    """The organisation's own sign-in: its identity provider, and its SCIM token."""
    organisation = services.get_organisation(organisation_id)
    provider = sso.provider_of(organisation.id)
    if request.method == "GET" and provider is not None:
        form = SignInForm(obj=provider, formdata=None)
        form.role_map.data = "\n".join(f"{group}={role}" for group, role in provider.role_map.items())
        names = {t.id: t.name for t in organisation.teams}
        form.team_map.data = "\n".join(f"{value}={names.get(team_id, '?')}" for value, team_id in provider.team_map.items())
    else:
        form = SignInForm()

    def save():
        refuse_if_forbidden(can_manage_people(current_user))
        settings = sso.ProviderSettings(
            issuer=form.issuer.data, client_id=form.client_id.data, client_secret_env=form.client_secret_env.data,
            scopes=form.scopes.data or "", team_claim=form.team_claim.data, role_claim=form.role_claim.data,
            role_map=sso.parse_role_map((form.role_map.data or "").splitlines()),
            team_map=sso.parse_team_map((form.team_map.data or "").splitlines(), organisation),
            authoritative=form.authoritative.data, password_sign_in=form.password_sign_in.data)
        return sso.configure(current_user, organisation, settings, clock.now())

    return form_page(
        form, save,
        done=lambda _value: done_to(url_for("admin.sign_in_settings", organisation_id=organisation.id),
                               _("%(organisation)s's sign-in is saved.", organisation=organisation.name)),
        page=lambda: render_template("admin/sign_in.html", form=form, organisation=organisation, provider=provider,
                                     secret_set=sso.secret_is_set(provider) if provider else False,
                                     scim_token=scim.token_of(organisation.id), hub_url=current_app.config["HUB_URL"],
                                     callback=sso.redirect_uri()),
    )


def new_scim_token(organisation_id: int):
    """A new SCIM token, shown on this one page and never again (the previous one stops working)."""
    organisation = services.get_organisation(organisation_id)
    outcome = run(lambda: scim.issue_token(current_user, organisation, clock.now()))
    return render_template("admin/scim_token.html", organisation=organisation, token=outcome.value,
                           scim_url=current_app.config["HUB_URL"] + "/scim/v2")


def remove_sign_in(organisation_id: int):
    organisation = services.get_organisation(organisation_id)
    return one_click(lambda: sso.remove(current_user, organisation, clock.now()),
                     _("%(organisation)s signs in with passwords again; everyone keeps their account.",
                       organisation=organisation.name),
                     url_for("admin.sign_in_settings", organisation_id=organisation_id))


URLS = [
    ("/organisations/<int:organisation_id>/sign-in", "sign_in_settings", sign_in_settings, ["GET", "POST"]),
    ("/organisations/<int:organisation_id>/sign-in/scim-token", "new_scim_token", new_scim_token, ["POST"]),
    ("/organisations/<int:organisation_id>/sign-in/remove", "remove_sign_in", remove_sign_in, ["POST"]),
    ("/", "index", index, ["GET"]),
    ("/people", "people", people, ["GET"]),
    ("/people/<int:user_id>", "person", person, ["GET"]),
    ("/people/<int:user_id>/role", "change_role", change_role, ["POST"]),
    ("/people/<int:user_id>/team", "change_team", change_team, ["POST"]),
    ("/people/<int:user_id>/deactivate", "deactivate", deactivate, ["POST"]),
    ("/people/<int:user_id>/reactivate", "reactivate", reactivate, ["POST"]),
    ("/organisations", "organisations", organisations, ["GET"]),
    ("/organisations/new", "add_organisation", add_organisation, ["POST"]),
    ("/organisations/<int:organisation_id>/name", "rename_organisation", rename_organisation, ["POST"]),
    ("/organisations/<int:organisation_id>/domains", "add_domain", add_domain, ["POST"]),
    ("/organisations/<int:organisation_id>/domains/remove", "remove_domain", remove_domain, ["POST"]),
    ("/organisations/<int:organisation_id>/teams", "add_team", add_team, ["POST"]),
    ("/teams/<int:team_id>/name", "rename_team", rename_team, ["POST"]),
    ("/settings", "settings", settings, ["GET", "POST"]),
    ("/audit", "audit", audit, ["GET"]),
    ("/audit.csv", "audit_csv", audit_csv, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
