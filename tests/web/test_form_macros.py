"""Forms, action buttons and filter bars, all drawn by the macros in templates/macros/.

What a person or an attacker would notice: every form that changes something
carries the CSRF token and is refused without it; the filters never put the
token in an address; a filter bar keeps what was chosen; the idea's fields
are the same wherever an idea is posted; stages are shown by their label.
"""

import re


def _forms(page: str, method: str) -> list[str]:
    """The markup of each form of a page sent with `method`."""
    return re.findall(rf'<form[^>]* method="{method}".*?</form>', page, flags=re.S)


def test_every_post_form_carries_the_csrf_token(client, auth, make_user, make_idea, make_response):
    idea = make_idea()
    make_response(idea)
    moderator = make_user(role="admin")
    auth.login(moderator)
    for url in ("/ideas/", f"/ideas/{idea.id}", f"/hearing/ideas/{idea.id}/move", "/admin/organisations",
                f"/admin/people/{moderator.id}", "/hearing/reports"):
        forms = _forms(client.get(url).get_data(as_text=True), "post")
        assert forms, url
        for form in forms:
            assert len(re.findall(r'<input type="hidden" name="csrf_token" value="[^"]+">', form)) == 1, (url, form)


def test_filter_bars_never_put_the_token_in_an_address(client, auth, make_user, make_idea):
    make_idea()
    auth.login(make_user(role="admin"))
    for url in ("/ideas/", "/projects/", "/insights/", "/insights/top", "/people/", "/admin/people", "/admin/audit"):
        forms = _forms(client.get(url).get_data(as_text=True), "get")
        assert len(forms) == 1 and 'role="search"' in forms[0], url
        assert "csrf_token" not in forms[0], url


def test_an_action_button_works_with_its_token_and_is_refused_without(client, auth, make_user, make_idea, csrf_on):
    idea = make_idea()
    supporter = make_user()
    login_page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', login_page).group(1)
    client.post("/login", data={"email": supporter.email, "password": "correct horse battery staple", "csrf_token": token})
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    button = next(f for f in _forms(page, "post") if "data-support-form" in f)
    assert "Support this idea" in button
    assert client.post(f"/ideas/{idea.id}/support", data={}).status_code == 400
    assert "1 supporter from 1 team" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', button).group(1)
    assert client.post(f"/ideas/{idea.id}/support", data={"csrf_token": token}).status_code in (302, 303)
    assert "1 supporter from 1 team" in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


def _chosen(page: str, select_id: str) -> list[str]:
    """The values of the chosen options of one drop-down list."""
    select = re.search(rf'<select[^>]* id="{select_id}"[^>]*>(.*?)</select>', page, flags=re.S).group(1)
    return re.findall(r'<option value="([^"]*)" selected>', select)


def test_the_board_filter_bar_keeps_what_was_chosen(client, auth, make_user, make_idea, make_team):
    team = make_team()
    make_idea(author=make_user(team=team), tags=["falls"])
    auth.login(make_user())
    plain = client.get("/ideas/").get_data(as_text=True)
    assert all(_chosen(plain, name) == [] for name in ("organisation", "team", "tag", "sort"))
    assert "Clear filters" not in plain
    chosen = client.get(f"/ideas/?organisation={team.organisation_id}&team={team.id}&tag=falls&sort=new&q=bins").get_data(as_text=True)
    assert _chosen(chosen, "organisation") == [str(team.organisation_id)]
    assert _chosen(chosen, "team") == [str(team.id)]
    assert _chosen(chosen, "tag") == ["falls"]
    assert _chosen(chosen, "sort") == ["new"]
    assert 'id="q" name="q" value="bins"' in chosen
    assert f'<optgroup label="{team.organisation.name}">' in chosen
    assert "Clear filters" in chosen and ">Apply</button>" in chosen


def test_the_insights_use_the_same_filter_bar_with_their_own_filters(client, auth, make_user, make_team):
    team = make_team()
    auth.login(make_user(role="executive"))
    page = client.get(f"/insights/?period=90d&team={team.id}").get_data(as_text=True)
    assert _chosen(page, "period") == ["90d"] and _chosen(page, "team") == [str(team.id)]
    assert _chosen(page, "organisation") == []
    assert ">Show</button>" in page and 'id="sort"' not in page and "Clear filters" not in page
    top = client.get("/insights/top?by=cross_team").get_data(as_text=True)
    assert 'id="tag"' in top and 'id="challenge"' in top
    assert '<input type="hidden" name="by" value="cross_team">' in top


def test_the_idea_fields_are_the_same_on_the_board_and_in_a_challenge(client, auth, make_user, make_challenge, sprint_day):
    challenge = make_challenge()
    sprint_day(challenge, 2)
    auth.login(make_user())
    fields = re.compile(r'<label class="label " for="(\w+)">([^<]+)</label>')
    on_the_board = fields.findall(client.get("/ideas/new").get_data(as_text=True))
    in_a_challenge = fields.findall(client.get(f"/challenges/{challenge.id}/ideas/new").get_data(as_text=True))
    assert [name for name, _ in on_the_board] == ["title", "problem", "proposal", "benefit", "tags", "language"]
    assert in_a_challenge == on_the_board


def test_moves_are_logged_by_the_stage_label_never_its_code(client, auth, make_user, make_idea):
    idea = make_idea()
    auth.login(make_user(role="moderator"))
    moved = client.post(f"/hearing/ideas/{idea.id}/move", data={"version": idea.version, "stage": "shortlisted", "reason": ""})
    assert moved.status_code in (302, 303)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "to Shortlisted" in page and "shortlisted</" not in page and "idea.moved" not in page
    log = client.get("/hearing/log").get_data(as_text=True)
    assert "from Being heard to Shortlisted" in log and "shortlisted<" not in log and "idea.moved" not in log
