"""The access-control matrix: every URL rule, every role, own / someone else's object.

``EXPECTED`` below is written by hand: for each (endpoint, method) what each
role gets. A route missing from it fails ``test_every_route_is_in_the_table``,
so a new route cannot ship without someone deciding who may use it.

One world (people of every role, their ideas, responses, projects,
challenges, reports, tokens) is built once per module in a transaction; each
case runs in a savepoint rolled back afterwards, so cases cannot leak into
each other and the ~1,500 requests take seconds.

Outcomes, one letter per role in the order of ``ROLES``
(signed out, member, executive, moderator, admin):

- ``L`` sent to sign in: a redirect to /login, or 401 from the API
- ``o`` let through: 2xx, a redirect elsewhere without an error message, or
  400/409/410/422 (the request reached the rules, the form or the link checks)
- ``x`` refused: 403, or a redirect that carries an error message
- ``4`` not found

A row is one string when own and other's objects give the same result, or
``{"own": ..., "other": ...}``. "Own" means: the idea or response the person
wrote, the project they lead, the challenge they facilitate (moderators,
admins), sponsor (executives) or are invited to (members), their own account,
team and organisation, the report they made. Signed out, "own" is the
member's.

POST forms whose shape is checked before the permission (so an empty form
would be turned away before reaching it) get a valid body from ``FORMS``;
API calls get a valid JSON body from ``BODIES``. CSRF checks are off in the
suite's app, which is the same as sending a valid token.
"""

from __future__ import annotations

from datetime import date, datetime, time
from types import SimpleNamespace
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import sessionmaker

from ideashub.extensions import db as _db
from tests.conftest import START, _TestSession

ROLES = ("anon", "member", "executive", "moderator", "admin")
SIGNED_IN = ROLES[1:]

# Shorthands for the common rows.
ALL = "Loooo"  # every signed-in person
MOD = "Lxxoo"  # moderators and admins
INS = "Lxooo"  # executives, moderators and admins (insights)
ADM = "Lxxxo"  # admins only
PUB = "ooooo"  # open to everyone, signed in or not
OWN_ONLY = {"own": "Loooo", "other": "Lxxxx"}
NOT_OWN = {"own": "Lxxxx", "other": "Loooo"}

TAG = "access-table"  # the tag of every idea of the world (following a tag needs one that exists)
CHALLENGE_START = date(2026, 3, 9)  # a Monday; the sprint runs 9-13 March 2026

