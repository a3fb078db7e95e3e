"""Every action the activity record keeps reads as words: named things by their titles,
codes by their labels, never an action's dotted name, an id or a Python value."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ideashub.core import events, wording
from ideashub.core.activity import Activity

ROOT = Path(__file__).resolve().parents[2] / "ideashub"

# A line people read must not carry any of these: a stored code, a Python value, a raw field name.
CODES = set(events.CATALOGUE) | set(events.RECORDED_ONLY)
REPRS = re.compile(r"None|True|False|\{|\}|\[|\]|'\w+':|\w+_\w+|Stage\.|Role\.|Status\.|<[A-Z]\w+ \d+>")


def leaks(text: str) -> list[str]:
    """What in ``text`` is a code or a representation rather than words."""
    found = [code for code in CODES if code in text]
    return found + REPRS.findall(text)


def sample_data(ids: dict) -> dict[str, dict]:
    """Data as each action records it (see its payload in core.events)."""
    stage_move = {"from": "being_heard", "to": "parked", "revisit_on": "2026-06-01"}
    return {
        "idea.posted": {}, "idea.withdrawn": {}, "idea.hidden": {}, "idea.unhidden": {},
        "idea.edited": {"changed": ["title", "problem", "benefit"]},
        "support.added": {}, "support.withdrawn": {}, "response.added": {}, "response.edited": {"changed": ["body"]},
        "idea.moved": stage_move,
        "idea.reopened": {"from": "not_taken_forward", "to": "being_heard", "revisit_on": None},
        "idea.merged": {"into": ids["other_idea"]},
        "idea.merged_in": {"from": ids["other_idea"]},
        "response.hidden": {}, "response.unhidden": {},
        "report.made": {"response_id": 7},
        "report.dismissed": {},
        "project.created": {"name": "Trusted assessors", "project_id": 3},
        "project.lead": {}, "project.member_added": {},
        "project.changed": {"before": {"name": "Old", "status": "active", "lead_id": ids["user"]},
                            "after": {"name": "New", "status": "paused", "lead_id": ids["other_user"]}},
        "project.update": {},
        "challenge.created": {"starts_on": "2026-03-09"},
        "idea.challenge": {"challenge_id": ids["challenge"]},
        "challenge.idea_added": {"challenge_id": ids["challenge"]},
        "challenge.shortlist": {"idea_ids": [ids["idea"], ids["other_idea"]]},
        "challenge.decision": {**stage_move, "challenge_id": ids["challenge"], "outcome": "park"},
        "user.registered": {},
        "user.created": {"role": "moderator", "team_id": ids["team"]},
        "user.role": {"before": "member", "after": "executive"},
        "user.team": {"before": "Housing (Riverside Council)", "after": None},
        "user.deactivated": {}, "user.reactivated": {},
        "organisation.created": {"name": "Riverside Council"},
        "organisation.renamed": {"before": "Riverside", "after": "Riverside Council"},
        "domain.added": {"domain": "riverside.gov.uk"}, "domain.removed": {"domain": "riverside.gov.uk"},
        "team.created": {"organisation_id": ids["organisation"], "name": "Housing"},
        "team.renamed": {"before": "Housing", "after": "Housing Services"},
        "settings.changed": {"before": {"hearing_days": 5, "hearing_min_responses": 3},
                             "after": {"hearing_days": 7, "hearing_min_responses": 3}},
        "auth.signin": {}, "auth.signout": {}, "auth.password_changed": {}, "auth.token_issued": {},
        "auth.token_revoked": {}, "auth.feed_address_made": {}, "auth.feeds_stopped": {}, "auth.register_existing": {}, "auth.reset_requested": {}, "auth.password_reset": {},
        "auth.signin_failed": {"email": "someone@riverside.gov.uk"},
        "auth.reset_unknown": {"email": "nobody@riverside.gov.uk"},
        "authz.denied": {"method": "POST", "path": "/admin/settings", "endpoint": "admin.settings"},
        "invitation.sent": {"user_id": ids["other_user"]}, "invitation.declined": {},
        "webhook.created": {"url": "https://hooks.slack.com/services/…"}, "webhook.changed": {"url": "https://example.com/hook"},
        "webhook.secret": {"url": "https://example.com/hook"}, "webhook.deleted": {"url": "https://example.com/hook"},
        "auth.sso_started": {"email": "grace@riverside.gov.uk"}, "auth.sso_refused": {"reason": "wrong_audience"},
        "auth.sso_linked": {"organisation_id": ids["organisation"]},
        "auth.sso_logout": {"through": "backchannel", "organisation_id": ids["organisation"]},
        "organisation.sign_in_set": {"issuer": "https://login.example.com", "client_id": "hub", "client_secret_env": "SSO_SECRET"},
        "organisation.sign_in_removed": {}, "organisation.scim_token": {},
        "scim.refused": {"status": 401, "detail": "The token is not valid.", "method": "GET", "path": "/scim/v2/Users"},
        "scim.deleted": {"organisation_id": ids["organisation"]},
        "privacy.erasure_requested": {}, "privacy.erasure_approved": {}, "privacy.erasure_refused": {},
        "privacy.retention_erased": {},
        "hub.exported": {},
        "import.trello": {"name": "Ideas board", "ideas": 12, "skipped": 0},
        "import.csv": {"name": "ideas.csv", "ideas": 3, "skipped": 0},
        "mail.refused": {"detail": "from an address with no account"},
        "mail.drafted": {},
    }


SUBJECTS = {  # what each action's entry concerns
    "response": "response", "report": "report", "project": "project", "challenge": "challenge",
    "user": "user", "auth": "user", "organisation": "organisation", "domain": "organisation", "team": "team",
    "scim": "user", "privacy": "user", "mail": "user",
}
# Actions whose entry concerns something other than their family's usual subject.
ACTION_SUBJECTS = {"auth.sso_started": "organisation", "auth.sso_refused": "organisation", "scim.refused": "organisation"}


@pytest.fixture
def things(make_idea, make_user, make_challenge):
    idea, other = make_idea(title="Book repairs online"), make_idea(title="Text tenants before a visit")
    challenge = make_challenge(title="Tell us once")
    person, other_person = make_user(name="Grace Mensah"), make_user(name="Tunde Bakare")
    return {
        "idea": idea.id, "other_idea": other.id, "challenge": challenge.id, "user": person.id,
        "other_user": other_person.id, "team": person.team_id, "organisation": person.team.organisation_id,
    }


def entry_for(action: str, data: dict, ids: dict, actor) -> Activity:
    family = action.split(".")[0]
    subject_type = "settings" if family == "settings" else ACTION_SUBJECTS.get(action) or SUBJECTS.get(family, "idea")
    subject_id = {"idea": ids["idea"], "challenge": ids["challenge"], "user": ids["user"], "team": ids["team"],
                  "organisation": ids["organisation"]}.get(subject_type, 3)
    entry = Activity(action=action, subject_type=subject_type, subject_id=subject_id, idea_id=ids["idea"],
                     data=data or None, visibility=events.PUBLIC)
    entry.actor = actor
    return entry


def test_every_event_and_recorded_action_has_its_wording():
    for name, kind in events.CATALOGUE.items():
        assert kind.says, f"{name} has no wording"
        for phrase in kind.says if isinstance(kind.says, tuple) else (kind.says,):
            for field, _spec in wording._fields(phrase):
                # A detail a phrase names is one the event carries (its payload says so).
                assert field in ("idea", "subject", "changes") or field in kind.payload, (name, field)
    assert all(events.wording(action) for action in events.RECORDED_ONLY)


def test_every_action_recorded_in_the_code_has_its_wording():
    recorded = set()
    for path in ROOT.rglob("*.py"):
        recorded |= set(re.findall(r"""record\(\s*[\w.]+,\s*"([a-z_]+\.[a-z_]+)\"""", path.read_text()))
    assert recorded, "the search for recorded actions found none"
    assert {action for action in recorded if not events.wording(action)} == set()


