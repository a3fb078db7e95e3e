"""The matching engine's rules: which ideas are offered as similar, which people as helpers, and why."""

from __future__ import annotations

import pytest

from ideashub.ideas.models import Stage
from ideashub.matching import engine
from ideashub.matching.models import Invitation, InvitationStatus
from ideashub.projects.models import Project, ProjectIdea, ProjectMember

BINS = dict(title="Plan bin collection rounds with mapping software",
            problem="Refuse lorries double back on their rounds and burn diesel because routes are drawn by hand.",
            proposal="Buy route planning software for the waste fleet.", benefit="Less fuel and fewer missed bins.")


@pytest.fixture
def bins_idea(make_idea):
    return make_idea(**BINS, tags=["waste"])


def ids(found):
    return [m.idea.id for m in found]


# --- Similar ideas -------------------------------------------------------------------------------

def test_a_duplicate_in_other_words_is_found_with_its_reason(bins_idea, make_idea):
    make_idea(title="Library opening hours on Sundays", problem="Families can only visit at weekends.")
    found = engine.similar_ideas("Route optimisation for bin lorries",
                                 "Our refuse crews drive the same rounds for years and waste fuel crossing town twice.")
    assert ids(found) == [bins_idea.id]
    assert engine.SIMILAR_THRESHOLD <= found[0].score <= 1
    assert "same words:" in found[0].reason and "rounds" in found[0].reason
    assert "lorries" in found[0].reason  # bin lorries ~ refuse lorries


def test_text_unlike_every_idea_gets_nothing(bins_idea):
    assert engine.similar_ideas("Sunday opening at the museum", "Visitors want to come at weekends.") == []
    assert engine.similar_ideas("", "") == []
    assert engine.similar_ideas("the and of with", "") == []  # function words only


def test_one_shared_subject_word_is_not_enough(make_idea):
    make_idea(title="Digital training for parking staff",
              problem="Civil enforcement officers have never been trained on the handheld devices they carry.")
    assert engine.similar_ideas("Library opening on Sundays", "Families can only visit the library at weekends.") == []
    found = engine.similar_ideas("Digital parking permits",
                                 "Residents queue at the office to buy paper permits for their street.")
    assert all(m.score < 0.3 for m in found)


def test_tags_count_and_are_named(bins_idea, make_idea):
    other = make_idea(title="Weekly caddy collections for food scraps",
                      problem="Food goes in the black bag and the refuse lorries take it to landfill.", tags=["waste"])
    found = engine.similar_to_idea(other)
    assert bins_idea.id in ids(found)
    assert "same tag: waste" in next(m for m in found if m.idea.id == bins_idea.id).reason


@pytest.mark.parametrize("state", ["hidden", "withdrawn", "merged"])
def test_ideas_off_the_board_are_never_offered(bins_idea, make_idea, db, clock, state):
    target = make_idea(title="Mapping software for refuse rounds", problem="Bin lorries drive rounds planned by hand.")
    assert target.id in ids(engine.similar_to_idea(bins_idea))
    if state == "hidden":
        target.hidden_at = clock.now()
    elif state == "withdrawn":
        target.withdrawn_at = clock.now()
    else:
        target.merged_into_id = bins_idea.id
        target.stage = Stage.MERGED
    db.session.commit()
    assert target.id not in ids(engine.similar_to_idea(bins_idea))
    assert target.id not in ids(engine.similar_ideas(BINS["title"], BINS["problem"]))


@pytest.mark.parametrize("stage", [Stage.PARKED, Stage.NOT_TAKEN_FORWARD, Stage.DELIVERED])
def test_parked_declined_and_delivered_ideas_are_offered_with_their_stage(bins_idea, db, stage):
    bins_idea.stage = stage
    db.session.commit()
    found = engine.similar_ideas("Mapping software for bin rounds", "Refuse lorries waste diesel on rounds planned by hand.")
    assert ids(found) == [bins_idea.id]
    assert found[0].idea.stage == stage


def test_an_idea_is_never_similar_to_itself_and_exclude_is_kept(bins_idea, make_idea):
    twin = make_idea(title="Route planning software for bin rounds", problem=BINS["problem"])
    assert ids(engine.similar_to_idea(bins_idea)) == [twin.id]
    assert engine.similar_ideas(BINS["title"], BINS["problem"], exclude=[bins_idea.id, twin.id]) == []


