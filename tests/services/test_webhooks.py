"""Outgoing webhooks: setting them up (and refusing bad ones), which events reach which
webhook, the three formats, and signed deliveries to a real HTTP receiver."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import func, select

from ideashub.core import outbox, safehttp
from ideashub.core.errors import Forbidden, Invalid
from ideashub.extensions import db as _db
from ideashub.reach import webhooks
from ideashub.reach.webhooks import Webhook, WebhookDraft
from tests.support.receiver import running

DATA = Path(__file__).resolve().parent.parent / "data"
TEAMS = Draft202012Validator(json.loads((DATA / "teams_message.schema.json").read_text()))
SLACK = Draft202012Validator(json.loads((DATA / "slack_message.schema.json").read_text()))
PUBLIC_URL = "https://93.184.215.14/hooks/abc?token=SECRET"


@pytest.fixture
def receiver(app, monkeypatch):
    """A real HTTP receiver, which the hub may reach because the test allows it, as an operator would."""
    with running() as found:
        monkeypatch.setitem(app.config, "WEBHOOK_ALLOWED_TARGETS", found.target)
        yield found


@pytest.fixture
def admin(make_user):
    return make_user(role="admin", team=None)


@pytest.fixture
def make_webhook(db, clock, admin):
    def make(url=PUBLIC_URL, format="generic", events=("idea.posted",), scope="organisation", **fields):
        webhook = webhooks.create_webhook(admin, WebhookDraft(url=url, format=format, events=list(events), scope=scope, **fields), clock.now())
        _db.session.commit()
        return webhook

    return make


def count_webhooks() -> int:
    return _db.session.scalar(select(func.count()).select_from(Webhook))


def event_rows(name: str) -> list:
    return list(_db.session.scalars(select(outbox.OutboxEvent).where(outbox.OutboxEvent.name == name).order_by(outbox.OutboxEvent.id)))


def deliveries_of(webhook) -> list:
    return webhooks.deliveries(webhook.id)


def fan_out_all(name: str, now) -> None:
    for row in event_rows(name):
        webhooks.fan_out(row, now)
    _db.session.flush()


# --- Setting up -------------------------------------------------------------------------------


def test_an_admin_sets_up_a_webhook_and_gets_a_secret(make_webhook, make_team):
    team = make_team()
    webhook = make_webhook(events=["idea.posted", "idea.moved", "idea.posted"], scope="team", team_id=team.id)
    assert webhook.events == ["idea.posted", "idea.moved"]
    assert webhook.scope == "team" and webhook.team_id == team.id and webhook.organisation_id is None
    assert len(webhook.secret) >= 32
    assert webhook.shown_url == "https://93.184.215.14/hooks/…"
    assert "SECRET" not in webhook.shown_url


def test_a_given_secret_is_kept(make_webhook, make_org):
    org = make_org()
    webhook = make_webhook(organisation_id=org.id, secret="a secret of twenty chars")
    assert webhook.secret == "a secret of twenty chars"


def test_only_admins_set_up_webhooks(make_user, clock, make_org):
    org = make_org()
    for role in ("member", "moderator", "executive"):
        with pytest.raises(Forbidden):
            webhooks.create_webhook(make_user(role=role), WebhookDraft(url=PUBLIC_URL, events=["idea.posted"], scope="organisation",
                                                                      organisation_id=org.id), clock.now())
    assert count_webhooks() == 0


@pytest.mark.parametrize(("url", "words"), [
    ("http://127.0.0.1/hook", "private or special address"),
    ("http://localhost:8080/hook", "private or special address"),
    ("http://10.0.0.8/hook", "private or special address"),
    ("http://169.254.169.254/latest/meta-data/", "private or special address"),
    ("http://[::ffff:127.0.0.1]/hook", "private or special address"),
    ("http://2130706433/hook", "four numbers"),
    ("http://0x7f000001/hook", "four numbers"),
    ("ftp://93.184.215.14/hook", "Only http"),
    ("https://user:pw@93.184.215.14/hook", "user name or password"),
    ("not an address", "no spaces"),
    ("https://no-such-host.invalid/hook", "could not be found"),
])
def test_a_bad_or_private_address_is_refused_with_a_reason_and_nothing_is_stored(admin, clock, make_org, url, words):
    org = make_org()
    with pytest.raises(Invalid) as refused:
        webhooks.create_webhook(admin, WebhookDraft(url=url, events=["idea.posted"], scope="organisation", organisation_id=org.id), clock.now())
    assert words in refused.value.fields["url"]
    assert count_webhooks() == 0


def test_a_host_name_resolving_to_a_private_address_is_refused(admin, clock, make_org, monkeypatch):
    org = make_org()
    monkeypatch.setattr(safehttp, "resolve", lambda host, port: ["10.1.2.3"] if host == "intranet.example.com" else ["93.184.215.14"])
    draft = WebhookDraft(url="https://intranet.example.com/hook", events=["idea.posted"], scope="organisation", organisation_id=org.id)
    with pytest.raises(Invalid, match="private or special address"):
        webhooks.create_webhook(admin, draft, clock.now())
    draft.url = "https://hooks.example.com/hook"
    assert webhooks.create_webhook(admin, draft, clock.now()).url == "https://hooks.example.com/hook"


def test_the_allow_list_lets_an_intranet_target_through(admin, app, clock, make_org, monkeypatch):
    org = make_org()
    draft = WebhookDraft(url="http://10.20.0.7:8080/hook", events=["idea.posted"], scope="organisation", organisation_id=org.id)
    with pytest.raises(Invalid):
        webhooks.create_webhook(admin, draft, clock.now())
    monkeypatch.setitem(app.config, "WEBHOOK_ALLOWED_TARGETS", "10.20.0.0/16")
    assert webhooks.create_webhook(admin, draft, clock.now()).id


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"events": ["idea.posted", "idea.exploded"]}, "events", "Unknown event: idea.exploded"),
    ({"events": []}, "events", "at least one"),
    ({"format": "email"}, "format", "generic, teams, slack"),
    ({"scope": ""}, "scope", "Choose what the webhook is for"),
    ({"scope": "team", "team_id": 2_000_000}, "team_id", "Choose a team"),
    ({"scope": "challenge", "challenge_id": None}, "challenge_id", "Choose a challenge"),
    ({"scope": "tag", "tag": "   "}, "tag", "Give a tag"),
    ({"secret": "too short"}, "secret", "16 to 200"),
])
def test_other_bad_values_are_refused_naming_the_field(admin, clock, make_org, changes, field, words):
    org = make_org()
    values = {"url": PUBLIC_URL, "events": ["idea.posted"], "scope": "organisation", "organisation_id": org.id, **changes}
    with pytest.raises(Invalid) as refused:
        webhooks.create_webhook(admin, WebhookDraft(**values), clock.now())
    assert words in refused.value.fields[field]
    assert count_webhooks() == 0


def test_every_event_of_the_readme_table_may_be_chosen():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for name in webhooks.subscribable_events():
        assert f"| `{name}` |" in readme


def test_changing_keeps_the_secret_unless_it_is_rotated(make_webhook, admin, clock, make_org):
    webhook = make_webhook(organisation_id=make_org().id)
    secret = webhook.secret
    draft = webhooks.draft_of(webhook)
    draft.format, draft.events = "slack", ["idea.moved"]
    changed = webhooks.change_webhook(admin, webhook.id, draft, clock.now())
    assert (changed.format, changed.events, changed.secret) == ("slack", ["idea.moved"], secret)
    rotated = webhooks.change_webhook(admin, webhook.id, webhooks.draft_of(webhook), clock.now(), rotate_secret=True)
    assert rotated.secret != secret


def test_a_deleted_webhook_is_gone_from_the_list_and_receives_nothing(make_webhook, admin, clock, make_idea, make_org):
    from ideashub.core.errors import NotFound

    org = make_org()
    webhook = make_webhook(organisation_id=org.id)
    webhooks.delete_webhook(admin, webhook.id, clock.now())
    assert webhook not in webhooks.list_webhooks()
    with pytest.raises(NotFound):
        webhooks.get_webhook(webhook.id)


# --- Which webhooks hear about an event ------------------------------------------------------------


@pytest.fixture
def scene(make_org, make_team, make_user, make_idea, make_challenge, make_webhook, db, clock):
    """Two organisations; a webhook for each scope, all hearing about posted ideas."""
    home, away = make_org(), make_org()
    housing, care = make_team(organisation=home), make_team(organisation=away)
    challenge = make_challenge()
    hooks = {
        "home": make_webhook(scope="organisation", organisation_id=home.id),
        "away": make_webhook(scope="organisation", organisation_id=away.id),
        "housing": make_webhook(scope="team", team_id=housing.id),
        "repairs": make_webhook(scope="tag", tag="Repairs"),
        "challenge": make_webhook(scope="challenge", challenge_id=challenge.id),
        "moves only": make_webhook(scope="organisation", organisation_id=home.id, events=["idea.moved"]),
    }
    return {"home": home, "away": away, "housing": housing, "care": care, "challenge": challenge, "hooks": hooks,
            "author": make_user(team=housing)}


def told(scene) -> set[str]:
    return {name for name, hook in scene["hooks"].items() if deliveries_of(hook)}


def test_an_idea_reaches_its_organisation_its_team_and_its_tag(scene, make_idea, clock):
    """...and not the webhook of the same organisation that chose only moves."""
    make_idea(author=scene["author"], tags=["repairs"])
    fan_out_all("idea.posted", clock.now())
    assert told(scene) == {"home", "housing", "repairs"}


def test_an_idea_elsewhere_reaches_neither_that_team_nor_that_tag(scene, make_idea, make_user, clock):
    make_idea(author=make_user(team=scene["care"]), tags=["parks"])
    fan_out_all("idea.posted", clock.now())
    assert told(scene) == {"away"}


def test_an_idea_posted_into_a_challenge_reaches_the_challenges_webhook(scene, make_user, clock, sprint_day):
    from ideashub.challenges import services
    from ideashub.ideas.services import IdeaText

    challenge = scene["challenge"]
    sprint_day(challenge, 1)
    services.post_idea(make_user(team=scene["care"]), challenge.id,
                       IdeaText(title="An idea for the sprint", problem="A problem.", proposal="A proposal."), clock.now())
    _db.session.commit()
    fan_out_all("idea.posted", clock.now())
    assert told(scene) == {"away", "challenge"}


def test_an_event_about_the_challenge_itself_reaches_its_webhook(scene, make_webhook, make_challenge, make_idea, clock):
    from ideashub.challenges import services

    challenge, elsewhere = scene["challenge"], make_challenge(title="Another sprint")
    hook = make_webhook(scope="challenge", challenge_id=challenge.id, events=["challenge.idea_added"])
    other = make_webhook(scope="challenge", challenge_id=elsewhere.id, events=["challenge.idea_added"])
    services.bring_in(challenge.facilitator, challenge.id, make_idea().id, clock.now())
    _db.session.commit()
    fan_out_all("challenge.idea_added", clock.now())
    assert len(deliveries_of(hook)) == 1
    assert deliveries_of(other) == []


def test_events_about_the_organisation_or_the_team_itself_reach_their_webhooks(make_webhook, make_org, make_team, admin, clock):
    from ideashub.admin import services as admin_services

    home, away = make_org(), make_org()
    team = make_team(organisation=home)
    org_hook = make_webhook(scope="organisation", organisation_id=home.id, events=["team.created", "organisation.renamed"])
    away_hook = make_webhook(scope="organisation", organisation_id=away.id, events=["team.created", "organisation.renamed"])
    team_hook = make_webhook(scope="team", team_id=team.id, events=["team.renamed"])
    admin_services.add_team(admin, home.id, "Parks and gardens", clock.now())
    admin_services.rename_organisation(admin, home.id, "Riverside Borough Council", clock.now())
    admin_services.rename_team(admin, team.id, "Housing repairs", clock.now())
    _db.session.commit()
    for name in ("team.created", "organisation.renamed", "team.renamed"):
        fan_out_all(name, clock.now())
    assert sorted(json.loads(r.payload["body"])["event"] for r in deliveries_of(org_hook)) == ["organisation.renamed", "team.created"]
    assert deliveries_of(away_hook) == []
    assert [json.loads(r.payload["body"])["event"] for r in deliveries_of(team_hook)] == ["team.renamed"]


def test_a_paused_webhook_hears_nothing(scene, make_idea, admin, clock):
    hook = scene["hooks"]["home"]
    draft = webhooks.draft_of(hook)
    draft.active = False
    webhooks.change_webhook(admin, hook.id, draft, clock.now())
    make_idea(author=scene["author"])
    fan_out_all("idea.posted", clock.now())
    assert deliveries_of(hook) == []
    assert len(deliveries_of(scene["hooks"]["housing"])) == 1


def test_nothing_is_sent_about_a_hidden_idea(scene, make_idea, make_user, make_webhook, clock):
    from ideashub.hearing import services as hearing

    hook = make_webhook(scope="organisation", organisation_id=scene["home"].id, events=["idea.hidden", "idea.edited"])
    idea = make_idea(author=scene["author"])
    hearing.hide_idea(make_user(role="moderator"), idea.id, "Names a member of staff.", clock.now())
    _db.session.commit()
    fan_out_all("idea.hidden", clock.now())
    assert deliveries_of(hook) == []


def test_fanning_out_the_same_event_twice_queues_one_delivery(scene, make_idea, clock):
    make_idea(author=scene["author"])
    fan_out_all("idea.posted", clock.now())
    fan_out_all("idea.posted", clock.now())
    assert len(deliveries_of(scene["hooks"]["home"])) == 1


# --- The formats ------------------------------------------------------------------------------------


def _queued_body(hook) -> dict:
    (row,) = deliveries_of(hook)
    return json.loads(row.payload["body"])


@pytest.fixture
def posted(make_org, make_team, make_user, make_idea, make_webhook, clock):
    org = make_org()
    team = make_team(name="Housing repairs", organisation=org)
    author = make_user(team=team, name="Amira Patel")
    hooks = {fmt: make_webhook(format=fmt, scope="organisation", organisation_id=org.id) for fmt in webhooks.FORMATS}
    idea = make_idea(author=author, title="Book repairs online & <fast>")
    fan_out_all("idea.posted", clock.now())
    return hooks, idea


def test_the_teams_message_is_an_adaptive_card_as_teams_workflows_expect(posted):
    hooks, idea = posted
    body = _queued_body(hooks["teams"])
    assert list(TEAMS.iter_errors(body)) == []
    card = body["attachments"][0]["content"]
    assert card["version"] == "1.4"
    texts = [block.get("text", "") for block in card["body"]]
    assert idea.title in texts and any("Amira Patel posted" in t for t in texts)
    assert card["actions"] == [{"type": "Action.OpenUrl", "title": "Open the idea", "url": f"http://127.0.0.1:5000/ideas/{idea.id}"}]


def test_the_slack_message_has_a_fallback_text_and_blocks_with_a_button(posted):
    hooks, idea = posted
    body = _queued_body(hooks["slack"])
    assert list(SLACK.iter_errors(body)) == []
    assert body["text"].startswith("Amira Patel posted")
    assert [b["type"] for b in body["blocks"]] == ["section", "context", "actions"]
    assert "Book repairs online &amp; &lt;fast&gt;" in body["blocks"][0]["text"]["text"]  # Slack's escaping
    assert body["blocks"][2]["elements"][0]["url"].endswith(f"/ideas/{idea.id}")


def test_the_schemas_catch_a_malformed_message():
    """The other side: the JSON Schemas are not empty promises."""
    assert list(TEAMS.iter_errors({"type": "message", "attachments": [{"contentType": "application/json", "content": {}}]}))
    assert list(SLACK.iter_errors({"blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}]}))


def test_the_generic_message_names_the_event_the_idea_and_the_delivery(posted):
    hooks, idea = posted
    (row,) = deliveries_of(hooks["generic"])
    body = json.loads(row.payload["body"])
    assert body["event"] == "idea.posted"
    assert body["id"] == row.payload["delivery_id"]
    assert body["idea"] == {"id": idea.id, "title": idea.title, "stage": "being_heard", "url": f"http://127.0.0.1:5000/ideas/{idea.id}"}
    assert body["summary"].startswith("Amira Patel posted")


# --- Sending -------------------------------------------------------------------------------------


def test_a_delivery_is_signed_with_the_secret_and_carries_a_stable_delivery_id(receiver, make_webhook, make_org, make_user, make_idea, clock):
    org = make_org()
    hook = make_webhook(url=receiver.url("/in?key=abc"), scope="organisation", organisation_id=org.id, secret="s3cret-for-the-receiver")
    make_idea(author=make_user(team=_team_of(org)))
    fan_out_all("idea.posted", clock.now())
    (row,) = deliveries_of(hook)
    receiver.status = 503
    first = webhooks.send([row], clock.now())
    assert (first.ok, first.permanent, first.status_code) == (False, False, 503)
    receiver.status = 200
    second = webhooks.send([row], clock.now() + timedelta(minutes=1))
    assert second.ok and second.status_code == 200
    one, two = receiver.received
    assert one.signed_with("s3cret-for-the-receiver") and two.signed_with("s3cret-for-the-receiver")
    assert not one.signed_with("another secret")
    assert one.headers["X-Hub-Delivery"] == two.headers["X-Hub-Delivery"] == row.payload["delivery_id"]
    assert one.headers["X-Hub-Event"] == "idea.posted"
    assert one.headers["Content-Type"].startswith("application/json")
    assert one.path == "/in?key=abc"
    assert one.body == row.payload["body"].encode("utf-8")


def _team_of(org):
    from ideashub.people.models import Team

    return _db.session.scalar(select(Team).where(Team.organisation_id == org.id)) or _new_team(org)


def _new_team(org):
    from ideashub.people.models import Team

    team = Team(organisation_id=org.id, name="A team", created_at=org.created_at)
    _db.session.add(team)
    _db.session.commit()
    return team


@pytest.fixture
def listening(receiver, make_webhook, make_org, make_team, make_user):
    """A webhook to the receiver for an organisation, and someone of that organisation to post ideas."""
    org = make_org()
    hook = make_webhook(url=receiver.url("/in"), scope="organisation", organisation_id=org.id)
    return hook, make_user(team=make_team(organisation=org))


def test_the_worker_delivers_an_event_signed_to_the_receiver(receiver, listening, make_idea, clock):
    hook, author = listening
    idea = make_idea(author=author, title="Book repairs online")
    outbox.pump(clock.now())
    (row,) = deliveries_of(hook)
    assert (row.status, row.status_code, row.attempts) == ("sent", 200, 1)
    (got,) = receiver.received
    assert got.signed_with(hook.secret)
    assert got.json["idea"]["title"] == "Book repairs online" and got.json["idea"]["id"] == idea.id
    assert got.headers["X-Hub-Delivery"] == got.json["id"]


@pytest.mark.parametrize(("status", "permanent"), [(400, True), (404, True), (410, True), (408, False), (429, False), (500, False), (502, False)])
def test_client_errors_are_final_but_timeouts_throttling_and_server_errors_are_retried(receiver, listening, make_idea, clock, status, permanent):
    hook, author = listening
    receiver.status = status
    make_idea(author=author)
    outbox.pump(clock.now())
    (row,) = deliveries_of(hook)
    assert (row.status_code, row.attempts) == (status, 1)
    assert row.status == ("failed" if permanent else "pending")
    assert str(status) in row.last_error
    if not permanent:
        assert row.due_at > clock.now()
        receiver.status = 200
        outbox.pump(row.due_at)
        _db.session.refresh(row)
        assert (row.status, row.attempts) == ("sent", 2)
        first, again = receiver.received
        assert first.headers["X-Hub-Delivery"] == again.headers["X-Hub-Delivery"]  # the same delivery, tried again


def test_a_test_message_is_tried_once_and_says_why_it_failed(receiver, make_webhook, admin, clock, make_org):
    hook = make_webhook(url=receiver.url(), scope="organisation", organisation_id=make_org().id)
    receiver.status = 500
    row = webhooks.send_test(admin, hook.id, clock.now())
    assert (row.status, row.status_code, row.attempts) == ("failed", 500, 1)
    assert "answered 500" in row.last_error


def test_without_the_allow_list_the_receiver_on_loopback_is_never_reached(receiver, make_webhook, admin, app, clock, make_org, monkeypatch):
    hook = make_webhook(url=receiver.url(), scope="organisation", organisation_id=make_org().id)
    monkeypatch.setitem(app.config, "WEBHOOK_ALLOWED_TARGETS", "")
    row = webhooks.send_test(admin, hook.id, clock.now())
    assert row.status == "failed" and "private or special address" in row.last_error
    assert receiver.received == []


def test_send_a_test_reaches_the_receiver_and_is_in_the_log(receiver, make_webhook, admin, clock, make_org):
    hook = make_webhook(url=receiver.url(), format="teams", scope="organisation", organisation_id=make_org().id)
    row = webhooks.send_test(admin, hook.id, clock.now())
    assert (row.status, row.status_code, row.attempts) == ("sent", 200, 1)
    (got,) = receiver.received
    assert got.signed_with(hook.secret)
    assert list(TEAMS.iter_errors(got.json)) == []
    assert deliveries_of(hook) == [row]
    assert row.payload["event"] == webhooks.TEST_EVENT


@pytest.mark.parametrize("change", ["delete", "pause", "hide the idea"])
def test_what_was_queued_is_not_sent_once_the_webhook_is_deleted_or_paused_or_the_idea_hidden(
        receiver, listening, admin, make_idea, make_user, clock, change):
    from ideashub.hearing import services as hearing

    hook, author = listening
    idea = make_idea(author=author)
    outbox.fan_out_waiting(clock.now())
    (row,) = deliveries_of(hook)
    if change == "delete":
        webhooks.delete_webhook(admin, hook.id, clock.now())
    elif change == "pause":
        draft = webhooks.draft_of(hook)
        draft.active = False
        webhooks.change_webhook(admin, hook.id, draft, clock.now())
    else:
        hearing.hide_idea(make_user(role="moderator"), idea.id, "Names a member of staff.", clock.now())
    _db.session.commit()
    outbox.deliver_due(clock.now())
    _db.session.refresh(row)
    assert row.status == "cancelled"
    assert receiver.received == []


def test_a_test_message_names_the_hub_and_is_no_event_anyone_can_choose(receiver, make_webhook, admin, clock, make_org):
    hook = make_webhook(url=receiver.url(), scope="organisation", organisation_id=make_org().id)
    webhooks.send_test(admin, hook.id, clock.now())
    body = receiver.received[0].json
    assert body["event"] == webhooks.TEST_EVENT and "sent a test message from Ideas hub" in body["summary"]
    assert webhooks.TEST_EVENT not in webhooks.subscribable_events()


def test_setting_up_changing_rotating_and_deleting_are_kept_in_the_audit_log_without_secrets(make_webhook, admin, clock, make_org):
    from ideashub.core.activity import Activity

    hook = make_webhook(organisation_id=make_org().id)
    draft = webhooks.draft_of(hook)
    draft.events = ["idea.moved"]
    webhooks.change_webhook(admin, hook.id, draft, clock.now())
    webhooks.change_webhook(admin, hook.id, webhooks.draft_of(hook), clock.now(), rotate_secret=True)
    webhooks.delete_webhook(admin, hook.id, clock.now())
    entries = list(_db.session.scalars(select(Activity).where(Activity.subject_type == "webhook").order_by(Activity.id)))
    assert [e.action for e in entries] == ["webhook.created", "webhook.changed", "webhook.secret", "webhook.deleted"]
    assert {e.actor_id for e in entries} == {admin.id}
    assert all(e.data == {"url": "https://93.184.215.14/hooks/…"} for e in entries)
    assert all(hook.secret not in str(e.data) and "SECRET" not in str(e.data) for e in entries)