def test_each_line_in_the_catalogue_reads_as_words_naming_things_by_their_titles(app, db, things, make_user):
    samples = sample_data(things)
    assert set(samples) >= CODES, f"add a sample for {sorted(CODES - set(samples))}"
    actor = make_user(name="Precious Ndlovu")
    with app.test_request_context():
        lines = wording.describe_all([entry_for(action, data, things, actor) for action, data in samples.items()])
        for line in lines:
            assert line.text and line.actor == "Precious Ndlovu"
            assert leaks(line.text) == [] and leaks(str(line.what)) == [], (line.entry.action, line.text)
        said = {line.entry.action: line.text for line in lines}
    assert said["idea.challenge"] == "posted the idea “Book repairs online” into the challenge “Tell us once”"
    assert said["idea.edited"] == "edited the idea “Book repairs online”, changing the title, problem and expected benefit"
    assert said["idea.moved"] == "moved the idea “Book repairs online” from Being heard to Parked, to look at again on 1 June 2026"
    assert said["idea.merged_in"] == "merged the idea “Text tenants before a visit” into the idea “Book repairs online”"
    assert said["user.role"] == "changed the role of Grace Mensah from Member to Executive"
    assert said["user.team"] == "moved Grace Mensah from “Housing (Riverside Council)” to no team"
    assert said["settings.changed"] == "changed the hearing settings: hearing days from 5 to 7"
    assert said["project.changed"].endswith("status from Active to Paused; lead from Grace Mensah to Tunde Bakare")
    assert said["challenge.shortlist"] == "shortlisted the idea “Book repairs online” and the idea “Text tenants before a visit” in the challenge “Tell us once”"
    assert said["authz.denied"] == "was refused access to /admin/settings"
    assert said["report.made"] == "reported a response to the idea “Book repairs online”"
    assert said["invitation.sent"] == "invited Tunde Bakare to hear the idea “Book repairs online”"
    assert said["invitation.declined"] == "said the idea “Book repairs online” is not their area"
    assert said["import.trello"] == "imported the Trello board “Ideas board”"
    assert said["mail.refused"] == "refused an incoming email: from an address with no account"