EXPECTED: dict[tuple[str, str], str | dict] = {
    # --- Pages about the hub, health, assets ---------------------------------
    ("home", "GET"): ALL,
    ("pages.accessibility", "GET"): PUB,
    ("language.choose", "GET"): PUB,
    ("health.healthz", "GET"): PUB,
    ("static", "GET"): PUB,
    # --- Signing in, the account, people --------------------------------------
    ("people.login", "GET"): PUB,
    ("people.login", "POST"): PUB,
    ("people.register", "GET"): PUB,
    ("people.register", "POST"): PUB,
    # Emailed links: anyone holding one may use it (a made-up token gets 410 Gone).
    ("people.finish_registration", "GET"): PUB,
    ("people.finish_registration", "POST"): PUB,
    ("people.forgot_password", "GET"): PUB,
    ("people.forgot_password", "POST"): PUB,
    ("people.reset_password", "GET"): PUB,
    ("people.reset_password", "POST"): PUB,
    ("people.logout", "POST"): ALL,
    ("people.account", "GET"): ALL,
    ("people.account", "POST"): ALL,
    ("people.password", "GET"): ALL,
    ("people.password", "POST"): ALL,
    ("people.directory", "GET"): ALL,
    ("people.profile", "GET"): ALL,
    ("people.suggest", "GET"): ALL,  # the @mention suggestions (JSON)
    # --- Ideas ----------------------------------------------------------------
    ("ideas.board", "GET"): ALL,
    ("ideas.choose_view", "POST"): ALL,  # the board's full or compact cards, for the person choosing
    ("ideas.new", "GET"): ALL,
    ("ideas.new", "POST"): ALL,
    ("ideas.show", "GET"): ALL,
    ("ideas.history", "GET"): ALL,
    ("ideas.edit", "GET"): OWN_ONLY,
    ("ideas.edit", "POST"): OWN_ONLY,
    ("ideas.withdraw", "GET"): OWN_ONLY,
    ("ideas.withdraw", "POST"): OWN_ONLY,
    ("ideas.support", "POST"): NOT_OWN,  # your own idea has your support already
    ("ideas.withdraw_support", "POST"): NOT_OWN,
    ("ideas.respond", "POST"): ALL,
    ("ideas.respond", "GET"): ALL,  # a reload of a refused response: back to the idea's form
    ("ideas.edit_response", "GET"): OWN_ONLY,
    ("ideas.edit_response", "POST"): OWN_ONLY,
    ("ideas.response_history", "GET"): ALL,
    # --- Hearing: triage, hiding, reports, notifications ----------------------
    ("hearing.queue", "GET"): MOD,
    ("similar.look_again", "GET"): MOD,  # parked and declined ideas to look at again
    ("similar.typing", "GET"): ALL,  # similar ideas while typing a new idea (JSON)
    ("hearing.reports", "GET"): MOD,
    ("hearing.log", "GET"): MOD,
    ("hearing.log_csv", "GET"): MOD,
    ("hearing.dismiss_report", "POST"): MOD,
    ("hearing.inbox", "GET"): ALL,
    ("hearing.mark_read", "POST"): ALL,
    # Someone else's notification is not found (its existence is nobody else's business).
    ("hearing.open_notification", "GET"): {"own": "Loooo", "other": "L4444"},
    ("hearing.move", "GET"): MOD,
    ("hearing.move", "POST"): MOD,
    ("hearing.merge", "GET"): MOD,
    ("hearing.merge", "POST"): MOD,
    ("hearing.hide_idea", "GET"): MOD,
    ("hearing.hide_idea", "POST"): MOD,
    ("hearing.unhide_idea", "POST"): MOD,
    ("hearing.report_idea", "GET"): ALL,
    ("hearing.report_idea", "POST"): ALL,
    ("hearing.hide_response", "GET"): MOD,
    ("hearing.hide_response", "POST"): MOD,
    ("hearing.unhide_response", "POST"): MOD,
    ("hearing.report_response", "GET"): ALL,
    ("hearing.report_response", "POST"): ALL,
    # --- Challenges -------------------------------------------------------------
    ("challenges.index", "GET"): ALL,
    ("challenges.new", "GET"): MOD,
    ("challenges.new", "POST"): MOD,
    ("challenges.show", "GET"): ALL,
    ("challenges.summary", "GET"): ALL,
    ("challenges.post_idea", "GET"): ALL,
    ("challenges.post_idea", "POST"): OWN_ONLY,  # invited teams only
    ("challenges.bring_in", "POST"): {"own": MOD, "other": "Lxxxx"},  # its facilitator
    ("challenges.vote", "POST"): OWN_ONLY,
    ("challenges.unvote", "POST"): OWN_ONLY,
    ("challenges.shortlist", "POST"): {"own": MOD, "other": "Lxxxx"},
    ("challenges.add_post", "POST"): OWN_ONLY,
    # the idea's author, the facilitator, the sponsor, or any moderator
    ("challenges.write_up", "GET"): {"own": ALL, "other": MOD},
    ("challenges.write_up", "POST"): {"own": ALL, "other": MOD},
    ("challenges.decide", "GET"): {"own": "Lxooo", "other": "Lxxxx"},  # sponsor or facilitator
    ("challenges.decide", "POST"): {"own": "Lxooo", "other": "Lxxxx"},
    # --- Projects ---------------------------------------------------------------
    ("projects.wall", "GET"): ALL,
    ("projects.new", "GET"): MOD,
    ("projects.new", "POST"): MOD,
    ("projects.show", "GET"): ALL,
    ("projects.edit", "GET"): MOD,
    ("projects.edit", "POST"): MOD,
    ("projects.add_member", "POST"): MOD,
    ("projects.remove_member", "POST"): MOD,
    ("projects.post_update", "POST"): {"own": ALL, "other": MOD},  # lead, members, moderators
    # --- Insights -----------------------------------------------------------------
    ("insights.top", "GET"): ALL,
    ("insights.dashboard", "GET"): INS,
    ("insights.brief", "GET"): INS,
    ("insights.ideas_csv", "GET"): INS,
    ("insights.matrix_csv", "GET"): INS,
    # WELLBEING_GOALS is off here, so there is no such file (on, it is INS: tests/web/test_wellbeing.py).
    ("insights.wellbeing_csv", "GET"): "L4444",
    # --- Following (reach) ---------------------------------------------------------
    ("follows.following", "GET"): ALL,
    ("follows.follow_idea", "POST"): ALL,
    ("follows.unfollow_idea", "POST"): ALL,
    ("follows.follow_tag", "POST"): ALL,
    ("follows.unfollow_tag", "POST"): ALL,
    ("follows.follow_team", "POST"): ALL,
    ("follows.unfollow_team", "POST"): ALL,
    ("follows.follow_challenge", "POST"): ALL,
    ("follows.unfollow_challenge", "POST"): ALL,
    # --- Invitations to hear an idea (matching) ---------------------------------------
    # The idea's author and moderators invite; "own" is the person's own idea.
    ("invitations.invite", "POST"): {"own": ALL, "other": MOD},
    ("invitations.invite", "GET"): {"own": ALL, "other": MOD},
    # Only the person invited answers; "own" is an invitation to them.
    ("invitations.decline", "POST"): {"own": ALL, "other": "Lxxxx"},
    ("invitations.account", "GET"): ALL,
    # --- Administration -----------------------------------------------------------
    ("admin.index", "GET"): ADM,
    ("admin.people", "GET"): ADM,
    ("admin.person", "GET"): ADM,
    # An admin may step down while another admin remains (the last one cannot).
    ("admin.change_role", "POST"): ADM,
    ("admin.change_team", "POST"): ADM,
    ("admin.deactivate", "POST"): {"own": "Lxxxx", "other": ADM},  # nor locks themself out
    # "Own" here is the person's own account, deactivated first: its session is over.
    ("admin.reactivate", "POST"): {"own": "LLLLL", "other": ADM},
    ("admin.organisations", "GET"): ADM,
    ("admin.add_organisation", "POST"): ADM,
    ("admin.rename_organisation", "POST"): ADM,
    ("admin.add_domain", "POST"): ADM,
    ("admin.remove_domain", "POST"): ADM,
    ("admin.add_team", "POST"): ADM,
    ("admin.rename_team", "POST"): ADM,
    ("admin.settings", "GET"): ADM,
    ("admin.settings", "POST"): ADM,
    ("admin.audit", "GET"): ADM,
    ("admin.audit_csv", "GET"): ADM,
    # Moving out: the export of everything (admins), an idea's decision trail (whoever sees the idea).
    ("portability.export_page", "GET"): ADM,
    ("portability.download", "GET"): ADM,
    ("portability.trail", "GET"): ALL,
    # An organisation's own sign-in (OpenID Connect) and its SCIM token.
    ("admin.sign_in_settings", "GET"): ADM,
    ("admin.sign_in_settings", "POST"): ADM,
    ("admin.new_scim_token", "POST"): ADM,
    ("admin.remove_sign_in", "POST"): ADM,
    # Moving in (imports): admins only; a made-up upload's token names no file (404).
    ("imports.index", "GET"): ADM,
    ("imports.upload_trello", "POST"): ADM,
    ("imports.upload_csv", "POST"): ADM,
    ("imports.trello_preview", "GET"): "Lxxx4",
    ("imports.trello_preview", "POST"): "Lxxx4",
    ("imports.csv_preview", "GET"): "Lxxx4",
    ("imports.csv_preview", "POST"): "Lxxx4",
    ("imports.csv_template", "GET"): ADM,
    # --- Signing in with the organisation's accounts ---------------------------------
    # The provider's answer and the team picked once: anyone may arrive (a made-up answer gets 400).
    ("sso.callback", "GET"): PUB,
    ("sso.team", "GET"): PUB,
    ("sso.team", "POST"): PUB,
    ("sso.signed_out", "GET"): ALL,
    # The provider's back-channel logout: a signed logout token decides (a missing one gets 400).
    ("sso.backchannel_logout", "POST"): PUB,
    **{(f"scim.{endpoint}", method): "LLLLL" for endpoint, method in (
        # SCIM: only an organisation's SCIM token opens it (401 without one), never a session.
        ("service_provider_config", "GET"), ("resource_types", "GET"), ("resource_type", "GET"),
        ("schemas", "GET"), ("schema", "GET"), ("list_users", "GET"), ("create_user", "POST"),
        ("search_users", "POST"), ("search", "POST"), ("get_user", "GET"), ("replace_user", "PUT"),
        ("patch_user", "PATCH"), ("delete_user", "DELETE"), ("groups", "GET"), ("groups", "POST"),
        ("bulk", "POST"), ("unknown", "GET"), ("unknown", "POST"), ("unknown", "PUT"), ("unknown", "PATCH"),
        ("unknown", "DELETE"))},
    # Mail in: a mailed draft's link needs its sender signed in (a made-up token gets 410 Gone);
    # what incoming mail was refused is for admins.
    ("mailin.draft", "GET"): ALL,
    ("mailin.draft", "POST"): ALL,
    ("mailin.refused", "GET"): ADM,
    ("deliveries.index", "GET"): ADM,
    ("deliveries.retry", "POST"): "Lxxx4",  # admins only; a delivery that does not exist is not found
    # --- Feeds ----------------------------------------------------------------------
    # The account page makes and stops one's own feed address.
    ("feeds.account", "GET"): ALL,
    ("feeds.make_address", "POST"): ALL,
    ("feeds.stop", "POST"): ALL,
    # The feeds need no session: the secret in the address is the authority, and a
    # made-up one is not found, whoever asks (tests/web/test_feed_pages.py tries real ones).
    ("feeds.board", "GET"): "44444",
    ("feeds.idea", "GET"): "44444",
    ("feeds.challenge", "GET"): "44444",
    # Outgoing webhooks (issue 15): admins only.
    ("webhooks.index", "GET"): ADM,
    ("webhooks.new", "GET"): ADM,
    ("webhooks.new", "POST"): ADM,
    ("webhooks.edit", "GET"): ADM,
    ("webhooks.edit", "POST"): ADM,
    ("webhooks.delete", "POST"): ADM,
    ("webhooks.send_test", "POST"): ADM,
    ("webhooks.new_secret", "POST"): ADM,
    ("webhooks.deliveries", "GET"): ADM,
    # --- The API: the same rules as the pages for the same action ---------------
    ("api.openapi", "GET"): PUB,
    ("api.create_token", "POST"): PUB,
    ("api.revoke_current_token", "DELETE"): ALL,
    ("api.me", "GET"): ALL,
    ("api.teams", "GET"): ALL,
    # Organisations, their teams and email domains are listed on the public
    # sign-up page too; changing them is for admins.
    ("api.list_organisations", "GET"): ALL,
    ("api.add_organisation", "POST"): ADM,
    ("api.add_domain", "POST"): ADM,
    ("api.add_team", "POST"): ADM,
    ("api.list_users", "GET"): ADM,
    ("api.create_user", "POST"): ADM,
    ("api.change_user", "PATCH"): ADM,
    # The hearing settings are shown on every idea's hearing progress.
    ("api.get_settings", "GET"): ALL,
    ("api.put_settings", "PUT"): ADM,
    ("api.list_webhooks", "GET"): ADM,
    ("api.create_webhook", "POST"): ADM,
    ("api.get_webhook", "GET"): ADM,
    ("api.change_webhook", "PATCH"): ADM,
    ("api.delete_webhook", "DELETE"): ADM,
    ("api.list_webhook_deliveries", "GET"): ADM,
    ("api.test_webhook", "POST"): ADM,
    ("api.list_ideas", "GET"): ALL,
    ("api.post_idea", "POST"): ALL,
    ("api.get_idea", "GET"): ALL,
    ("api.similar_ideas", "GET"): ALL,
    ("api.similar_to_idea", "GET"): ALL,
    ("api.edit_idea", "PATCH"): OWN_ONLY,
    ("api.idea_activity", "GET"): ALL,
    ("api.support", "PUT"): NOT_OWN,
    ("api.withdraw_support", "DELETE"): NOT_OWN,
    ("api.list_responses", "GET"): ALL,
    ("api.respond", "POST"): ALL,
    ("api.edit_response", "PATCH"): OWN_ONLY,
    ("api.top_ideas", "GET"): ALL,
    ("api.move_idea", "POST"): MOD,
    ("api.merge_idea", "POST"): MOD,
    ("api.hide_idea", "POST"): MOD,
    ("api.unhide_idea", "POST"): MOD,
    ("api.report_idea", "POST"): ALL,
    ("api.hide_response", "POST"): MOD,
    ("api.unhide_response", "POST"): MOD,
    ("api.report_response", "POST"): ALL,
    ("api.list_notifications", "GET"): ALL,
    ("api.read_notifications", "POST"): ALL,
    ("api.insights", "GET"): INS,
    ("api.insights_ideas_csv", "GET"): INS,
    ("api.list_challenges", "GET"): ALL,
    ("api.create_challenge", "POST"): MOD,
    ("api.get_challenge", "GET"): ALL,
    ("api.bring_in", "POST"): {"own": MOD, "other": "Lxxxx"},
    ("api.vote", "PUT"): OWN_ONLY,
    ("api.unvote", "DELETE"): OWN_ONLY,
    ("api.shortlist", "POST"): {"own": MOD, "other": "Lxxxx"},
    ("api.decide", "POST"): {"own": "Lxooo", "other": "Lxxxx"},
    ("api.list_projects", "GET"): ALL,
    ("api.create_project", "POST"): MOD,
    ("api.get_project", "GET"): ALL,
    ("api.change_project", "PATCH"): MOD,
    ("api.post_project_update", "POST"): {"own": ALL, "other": MOD},
    # --- Reach: notification preferences ------------------------------------------
    ("preferences.notifications", "GET"): ALL,
    ("preferences.notifications", "POST"): ALL,
    # Emailed unsubscribe links need no sign-in: the signed token is the authority (a made-up one: 404).
    ("preferences.unsubscribe", "GET"): "44444",
    ("preferences.unsubscribe", "POST"): "44444",
    ("api.get_notification_settings", "GET"): ALL,
    ("api.put_notification_settings", "PUT"): ALL,
    ("api.follow_idea", "PUT"): ALL,
    ("api.unfollow_idea", "DELETE"): ALL,
    ("api.follow_tag", "PUT"): ALL,
    ("api.unfollow_tag", "DELETE"): ALL,
    ("api.follow_team", "PUT"): ALL,
    ("api.unfollow_team", "DELETE"): ALL,
    ("api.follow_challenge", "PUT"): ALL,
    ("api.unfollow_challenge", "DELETE"): ALL,
    ("api.my_following", "GET"): ALL,
    ("api.idea_helpers", "GET"): ALL,
    ("api.invite", "POST"): {"own": ALL, "other": MOD},
    ("api.list_invitations", "GET"): ALL,
    ("api.decline_invitation", "POST"): {"own": ALL, "other": "Lxxxx"},
    # --- People's rights (issue 19): one's own data and erasure request; admins decide ---
    ("privacy.privacy", "GET"): PUB,
    ("privacy.my_data", "GET"): ALL,
    ("privacy.my_data_json", "GET"): ALL,
    ("privacy.erase", "GET"): ALL,
    ("privacy.erase", "POST"): ALL,
    ("privacy.erasures", "GET"): ADM,
    # A made-up request number: admins find nothing (the others are refused before the look-up).
    ("privacy.approve", "POST"): "Lxxx4",
    ("privacy.refuse", "POST"): "Lxxx4",
    ("api.approve_erasure", "POST"): "Lxxx4",
}

