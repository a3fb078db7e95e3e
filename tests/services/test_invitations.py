"""Invitations to hear an idea: who may invite whom, the limits, all or nothing, the bell and the
email, "not my area", responding, the counts and the audit trail. Each rule on both sides."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from ideashub.core import outbox
from ideashub.core.activity import Activity
from ideashub.core.errors import Conflict, Forbidden, Invalid, NotFound
from ideashub.extensions import db as _db
from ideashub.hearing.models import Notification
from ideashub.ideas.models import Stage
from ideashub.matching import engine, invitations
from ideashub.matching.invitations import TooManyInvitations
from ideashub.matching.models import Invitation, InvitationStatus


def _count() -> int:
    return _db.session.scalar(select(func.count()).select_from(Invitation))


def _bell(person) -> list[str]:
    return list(_db.session.scalars(select(Notification.text).where(Notification.user_id == person.id)))


@pytest.fixture
def world(make_user, make_idea, make_team):
    author = make_user(name="Siobhan Murphy")
    idea = make_idea(author=author, title="Book repairs online")
    people = [make_user(name=f"Helper {n}") for n in range(8)]
    return SimpleNamespace(author=author, idea=idea, people=people, moderator=make_user(role="moderator", name="Mo Moderator"))


def _invite(actor, idea, people, clock, note=""):
    made = invitations.invite(actor, idea.id, [p.id for p in people], note, clock.now())
    _db.session.commit()
    return made


# --- Who may invite --------------------------------------------------------------------------------


def test_the_author_invites_and_the_invitee_hears_it_in_the_bell_in_words(db, clock, world):
    [made] = _invite(world.author, world.idea, world.people[:1], clock, note="You ran the pilot in Riverside.")
    assert made.status == InvitationStatus.INVITED and made.invited_by_id == world.author.id
    assert _bell(world.people[0]) == [
        "Siobhan Murphy invited you to hear “Book repairs online”: You ran the pilot in Riverside."]
    kind = _db.session.scalar(select(Notification.kind).where(Notification.user_id == world.people[0].id))
    assert kind == "invitation"


def test_without_a_note_the_bell_says_so_plainly(db, clock, world):
    _invite(world.author, world.idea, world.people[:1], clock)
    assert _bell(world.people[0]) == ["Siobhan Murphy invited you to hear “Book repairs online”."]


def test_a_moderator_may_invite_to_anyones_idea(db, clock, world):
    assert len(_invite(world.moderator, world.idea, world.people[:2], clock)) == 2


def test_another_member_may_not_and_nothing_is_stored(db, clock, world, make_user):
    with pytest.raises(Forbidden, match="Only the idea's author and moderators"):
        invitations.invite(make_user(), world.idea.id, [world.people[0].id], "", clock.now())
    assert _count() == 0 and _bell(world.people[0]) == []


def test_an_unknown_idea_is_not_found(db, clock, world):
    with pytest.raises(NotFound):
        invitations.invite(world.author, 2_000_000_000, [world.people[0].id], "", clock.now())


@pytest.mark.parametrize(("state", "allowed"), [
    ({"stage": Stage.BEING_HEARD}, True), ({"stage": Stage.SHORTLISTED}, True), ({"stage": Stage.IN_PROJECT}, True),
    ({"stage": Stage.PARKED}, True), ({"stage": Stage.DELIVERED}, False), ({"stage": Stage.NOT_TAKEN_FORWARD}, False),
    ({"stage": Stage.MERGED}, False), ({"withdrawn_at": "yes"}, False), ({"hidden_at": "yes"}, False),
])
def test_an_idea_can_be_heard_while_it_is_open(state, allowed):
    idea = SimpleNamespace(author_id=1, stage=Stage.BEING_HEARD, withdrawn_at=None, hidden_at=None)
    for name, value in state.items():
        setattr(idea, name, value)
    decision = invitations.can_invite(SimpleNamespace(id=1, role="member"), idea)
    assert bool(decision) is allowed
    if not allowed:
        assert decision.kind == "conflict" and decision.reason.endswith(".")


def test_a_hidden_idea_refuses_invitations_with_a_reason(db, clock, world):
    from ideashub.hearing import services as hearing

    hearing.hide_idea(world.moderator, world.idea.id, "Personal details in the text.", clock.now())
    with pytest.raises(Conflict, match="hidden"):
        invitations.invite(world.moderator, world.idea.id, [world.people[0].id], "", clock.now())
    assert _count() == 0


# --- Who may be invited: all or nothing ----------------------------------------------------------------


def test_nobody_chosen_is_refused(db, clock, world):
    with pytest.raises(Invalid) as refused:
        invitations.invite(world.author, world.idea.id, [], "", clock.now())
    assert refused.value.fields == {"user_ids": "Choose at least one person to invite."}


@pytest.mark.parametrize("bad", [["abc"], [None], [True], ["-3"], ["1" * 12]])
def test_ids_that_are_not_whole_numbers_are_refused(db, clock, world, bad):
    with pytest.raises(Invalid):
        invitations.invite(world.author, world.idea.id, bad, "", clock.now())
    assert _count() == 0


def test_an_unknown_person_refuses_the_whole_request(db, clock, world):
    with pytest.raises(Invalid, match="nobody with the number 2000000000"):
        invitations.invite(world.author, world.idea.id, [world.people[0].id, 2_000_000_000], "", clock.now())
    assert _count() == 0 and _bell(world.people[0]) == []


def test_a_deactivated_person_the_author_and_oneself_cannot_be_invited(db, clock, world, make_user):
    from ideashub.admin import services as admin

    gone = world.people[1]
    admin.set_active(make_user(role="admin"), gone.id, False, "Left the council in March.", clock.now())
    # Ids given as the form sends them (text) work the same.
    for chosen, words in (([gone.id], "Helper 1's account is deactivated"),
                          ([world.author.id], "Siobhan Murphy wrote this idea"),
                          ([str(world.moderator.id)], "You cannot invite yourself")):
        with pytest.raises(Conflict, match=words) as refused:
            invitations.invite(world.moderator, world.idea.id, [world.people[0].id, *chosen], "", clock.now())
        assert "user_ids" in refused.value.fields
    assert _count() == 0 and _bell(world.people[0]) == []


def test_someone_already_invited_is_refused_and_the_others_are_not_invited_either(db, clock, world):
    _invite(world.author, world.idea, world.people[:1], clock)
    with pytest.raises(Conflict, match="Helper 0 is already invited"):
        invitations.invite(world.moderator, world.idea.id, [world.people[1].id, world.people[0].id], "", clock.now())
    assert _count() == 1 and _bell(world.people[1]) == []


def test_the_same_person_twice_in_one_request_is_one_invitation(db, clock, world):
    person = world.people[0]
    made = invitations.invite(world.author, world.idea.id, [person.id, str(person.id)], "", clock.now())
    assert len(made) == 1


def test_a_note_up_to_500_characters_is_kept_and_longer_is_refused(db, clock, world):
    [made] = _invite(world.author, world.idea, world.people[:1], clock, note="x" * 500)
    assert made.note == "x" * 500
    with pytest.raises(Invalid) as refused:
        invitations.invite(world.author, world.idea.id, [world.people[1].id], "y" * 501, clock.now())
    assert "500" in refused.value.fields["note"]
    assert _count() == 1


# --- The limits --------------------------------------------------------------------------------------------


def test_five_people_per_idea_in_24_hours_and_no_sixth(db, clock, world):
    _invite(world.author, world.idea, world.people[:3], clock)
    with pytest.raises(Conflict, match="3 people were invited in the last 24 hours, so you can invite 2 more now, not 3"):
        invitations.invite(world.moderator, world.idea.id, [p.id for p in world.people[3:6]], "", clock.now())
    _invite(world.moderator, world.idea, world.people[3:5], clock)  # exactly five: allowed
    with pytest.raises(Conflict, match="has had its 5 today"):
        invitations.invite(world.author, world.idea.id, [world.people[5].id], "", clock.now())
    assert _count() == 5


def test_six_at_once_is_over_the_limit_too(db, clock, world):
    with pytest.raises(Conflict):
        invitations.invite(world.author, world.idea.id, [p.id for p in world.people[:6]], "", clock.now())
    assert _count() == 0


def test_the_idea_limit_frees_up_24_hours_later(db, clock, world):
    _invite(world.author, world.idea, world.people[:5], clock)
    clock.advance(hours=23, minutes=59)
    with pytest.raises(Conflict):
        invitations.invite(world.author, world.idea.id, [world.people[5].id], "", clock.now())
    clock.advance(minutes=1)
    assert len(_invite(world.author, world.idea, world.people[5:6], clock)) == 1


def test_each_person_invites_up_to_the_setting_a_day_across_ideas(db, clock, app, world, make_idea):
    app.config["INVITATIONS_PER_PERSON_PER_DAY"] = 3
    try:
        other = make_idea(author=world.author)
        _invite(world.moderator, world.idea, world.people[:2], clock)
        with pytest.raises(TooManyInvitations, match="up to 3 people a day") as refused:
            invitations.invite(world.moderator, other.id, [world.people[2].id, world.people[3].id], "", clock.now())
        assert refused.value.status == 429
        assert len(_invite(world.moderator, other, world.people[2:3], clock)) == 1  # the third fits
        # Someone else's invitations are counted for them, not for the moderator.
        assert len(_invite(world.author, other, world.people[3:4], clock)) == 1
    finally:
        app.config["INVITATIONS_PER_PERSON_PER_DAY"] = 20
    assert _count() == 4


# --- Answers -------------------------------------------------------------------------------------------------


def test_not_my_area_declines_and_takes_them_out_of_the_suggestions(db, clock, world, make_user):
    expert = make_user(name="Priya Repairs")
    expert.skills = "repairs, booking"
    _db.session.commit()
    assert expert.id in [h.user.id for h in engine.helpers_for(world.idea)]
    [made] = _invite(world.author, world.idea, [expert], clock)
    clock.advance(hours=1)
    declined = invitations.decline(expert, made.id, clock.now())
    _db.session.commit()
    assert declined.status == InvitationStatus.DECLINED and declined.answered_at == clock.now()
    assert expert.id not in [h.user.id for h in engine.helpers_for(world.idea)]
    with pytest.raises(Conflict, match="already said"):
        invitations.decline(expert, made.id, clock.now())


def test_only_the_invitee_may_decline(db, clock, world):
    [made] = _invite(world.author, world.idea, world.people[:1], clock)
    for someone in (world.author, world.moderator, world.people[1]):
        with pytest.raises(Forbidden):
            invitations.decline(someone, made.id, clock.now())
    assert _db.session.get(Invitation, made.id).status == InvitationStatus.INVITED
    with pytest.raises(NotFound):
        invitations.decline(world.people[0], 2_000_000_000, clock.now())


def test_responding_to_the_idea_answers_the_invitation_and_the_counts_show_it(db, clock, world, make_response):
    _invite(world.author, world.idea, world.people[:3], clock)
    assert invitations.counts(world.idea.id).summary == "3 invited · 0 responded"
    make_response(world.idea, author=world.people[0])
    make_response(world.idea, author=world.people[7])  # not invited: not counted
    invitation = invitations.invitation_of(world.people[0].id, world.idea.id)
    assert invitation.status == InvitationStatus.RESPONDED and invitation.answered_at is not None
    assert invitations.counts(world.idea.id).summary == "3 invited · 1 responded"
    with pytest.raises(Conflict, match="already responded"):
        invitations.decline(world.people[0], invitation.id, clock.now())


def test_a_declined_invitation_stays_declined_when_they_respond_after_all(db, clock, world, make_response):
    [made] = _invite(world.author, world.idea, world.people[:1], clock)
    invitations.decline(world.people[0], made.id, clock.now())
    make_response(world.idea, author=world.people[0])
    assert _db.session.get(Invitation, made.id).status == InvitationStatus.DECLINED


def test_a_persons_invitations_are_listed_newest_first_without_hidden_ideas(db, clock, world, make_idea):
    from ideashub.hearing import services as hearing

    later = make_idea(author=world.author, title="Text tenants before a visit")
    hidden = make_idea(author=world.author, title="Hidden one")
    person = world.people[0]
    _invite(world.author, world.idea, [person], clock)
    clock.advance(minutes=5)
    _invite(world.author, later, [person], clock)
    _invite(world.author, hidden, [person], clock)
    hearing.hide_idea(world.moderator, hidden.id, "Personal details in the text.", clock.now())
    assert [idea.title for _i, idea in invitations.invitations_of(person.id)] == [
        "Text tenants before a visit", "Book repairs online"]


# --- The record and the email -------------------------------------------------------------------------------


def test_each_invitation_is_recorded_in_words_without_its_note(app, db, clock, world):
    from ideashub.core import wording

    _invite(world.author, world.idea, world.people[:2], clock, note="A private word.")
    entries = list(_db.session.scalars(select(Activity).where(Activity.action == "invitation.sent").order_by(Activity.id)))
    assert len(entries) == 2 and all("A private word." not in str(e.data) for e in entries)
    with app.test_request_context():
        said = [line.sentence for line in wording.describe_all(entries)]
    assert said == ["Siobhan Murphy invited Helper 0 to hear the idea “Book repairs online”",
                    "Siobhan Murphy invited Helper 1 to hear the idea “Book repairs online”"]


def test_the_invitation_is_emailed_straight_away_by_default_and_not_when_turned_off(db, clock, smtp, world):
    from ideashub.reach import preferences

    quiet = world.people[1]
    preferences.update_settings(quiet, {"invitation": "off"}, clock.now())
    _invite(world.author, world.idea, world.people[:2], clock, note="You know the repairs desk.")
    outbox.pump(clock.now())
    [message] = smtp.to(world.people[0].email)
    assert "Siobhan Murphy invited you to hear “Book repairs online”" in message["Subject"]
    assert "You know the repairs desk." in smtp.text(message)
    assert smtp.to(quiet.email) == []
    assert len(_bell(quiet)) == 1  # still in the bell


@pytest.mark.parametrize("raw", ["²", "9999999999", "-1", "0", True, 1.5])
def test_an_id_that_is_not_a_whole_number_in_range_is_refused_not_an_error(raw):
    with pytest.raises(Invalid):
        invitations._wanted_ids([raw])