def test_on_its_own_page_a_thing_is_this_idea_and_the_names_link_to_their_pages(app, db, things, make_user):
    entry = entry_for("idea.challenge", {"challenge_id": things["challenge"]}, things, make_user())
    with app.test_request_context():
        here = wording.describe(entry, here=("idea", things["idea"]))
        away = wording.describe(entry)
    assert here.text == "posted this idea into the challenge “Tell us once”"
    assert f'<a href="/challenges/{things["challenge"]}">“Tell us once”</a>' in str(here.html)
    assert f'<a href="/ideas/{things["idea"]}">“Book repairs online”</a>' in str(away.html)
    assert str(away.what).startswith("Posted the idea")


def test_a_missing_detail_leaves_its_part_out_and_an_unknown_code_still_reads_as_words(app, db, things, make_user):
    actor = make_user()
    moved = entry_for("idea.moved", {"to": "shortlisted"}, things, actor)
    dismissed = entry_for("report.made", {"response_id": None}, things, actor)
    unknown = entry_for("idea.teleported", {}, things, None)
    with app.test_request_context():
        texts = [line.text for line in wording.describe_all([moved, dismissed, unknown])]
        nobody = wording.describe(unknown).actor
    assert texts[0] == "moved the idea “Book repairs online” to Shortlisted"
    assert texts[1] == "reported the idea “Book repairs online”"
    assert texts[2] == "idea teleported" and nobody == "The hub"
    assert wording.label("stage", "somewhere_new") == "somewhere new"