# The same action through a page and through the API: both must be
# refused to (and allowed for) exactly the same people.
SAME_ACTION = {
    "api.edit_idea": "ideas.edit",
    "api.support": "ideas.support",
    "api.withdraw_support": "ideas.withdraw_support",
    "api.respond": "ideas.respond",
    "api.edit_response": "ideas.edit_response",
    "api.post_idea": "ideas.new",
    "api.get_idea": "ideas.show",
    "api.similar_ideas": "similar.typing",
    "api.move_idea": "hearing.move",
    "api.merge_idea": "hearing.merge",
    "api.hide_idea": "hearing.hide_idea",
    "api.unhide_idea": "hearing.unhide_idea",
    "api.report_idea": "hearing.report_idea",
    "api.hide_response": "hearing.hide_response",
    "api.unhide_response": "hearing.unhide_response",
    "api.report_response": "hearing.report_response",
    "api.list_notifications": "hearing.inbox",
    "api.read_notifications": "hearing.mark_read",
    "api.insights": "insights.dashboard",
    "api.insights_ideas_csv": "insights.ideas_csv",
    "api.top_ideas": "insights.top",
    "api.list_challenges": "challenges.index",
    "api.create_challenge": "challenges.new",
    "api.get_challenge": "challenges.show",
    "api.bring_in": "challenges.bring_in",
    "api.vote": "challenges.vote",
    "api.unvote": "challenges.unvote",
    "api.shortlist": "challenges.shortlist",
    "api.decide": "challenges.decide",
    "api.list_projects": "projects.wall",
    "api.create_project": "projects.new",
    "api.get_project": "projects.show",
    "api.change_project": "projects.edit",
    "api.post_project_update": "projects.post_update",
    "api.list_users": "admin.people",
    "api.add_organisation": "admin.add_organisation",
    "api.add_domain": "admin.add_domain",
    "api.add_team": "admin.add_team",
    "api.put_settings": "admin.settings",
    "api.put_notification_settings": "preferences.notifications",
    "api.follow_idea": "follows.follow_idea",
    "api.unfollow_idea": "follows.unfollow_idea",
    "api.follow_tag": "follows.follow_tag",
    "api.unfollow_tag": "follows.unfollow_tag",
    "api.follow_team": "follows.follow_team",
    "api.unfollow_team": "follows.unfollow_team",
    "api.follow_challenge": "follows.follow_challenge",
    "api.unfollow_challenge": "follows.unfollow_challenge",
    "api.my_following": "follows.following",
    "api.invite": "invitations.invite",
    "api.decline_invitation": "invitations.decline",
    "api.create_webhook": "webhooks.new",
    "api.change_webhook": "webhooks.edit",
    "api.delete_webhook": "webhooks.delete",
    "api.test_webhook": "webhooks.send_test",
    "api.list_webhook_deliveries": "webhooks.deliveries",
}

