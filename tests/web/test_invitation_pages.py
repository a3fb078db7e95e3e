"""Invitations as pages, without JavaScript: the idea page's "People who could help" panel, the
invitee's banner and "Not my area", the hearing box's counts, the moderators' Needs a hearing
queue with one-click invites, and Your account, Invitations. Who may and who may not."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from ideashub.extensions import db as _db
from ideashub.matching import invitations
from ideashub.matching.models import Invitation, InvitationStatus


def _count() -> int:
    return _db.session.scalar(select(func.count()).select_from(Invitation))


@pytest.fixture
def world(db, make_user, make_idea, make_team):
    author = make_user(name="Siobhan Murphy")
    idea = make_idea(author=author, title="Book repairs online", tags=["repairs"])
    away = make_team(name="Digital services")
    experts = []
    for n, skills in enumerate(["repairs, booking", "repairs, scheduling", "online repairs, data"]):
        person = make_user(name=f"Expert {n}", team=away)
        person.skills = skills
        experts.append(person)
    _db.session.commit()
    return SimpleNamespace(author=author, idea=idea, experts=experts, moderator=make_user(role="moderator"))


def _page(client, url) -> str:
    return client.get(url).get_data(as_text=True)


def test_the_author_sees_people_who_could_help_with_reasons_and_invites_them_without_javascript(client, auth, world):
    auth.login(world.author)
    page = _page(client, f"/ideas/{world.idea.id}")
    assert "People who could help" in page
    assert "Expert 0" in page and "Digital services" in page and "skills: repairs" in page
    assert f'action="/ideas/{world.idea.id}/invitations"' in page and 'name="user_ids"' in page
    assert "Invite the people ticked" in page
    answer = client.post(f"/ideas/{world.idea.id}/invitations", data={
        "user_ids": [world.experts[0].id, world.experts[1].id], "note": "You ran the repairs pilot."})
    assert answer.status_code == 302 and answer.headers["Location"] == f"/ideas/{world.idea.id}"
    assert _count() == 2
    page = _page(client, f"/ideas/{world.idea.id}")
    assert "Invited Expert 0 and Expert 1 to hear this idea." in page
    assert "2 invited · 0 responded" in page
    assert page.count("Invited: <span") == 2  # they show their status instead of a tick box
    third = world.experts[2].id
    assert f'value="{third}" id="invite-{third}"' in page


def test_another_member_sees_the_people_but_no_invite_controls_and_is_refused(client, auth, world, make_user):
    auth.login(make_user())
    page = _page(client, f"/ideas/{world.idea.id}")
    assert "People who could help" in page and "Expert 0" in page
    assert f'action="/ideas/{world.idea.id}/invitations"' not in page and "Invite the people ticked" not in page
    assert client.post(f"/ideas/{world.idea.id}/invitations", data={"user_ids": [world.experts[0].id]}).status_code == 403
    assert client.get(f"/ideas/{world.idea.id}/invitations").status_code == 403
    assert _count() == 0


def test_a_refused_invitation_shows_the_form_again_with_the_reason_and_the_note_kept(client, auth, world):
    auth.login(world.author)
    empty = client.post(f"/ideas/{world.idea.id}/invitations", data={"note": "Keep this note."})
    text = empty.get_data(as_text=True)
    assert empty.status_code == 422 and "Choose at least one person to invite." in text and "Keep this note." in text
    long = client.post(f"/ideas/{world.idea.id}/invitations", data={"user_ids": [world.experts[0].id], "note": "x" * 501})
    assert long.status_code == 422 and "Use at most 500 characters" in long.get_data(as_text=True)
    client.post(f"/ideas/{world.idea.id}/invitations", data={"user_ids": [world.experts[0].id]})
    again = client.post(f"/ideas/{world.idea.id}/invitations", data={"user_ids": [world.experts[0].id]})
    assert again.status_code == 409 and "Expert 0 is already invited to hear this idea." in again.get_data(as_text=True)
    yourself = client.post(f"/ideas/{world.idea.id}/invitations", data={"user_ids": [world.author.id]})
    assert yourself.status_code == 409 and "You cannot invite yourself." in yourself.get_data(as_text=True)
    assert _count() == 1


def test_the_invite_page_lists_who_was_invited_and_how_they_answered(client, auth, world, clock):
    invitations.invite(world.author, world.idea.id, [world.experts[0].id], "", clock.now())
    invitations.decline(world.experts[0], _db.session.scalar(select(Invitation.id)), clock.now())
    _db.session.commit()
    auth.login(world.moderator)
    page = _page(client, f"/ideas/{world.idea.id}/invitations")
    assert "Invite people to hear this idea" in page and "1 invited · 0 responded" in page
    assert "not their area" in page and "Expert 1" in page
    # Declined people are not suggested again.
    assert f'id="invite-{world.experts[0].id}"' not in page


def test_the_invitee_sees_the_banner_responds_and_the_hearing_box_counts_it(client, auth, world, clock):
    invitations.invite(world.author, world.idea.id, [world.experts[0].id], "You know the booking system.", clock.now())
    _db.session.commit()
    auth.login(world.experts[0])
    page = _page(client, f"/ideas/{world.idea.id}")
    assert "Siobhan Murphy invited you to hear this idea" in page and "“You know the booking system.”" in page
    assert f'href="/ideas/{world.idea.id}#response-form">Respond</a>' in page and "Not my area" in page
    assert "1 invited · 0 responded" in page
    posted = client.post(f"/ideas/{world.idea.id}/responses", data={"kind": "build", "body": "Yes, and we could use the booking system."})
    assert posted.status_code == 302, posted.get_data(as_text=True)
    page = _page(client, f"/ideas/{world.idea.id}")
    assert "invited you to hear this idea" not in page
    assert "1 invited · 1 responded" in page


def test_not_my_area_from_the_banner_and_nobody_else_may_answer_it(client, auth, world, clock, make_user):
    [made] = invitations.invite(world.author, world.idea.id, [world.experts[0].id], "", clock.now())
    _db.session.commit()
    auth.login(make_user())
    assert client.post(f"/invitations/{made.id}/decline").status_code == 403
    assert client.post("/invitations/2000000000/decline").status_code == 404
    auth.logout()
    auth.login(world.experts[0])
    answer = client.post(f"/invitations/{made.id}/decline", data={"next": f"/ideas/{world.idea.id}"})
    assert answer.status_code == 302 and answer.headers["Location"] == f"/ideas/{world.idea.id}"
    assert _db.session.get(Invitation, made.id).status == InvitationStatus.DECLINED
    page = _page(client, f"/ideas/{world.idea.id}")
    assert "You will not be suggested for this idea again." in page and "invited you to hear" not in page
    again = client.post(f"/invitations/{made.id}/decline", data={"next": f"/ideas/{world.idea.id}"})
    assert "already said" in _page(client, again.headers["Location"])


def test_the_account_tab_lists_invitations_with_their_answers(client, auth, world, clock, make_idea):
    other = make_idea(author=world.author, title="Text tenants before a visit")
    invitations.invite(world.author, world.idea.id, [world.experts[0].id], "You know the booking system.", clock.now())
    invitations.invite(world.author, other.id, [world.experts[0].id], "", clock.now())
    _db.session.commit()
    auth.login(world.experts[0])
    page = _page(client, "/account/invitations")
    assert 'aria-current="page">Invitations</a>' in page
    assert "Book repairs online" in page and "Text tenants before a visit" in page and "“You know the booking system.”" in page
    assert page.count("Not my area") == 2
    made = invitations.invitation_of(world.experts[0].id, other.id)
    client.post(f"/invitations/{made.id}/decline", data={"next": "/account/invitations"})
    page = _page(client, "/account/invitations")
    assert page.count("Not my area") == 1 and "You said it is not your area" in page


def test_an_empty_account_tab_says_what_it_is_for(client, auth, make_user):
    auth.login(make_user())
    assert "Nobody has invited you to hear an idea yet." in _page(client, "/account/invitations")


def test_a_withdrawn_idea_has_no_panel_and_refuses_invitations(client, auth, world, clock):
    from ideashub.ideas import services as ideas

    ideas.withdraw_idea(world.author, world.idea.id, clock.now())
    _db.session.commit()
    auth.login(world.author)
    assert "People who could help" not in _page(client, f"/ideas/{world.idea.id}")
    answer = client.post(f"/ideas/{world.idea.id}/invitations", data={"user_ids": [world.experts[0].id]})
    assert answer.status_code == 409 and "withdrawn" in answer.get_data(as_text=True)
    assert _count() == 0


def test_the_queue_suggests_three_people_per_idea_with_one_click_invites(client, auth, world, clock):
    clock.advance(days=8)  # past its hearing days, nobody answered
    auth.login(world.moderator)
    page = _page(client, "/hearing/queue")
    assert "Book repairs online" in page and "People to invite" in page
    assert page.count('name="user_ids"') == 3 and "skills: repairs" in page
    assert "Invite<span class=\"visually-hidden\"> Expert 0 to hear “Book repairs online”</span>" in page
    answer = client.post(f"/ideas/{world.idea.id}/invitations",
                         data={"user_ids": world.experts[0].id, "next": "/hearing/queue"})
    assert answer.status_code == 302 and answer.headers["Location"] == "/hearing/queue"
    page = _page(client, "/hearing/queue")
    assert "Invited Expert 0 to hear this idea." in page
    assert page.count('name="user_ids"') == 2  # the invited person is not offered again
    assert invitations.counts(world.idea.id).invited == 1


def test_the_queue_is_for_moderators_and_the_invite_refused_to_members(client, auth, world, clock, make_user):
    clock.advance(days=8)
    auth.login(make_user())
    assert client.get("/hearing/queue").status_code == 403
    assert client.post(f"/ideas/{world.idea.id}/invitations",
                       data={"user_ids": world.experts[0].id, "next": "/hearing/queue"}).status_code == 403


def test_the_board_does_not_ask_for_invitation_counts(client, auth, world, clock):
    invitations.invite(world.author, world.idea.id, [world.experts[0].id], "", clock.now())
    _db.session.commit()
    auth.login(world.author)
    assert "invited ·" not in _page(client, "/ideas/")