def test_best_first_and_limit(make_idea):
    close = make_idea(title="Plan bin collection rounds with mapping software", problem=BINS["problem"])
    looser = make_idea(title="Mapping software for gritting routes", problem="Gritters double back on their routes.")
    found = engine.similar_ideas(BINS["title"], BINS["problem"])
    assert ids(found)[0] == close.id and looser.id in ids(found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert ids(engine.similar_ideas(BINS["title"], BINS["problem"], limit=1)) == [close.id]
    assert engine.similar_ideas(BINS["title"], BINS["problem"], limit=0) == []


def test_the_index_follows_edits(bins_idea, db):
    assert engine.similar_ideas("Warm spaces in libraries", "People cannot afford to heat their homes.") == []
    bins_idea.title = "Warm spaces in libraries"
    bins_idea.problem = "People cannot afford to heat their homes this winter."
    db.session.commit()
    assert ids(engine.similar_ideas("Warm spaces in libraries", "People cannot afford to heat their homes.")) == [bins_idea.id]


def test_welsh_words_match(make_idea):
    welsh = make_idea(title="Ailgylchu gwastraff bwyd mewn ysgolion",
                      problem="Mae ysgolion yn taflu llawer o wastraff bwyd i'r bin cyffredinol bob dydd.")
    found = engine.similar_ideas("Casglu gwastraff bwyd o ffreuturau ysgol",
                                 "Mae bwyd dros ben o ysgolion yn mynd i safleoedd tirlenwi yn lle cael ei ailgylchu.")
    assert ids(found) == [welsh.id]
    assert "bwyd" in found[0].reason


def test_accents_do_not_matter(make_idea):
    idea = make_idea(title="Gorsafoedd dŵr yfed yn y parciau", problem="Mae pobl yn prynu poteli plastig am nad oes dŵr.")
    assert ids(engine.similar_ideas("Gorsafoedd dwr yfed", "Poteli plastig yn y parciau")) == [idea.id]


@pytest.mark.parametrize("hostile", [
    '"bin" OR "*', "bin* NEAR(rounds refuse, 2)", "title:bin - rounds", "bin AND NOT rounds ^ (",
    "'bin' & !rounds | :* <->", "\\\" ' ; DROP TABLE ideas; --", "****", "NEAR", "-", ":",
])
def test_query_syntax_in_typed_text_is_harmless(bins_idea, hostile):
    found = engine.similar_ideas(hostile, hostile)
    assert isinstance(found, list)  # no error from the index
    with_words = engine.similar_ideas(f"{hostile} bin collection rounds mapping", f"{hostile} refuse lorries diesel")
    assert ids(with_words) == [bins_idea.id]


def test_oversized_text_is_trimmed_not_an_error(bins_idea):
    huge = "Plan bin collection rounds with mapping software " + "padding " * 20_000
    assert ids(engine.similar_ideas(huge, huge)) == [bins_idea.id]
    tail_only = "x " * engine.MAX_TEXT + "bin collection rounds mapping software refuse lorries"
    assert engine.similar_ideas(tail_only) == []  # only the first MAX_TEXT characters are read


# --- People who could help -----------------------------------------------------------------------

@pytest.fixture
def people(make_user, make_team, make_org, bins_idea, db):
    """The bins idea's author's team, another team of the same organisation, another organisation."""
    def person(team, skills="", bio=""):
        user = make_user(team=team)
        user.skills, user.bio = skills, bio
        db.session.commit()
        return user

    home = bins_idea.team
    sister = make_team(organisation=home.organisation)
    elsewhere = make_team()
    return {
        "same_team": person(home, "route planning, GIS", "I plan refuse rounds with mapping software."),
        "sister": person(sister, "route planning, vehicle tracking", "Fleet manager."),
        "other_org": person(elsewhere, "route planning, mapping", "I plan bin lorry rounds for a neighbouring council."),
        "unrelated": person(elsewhere, "payroll, pensions", "I run the payroll."),
        "teams": (home, sister, elsewhere), "person": person,
    }


def helper_ids(found):
    return [h.user.id for h in found]


def test_helpers_other_teams_first_with_reasons(bins_idea, people):
    found = engine.helpers_for(bins_idea)
    order = helper_ids(found)
    assert order[:3] == [people["other_org"].id, people["sister"].id, people["same_team"].id]
    assert people["unrelated"].id not in order
    first = found[0]
    assert first.reasons[0].startswith("skills: route planning")
    assert any(r.startswith("profile mentions") for r in first.reasons)
    assert all(0 < h.score <= 1 for h in found)


def test_helpers_never_the_author_deactivated_declined_or_excluded(bins_idea, people, db, clock):
    author = bins_idea.author
    author.skills = "route planning, mapping"
    people["other_org"].active = False
    db.session.add(Invitation(idea_id=bins_idea.id, user_id=people["sister"].id, invited_by_id=author.id,
                              status=InvitationStatus.DECLINED, created_at=clock.now(), answered_at=clock.now()))
    db.session.commit()
    order = helper_ids(engine.helpers_for(bins_idea, exclude_user_ids=[people["same_team"].id]))
    for gone in (author.id, people["other_org"].id, people["sister"].id, people["same_team"].id):
        assert gone not in order
    # Only "not my area" removes someone: a person merely invited is still suggested.
    invited = Invitation.query.filter_by(user_id=people["sister"].id).one()
    invited.status = InvitationStatus.INVITED
    db.session.commit()
    assert people["sister"].id in helper_ids(engine.helpers_for(bins_idea))


def test_helpers_from_work_on_similar_ideas(bins_idea, people, make_idea, make_response, db, clock):
    elsewhere = people["teams"][2]
    past = make_idea(title="Smarter recycling rounds", problem="Refuse lorries drive half-empty on some rounds.")
    older = make_idea(title="Mapping software for refuse rounds", problem="Bin rounds are planned by hand.")
    offerer, answerer, worker = (people["person"](elsewhere) for _ in range(3))
    make_response(past, author=offerer, kind="offer", body="I can lend our routing licence.")
    make_response(past, author=answerer, kind="question", body="Which depots?")
    make_response(older, author=answerer, kind="build", body="And add the gritting rounds.")
    project = Project(name="Round planner", goal="Plan rounds", lead_id=worker.id, created_by_id=worker.id,
                      created_at=clock.now(), updated_at=clock.now())
    db.session.add(project)
    db.session.flush()
    db.session.add_all([ProjectIdea(project_id=project.id, idea_id=older.id),
                        ProjectMember(project_id=project.id, user_id=worker.id, team_id=elsewhere.id,
                                      hours_per_week=3, joined_at=clock.now())])
    db.session.commit()
    found = {h.user.id: h for h in engine.helpers_for(bins_idea, limit=10)}
    assert "offered help on “Smarter recycling rounds”" in found[offerer.id].reasons
    assert "answered 2 similar ideas" in found[answerer.id].reasons
    assert "works on the project “Round planner”" in found[worker.id].reasons


def test_no_helpers_when_nobody_matches(make_idea, make_user, db):
    idea = make_idea(title="Sunday opening at the museum", problem="Visitors want to come at weekends.")
    someone = make_user()
    someone.skills = "payroll"
    db.session.commit()
    assert engine.helpers_for(idea) == []
    assert engine.helpers_for(idea, limit=0) == []


def test_where_someone_works_is_not_evidence_of_what_they_know(make_idea, make_user, make_team, make_org, db):
    """A bio naming the person's council or hospital matches ideas naming the same place; that is
    not a reason to invite them. The subject of the idea is."""
    riverside = make_org(name="Riverside General Hospital")
    ward = make_team(name="Ward Seven", organisation=riverside)
    idea = make_idea(title="Open Riverside General's canteen to night staff",
                     problem="Night nurses at Riverside General have nowhere to buy a hot meal after 8pm.")
    located = make_user(team=ward)
    located.bio = "Ward sister at Riverside General Hospital."
    cook = make_user(team=make_team())
    cook.bio = "I run the hospital canteen and plan the catering for night shifts."
    db.session.commit()
    found = {h.user.id: h for h in engine.helpers_for(idea)}
    assert located.id not in found
    assert cook.id in found
    assert not any("riverside" in r or "general" in r for r in found[cook.id].reasons)


def test_contractions_leave_no_fragments_in_the_reason(make_idea):
    make_idea(title="Bin calendars in Polish and Urdu",
              problem="Residents tell us they're not sure what goes in which bin; we're getting contaminated recycling.")
    found = engine.similar_ideas("Bin calendars in other languages", "They're confused about recycling and we're losing loads.")
    assert found and " re," not in found[0].reason + "," and "re;" not in found[0].reason
    assert all(word not in found[0].reason.replace(";", ",").split(", ") for word in ("re", "ll", "ve"))