GOOD_IDEA = {
    "title": "Book repairs online",
    "problem": "Residents wait weeks for a repair.",
    "proposal": "Let the repairs team book slots online.",
    "benefit": "Fewer calls.",
    "tags": "repairs",
}
REASON = "This is checked by the access table of the test suite."

# Form bodies for pages whose form is checked before the permission is.
# Each is a function of (world, person's own objects, objects the case targets).
FORMS = {
    ("ideas.respond", "POST"): lambda w, me, t: {"kind": "build", "body": "Yes, and we could pilot it."},
    ("ideas.withdraw", "POST"): lambda w, me, t: {"reason": ""},
    ("ideas.choose_view", "POST"): lambda w, me, t: {"view": "compact"},
    ("hearing.report_idea", "POST"): lambda w, me, t: {"reason": REASON},
    ("hearing.report_response", "POST"): lambda w, me, t: {"reason": REASON},
    ("hearing.hide_idea", "POST"): lambda w, me, t: {"reason": REASON},
    ("hearing.hide_response", "POST"): lambda w, me, t: {"reason": REASON},
    ("challenges.post_idea", "POST"): lambda w, me, t: GOOD_IDEA,
    ("challenges.bring_in", "POST"): lambda w, me, t: {"idea_id": w.free_idea},
    ("challenges.shortlist", "POST"): lambda w, me, t: {"idea_ids": [t.entry_idea]},
    ("challenges.add_post", "POST"): lambda w, me, t: {"kind": "comment", "body": "A comment from the access table."},
    ("challenges.write_up", "POST"): lambda w, me, t: {"writeup": "A prototype from the access table."},
    ("projects.post_update", "POST"): lambda w, me, t: {"body": "An update from the access table."},
    ("projects.add_member", "POST"): lambda w, me, t: {"email": w.stranger_email, "hours": "2"},
    ("admin.remove_domain", "POST"): lambda w, me, t: {"domain": w.domains[t.organisation]},
    ("admin.add_domain", "POST"): lambda w, me, t: {"domain": "access-table.example"},
    ("admin.add_organisation", "POST"): lambda w, me, t: {"name": "Organisation from the access table"},
    ("admin.rename_organisation", "POST"): lambda w, me, t: {"name": "Renamed by the access table"},
    ("admin.add_team", "POST"): lambda w, me, t: {"name": "Team from the access table"},
    ("admin.rename_team", "POST"): lambda w, me, t: {"name": "Renamed by the access table"},
    ("admin.change_role", "POST"): lambda w, me, t: {"role": "member", "reason": REASON},
    ("admin.change_team", "POST"): lambda w, me, t: {"team_id": w.stranger_team, "reason": REASON},
    ("invitations.invite", "POST"): lambda w, me, t: {"user_ids": [w.stranger_executive], "note": "From the access table."},
}

BODIES = {
    ("api.create_token", "POST"): lambda w, me, t: {"email": w.stranger_email, "password": "correct horse battery staple"},
    ("api.add_organisation", "POST"): lambda w, me, t: {"name": "Organisation from the access table"},
    ("api.add_domain", "POST"): lambda w, me, t: {"domain": "access-table.example"},
    ("api.add_team", "POST"): lambda w, me, t: {"name": "Team from the access table"},
    ("api.create_user", "POST"): lambda w, me, t: {
        "email": "new.person@" + w.domain, "name": "New Person", "role": "member",
        "password": "a long enough password for this", "team_id": w.stranger_team},
    ("api.change_user", "PATCH"): lambda w, me, t: {"role": "member", "reason": REASON},
    ("api.put_settings", "PUT"): lambda w, me, t: {"hearing_days": 5, "reason": REASON},
    ("api.put_notification_settings", "PUT"): lambda w, me, t: {"email": {"following": "weekly"}},
    ("api.create_webhook", "POST"): lambda w, me, t: {"url": "https://93.184.215.14/hook", "format": "generic", "events": ["idea.posted"], "tag": "access"},
    ("api.change_webhook", "PATCH"): lambda w, me, t: {"active": False},
    ("api.post_idea", "POST"): lambda w, me, t: {k: v for k, v in GOOD_IDEA.items() if k != "tags"},
    ("api.edit_idea", "PATCH"): lambda w, me, t: {"title": "A better title for it"},
    ("api.respond", "POST"): lambda w, me, t: {"kind": "build", "body": "Yes, and we could pilot it."},
    ("api.edit_response", "PATCH"): lambda w, me, t: {"body": "Yes, and we could pilot it in two wards."},
    ("api.move_idea", "POST"): lambda w, me, t: {"stage": "shortlisted"},
    ("api.merge_idea", "POST"): lambda w, me, t: {"into": w.free_idea},
    ("api.hide_idea", "POST"): lambda w, me, t: {"reason": REASON},
    ("api.unhide_idea", "POST"): lambda w, me, t: {},
    ("api.report_idea", "POST"): lambda w, me, t: {"reason": REASON},
    ("api.hide_response", "POST"): lambda w, me, t: {"reason": REASON},
    ("api.unhide_response", "POST"): lambda w, me, t: {},
    ("api.report_response", "POST"): lambda w, me, t: {"reason": REASON},
    ("api.create_challenge", "POST"): lambda w, me, t: {
        "title": "Another sprint", "question": "How might we check every route?",
        "starts_on": "2026-03-16", "sponsor_id": w.stranger_executive, "facilitator_id": w.stranger_moderator},
    ("api.bring_in", "POST"): lambda w, me, t: {"idea_id": w.free_idea},
    ("api.shortlist", "POST"): lambda w, me, t: {"idea_ids": [t.entry_idea]},
    ("api.decide", "POST"): lambda w, me, t: {"idea_id": t.entry_idea, "outcome": "stop", "reason": REASON},
    ("api.create_project", "POST"): lambda w, me, t: {
        "name": "A project from the table", "goal": "Show that only moderators make projects.",
        "idea_ids": [w.free_idea], "lead_id": w.stranger},
    ("api.change_project", "PATCH"): lambda w, me, t: {"name": "A renamed project"},
    ("api.post_project_update", "POST"): lambda w, me, t: {"body": "An update from the access table."},
    ("api.invite", "POST"): lambda w, me, t: {"user_ids": [w.stranger_executive], "note": "From the access table."},
}


def _person(user_id):
    from ideashub.people.models import User

    return _db.session.get(User, user_id)


def _hide_idea(w, t):
    from ideashub.hearing import services

    services.hide_idea(_person(w.moderator_user), t.idea, REASON, w.now)


def _hide_response(w, t):
    from ideashub.hearing import services

    services.hide_response(_person(w.moderator_user), t.response, REASON, w.now)


def _deactivate(w, t):
    from ideashub.admin import services

    services.set_active(_person(w.admin_user), t.user, False, REASON, w.now)


# State a route needs before it can be used at all: unhiding needs something hidden.
PREPARE = {
    "hearing.unhide_idea": _hide_idea,
    "api.unhide_idea": _hide_idea,
    "hearing.unhide_response": _hide_response,
    "api.unhide_response": _hide_response,
    "admin.reactivate": _deactivate,
}
# Sprint day each route is tried on (default: day 3, Decide).
DAY = {"challenges.post_idea": 1}


# --- The world ----------------------------------------------------------------


def _build_world(clock):
    from ideashub.challenges import services as challenges
    from ideashub.hearing import services as hearing
    from ideashub.ideas import services as ideas
    from ideashub.people.models import Organisation, OrganisationDomain, Team, User
    from ideashub.people.services import hash_password, issue_token
    from ideashub.projects import services as projects

    session = _db.session
    now = START
    password = hash_password("correct horse battery staple")

    def org(name, domain):
        o = Organisation(name=name, created_at=now)
        session.add(o)
        session.flush()
        session.add(OrganisationDomain(organisation_id=o.id, domain=domain))
        return o

    def team(name, organisation):
        t = Team(organisation_id=organisation.id, name=name, created_at=now)
        session.add(t)
        session.flush()
        return t

    def person(role, t, name):
        u = User(email=f"{name.lower().replace(' ', '.')}@{t.organisation.domains[0].domain}", name=name,
                 team_id=t.id, role=role, password_hash=password, created_at=now)
        session.add(u)
        session.flush()
        return u

    def idea(author, title):
        return ideas.post_idea(author, ideas.IdeaText(title=title, problem="Residents wait weeks for a repair.",
                                                      proposal="Let the repairs team book slots online.", benefit="", tags=[TAG]), now)

    def respond(author, idea_id):
        return ideas.respond(author, idea_id, ideas.ResponseText(kind="build", body="Yes, and we could pilot it.", suggestion="", hours=None, parent_id=None), now)

    home = org("Matrix Council", "matrix-council.gov.uk")
    away = org("Elsewhere Board", "elsewhere.nhs.uk")
    stranger_team = team("Stranger team", away)
    stranger = person("member", stranger_team, "Sam Stranger")
    smod = person("moderator", stranger_team, "Mo Stranger")
    sexec = person("executive", stranger_team, "Ex Stranger")
    sadmin = person("admin", stranger_team, "Ad Stranger")

    def challenge(facilitator, sponsor, team_ids, entry_author, title):
        c = challenges.create_challenge(smod if facilitator.role not in ("moderator", "admin") else facilitator,
                                        challenges.ChallengeDraft(title=title, question="How might we check every route?", background="",
                                                                  starts_on=CHALLENGE_START, sponsor_id=sponsor.id,
                                                                  facilitator_id=facilitator.id, team_ids=team_ids), now)
        entry = idea(entry_author, f"Entry of {title}")
        challenges.bring_in(facilitator, c.id, entry.id, now)
        return c, entry

    def project(lead, title):
        seed = idea(stranger, f"Seed of {title}")
        return projects.create_project(smod, projects.ProjectDraft(name=title, goal="Show who may post updates.", idea_ids=[seed.id], lead_id=lead.id), now)

    stranger_idea = idea(stranger, "Stranger's idea")
    stranger_response = respond(stranger, stranger_idea.id)
    s_challenge, s_entry = challenge(smod, sexec, [stranger_team.id], stranger, "Stranger sprint")
    s_project = project(stranger, "Stranger's project")
    reported = idea(stranger, "Reported idea")  # reports go here, so reporting the others stays open
    s_report = hearing.report(stranger, reported.id, REASON, now)

    def notification(user, response):
        from ideashub.hearing.models import Notification

        found = Notification(user_id=user.id, kind="idea.response", text="A response.", idea_id=stranger_idea.id,
                             response_id=response.id, created_at=now)
        session.add(found)
        session.flush()
        return found.id

    def invitation(user, idea_id):
        # Straight into the table: the access table needs one to answer, not the invitation rules.
        from ideashub.matching.models import Invitation

        found = Invitation(idea_id=idea_id, user_id=user.id, invited_by_id=smod.id, note="", status="invited", created_at=now)
        session.add(found)
        session.flush()
        return found.id

    other = SimpleNamespace(
        invitation=invitation(smod, reported.id),
        idea=stranger_idea.id, response=stranger_response.id, challenge=s_challenge.id, entry_idea=s_entry.id,
        project=s_project.id, user=stranger.id, organisation=away.id, team=stranger_team.id, report=s_report.id,
        notification=notification(stranger, stranger_response),
    )

    own, users = {}, {}
    for role in SIGNED_IN:
        t = team(f"{role.title()} team", home)
        u = person(role, t, f"{role.title()} Person")
        users[role] = u
        mine = idea(u, f"{role}'s idea")
        response = respond(u, stranger_idea.id)
        c, entry = challenge(u if role in ("moderator", "admin") else smod, u if role == "executive" else sexec,
                             [t.id], u, f"{role}'s sprint")
        p = project(u, f"{role}'s project")
        r = hearing.report(u, reported.id, REASON + f" ({role})", now)
        own[role] = SimpleNamespace(
            idea=mine.id, response=response.id, challenge=c.id, entry_idea=entry.id, project=p.id,
            user=u.id, organisation=home.id, team=t.id, report=r.id, notification=notification(u, response),
            invitation=invitation(u, reported.id),
        )
    own["anon"] = own["member"]
    # One webhook, the admins' (its address is loopback, so "send a test" is refused without a connection).
    from ideashub.reach.webhooks import Webhook

    webhook = Webhook(url="http://127.0.0.1:9/hook", format="generic", events=["idea.posted"], organisation_id=home.id,
                      secret="a secret for the access table", active=True, created_by_id=sadmin.id, created_at=now, updated_at=now)
    session.add(webhook)
    session.flush()
    for mine in (*own.values(), other):
        mine.webhook = webhook.id
    free = idea(stranger, "Free idea")
    tokens = {role: issue_token(users[role], now) for role in SIGNED_IN}
    logins = {role: users[role].get_id() for role in SIGNED_IN}
    session.commit()
    return SimpleNamespace(
        own=own, other=other, tokens=tokens, logins=logins, free_idea=free.id, now=now,
        stranger=stranger.id, stranger_team=stranger_team.id, stranger_moderator=smod.id,
        stranger_executive=sexec.id, domain="matrix-council.gov.uk", stranger_email=stranger.email,
        domains={home.id: "matrix-council.gov.uk", away.id: "elsewhere.nhs.uk"}, admin_user=sadmin, moderator_user=smod,
    )


@pytest.fixture(scope="module")
def world(app):
    """The world, in a transaction of its own for this module; each case adds a savepoint."""
    the_clock = app.extensions["clock"]
    the_clock.set(START)
    with app.app_context():
        connection = _db.engine.connect()
        outer = connection.begin()
        original = _db.session
        _db.session = _TestSession(sessionmaker(bind=connection, join_transaction_mode="create_savepoint"))
        try:
            built = _build_world(the_clock)
            built.connection = connection
            built.moderator_user = built.moderator_user.id
            built.admin_user = built.admin_user.id
            _db.session.registry().close()
            yield built
        finally:
            _db.session.registry().close()
            _db.session = original
            outer.rollback()
            connection.close()
            the_clock.set(START)


def _sprint_noon(day: int) -> datetime:
    from ideashub.challenges.rules import sprint_dates

    return datetime.combine(sprint_dates(CHALLENGE_START)[day - 1], time(12), tzinfo=ZoneInfo("Europe/London"))


# --- The cases ------------------------------------------------------------------


def _rules(app):
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def _app_for_collection():
    # The rules are the same for every app the factory makes; collect them
    # from a throwaway one so parametrisation needs no fixture.
    from ideashub import create_app

    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x" * 32})


_COLLECT_APP = _app_for_collection()
ID_ARGS = {"idea_id", "response_id", "challenge_id", "project_id", "user_id", "organisation_id", "team_id", "report_id",
           "notification_id", "invitation_id"}


def _cases():
    for rule, method in sorted(_rules(_COLLECT_APP), key=lambda rm: (rm[0].endpoint, rm[1])):
        owned = bool(set(rule.arguments) & ID_ARGS)
        for ownership in ("own", "other") if owned else ("none",):
            for role in ROLES:
                yield pytest.param(rule.endpoint, method, ownership, role,
                                   id=f"{method} {rule.endpoint} {ownership} {role}")


def _expected(endpoint: str, method: str, ownership: str, role: str) -> str:
    row = EXPECTED[(endpoint, method)]
    if isinstance(row, dict):
        row = row["other" if ownership == "other" else "own"]
    return row[ROLES.index(role)]


def _url_values(rule, me, target) -> dict:
    values = {}
    for arg in rule.arguments:
        if arg == "filename":
            values[arg] = "css/hub.css"
        elif arg == "token":
            values[arg] = "not-a-real-emailed-token"
        elif arg == "idea_id":
            values[arg] = target.entry_idea if rule.endpoint.startswith(("challenges.", "api.vote", "api.unvote")) else target.idea
        elif arg == "user_id" and rule.endpoint == "projects.remove_member":
            values[arg] = target.user
        elif arg in ("delivery_id", "erasure_id"):
            values[arg] = 987654
        elif arg == "name":  # a tag's name (following a tag): one every idea of the world carries
            values[arg] = TAG
        elif arg == "code":  # the language switch: English, so the world's people keep reading English
            values[arg] = "en"
        elif arg in ("schema_id", "rest"):  # SCIM: a schema's id, any other address under /scim/v2
            values[arg] = "urn:example"
        else:
            values[arg] = getattr(target, arg.removesuffix("_id"))
    return values


def outcome(response, flashes) -> str:
    status = response.status_code
    if status == 401:
        return "L"
    if status in (301, 302, 303, 307, 308):
        location = urlsplit(response.headers.get("Location", "")).path
        if location == "/login":
            # Signing out ends at the sign-in page too, with a word that it worked.
            return "o" if any(category == "success" for category, _ in flashes) else "L"
        return "x" if any(category == "error" for category, _ in flashes) else "o"
    if status == 403:
        return "x"
    if status == 404:
        return "4"
    if status < 300 or status in (400, 409, 410, 422):
        return "o"  # 410: an emailed link checked and found used up or made up
    return f"?{status}"


def run_case(app, world, endpoint: str, method: str, ownership: str, role: str):
    """Send one request as ``role`` to ``endpoint``; returns (outcome, response)."""
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint and method in r.methods)
    me = world.own[role]
    target = world.other if ownership == "other" else me
    app.extensions["clock"].set(_sprint_noon(DAY.get(endpoint, 3)))
    savepoint = world.connection.begin_nested()
    try:
        with app.app_context():
            if endpoint in PREPARE:
                PREPARE[endpoint](world, target)
                _db.session.commit()
            with app.test_request_context():
                from flask import url_for

                url = url_for(endpoint, **_url_values(rule, me, target))
        client = app.test_client()
        is_api = endpoint.startswith("api.")
        kwargs = {}
        if is_api:
            if role != "anon":
                kwargs["headers"] = {"Authorization": f"Bearer {world.tokens[role]}"}
            if (endpoint, method) in BODIES:
                kwargs["json"] = BODIES[(endpoint, method)](world, me, target)
        else:
            if role != "anon":
                with client.session_transaction() as session:
                    session["_user_id"] = world.logins[role]
                    session["_fresh"] = True
            if (endpoint, method) in FORMS:
                kwargs["data"] = FORMS[(endpoint, method)](world, me, target)
        response = client.open(url, method=method, **kwargs)
        flashes = []
        if not is_api:
            with client.session_transaction() as session:
                flashes = session.get("_flashes", [])
        return outcome(response, flashes), response
    finally:
        with app.app_context():
            _db.session.registry().close()
        savepoint.rollback()
        app.extensions["clock"].set(START)


@pytest.mark.parametrize(("endpoint", "method", "ownership", "role"), list(_cases()))
def test_access(app, world, endpoint, method, ownership, role):
    assert (endpoint, method) in EXPECTED, f"{method} {endpoint} has no row in EXPECTED"
    expected = _expected(endpoint, method, ownership, role)
    got, response = run_case(app, world, endpoint, method, ownership, role)
    assert got == expected, (
        f"{method} {endpoint} ({ownership}) as {role}: expected {expected!r}, got {got!r} "
        f"(status {response.status_code}, Location {response.headers.get('Location')!r})"
    )


def test_every_route_is_in_the_table():
    """A new route fails here until someone writes down who may use it."""
    routes = {(rule.endpoint, method) for rule, method in _rules(_COLLECT_APP)}
    missing = sorted(routes - EXPECTED.keys())
    stale = sorted(EXPECTED.keys() - routes)
    assert not missing, f"routes with no row in the access table: {missing}"
    assert not stale, f"rows for routes that no longer exist: {stale}"


def test_the_api_refuses_whom_the_pages_refuse():
    """For the same action, the API and the page let the same people through."""
    def normalise(row):
        return row if isinstance(row, dict) else {"own": row, "other": row}

    for api_endpoint, page_endpoint in SAME_ACTION.items():
        api_row = next(v for (e, _), v in EXPECTED.items() if e == api_endpoint)
        page_rows = [v for (e, m), v in EXPECTED.items() if e == page_endpoint and m != "GET"] or [
            v for (e, _), v in EXPECTED.items() if e == page_endpoint
        ]
        for page_row in page_rows:
            assert normalise(api_row) == normalise(page_row), f"{api_endpoint} and {page_endpoint} disagree"


def test_hidden_idea_history_is_for_moderators(app, world):
    """Members see only the notice of a hidden idea; its earlier versions are hidden too."""
    def history_as(role):
        savepoint = world.connection.begin_nested()
        try:
            with app.app_context():
                from ideashub.ideas import services

                services.edit_idea(_person(world.stranger), world.other.idea,
                                   services.IdeaText("Another title", "Rude words.", "More rude words.", "", []), START)
                _hide_idea(world, world.other)
                _db.session.commit()
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"] = world.logins[role]
            return client.get(f"/ideas/{world.other.idea}/history")
        finally:
            with app.app_context():
                _db.session.registry().close()
            savepoint.rollback()

    member = history_as("member")
    assert member.status_code == 403
    assert b"Residents wait weeks" not in member.data  # the text before the edit
    moderator = history_as("moderator")
    assert moderator.status_code == 200
    assert b"Residents wait weeks" in moderator.data

