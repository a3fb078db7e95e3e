"""Journeys through the hub in a real browser, as the people who use it would make them."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import requests
from playwright.sync_api import expect

from tests.conftest import PASSWORD


def post_idea(hub, email: str, title: str, when: datetime | None = None) -> int:
    """An idea posted through the API by ``email`` (optionally at a past moment)."""
    if when:
        hub.set_clock(when)
    response = requests.post(
        hub.url + "/api/v1/ideas",
        json={"title": title, "problem": "Residents wait too long.", "proposal": "Try a shared booking slot.", "benefit": "Fewer calls."},
        headers={"Authorization": f"Bearer {hub.token(email)}"},
        timeout=10,
    )
    hub.set_clock(None)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def respond(hub, email: str, idea_id: int, body: str = "Yes, and we could pilot it in one ward.") -> None:
    response = requests.post(
        f"{hub.url}/api/v1/ideas/{idea_id}/responses",
        json={"kind": "build", "body": body},
        headers={"Authorization": f"Bearer {hub.token(email)}"},
        timeout=10,
    )
    assert response.status_code == 201, response.text


def mailed_link(mailbox, to: str, path_start: str) -> str:
    """The newest link starting with ``path_start`` the hub mailed to ``to`` (its worker, over SMTP)."""
    from tests.support.worker import wait_for

    def newest():
        for message in reversed(mailbox.to(to)):
            found = re.search(r"https?://[^/\s]+(" + re.escape(path_start) + r"\S+)", mailbox.text(message))
            if found:
                return found.group(1)
        return None

    link = wait_for(newest, timeout=30)
    assert link, f"no mail to {to} with a {path_start} link"
    return link


def test_a_newcomer_registers_with_an_organisation_email_picks_a_team_and_posts_an_idea(hub, web, mailbox):
    hub.people(1, teams=2)  # the Live Council and its teams exist
    page = web.go("/login")
    page.click("text=Create an account")
    web.accessible("register form")
    page.fill("#name", "Nia Evans")
    page.fill("#email", "Nia.Evans@live.gov.uk")
    page.select_option("#team_id", label="Team 1")
    page.fill("#password", "library cards for every new tenant")
    page.fill("#confirm", "library cards for every new tenant, again")
    page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_contain_text("The passwords do not match")
    web.accessible("register form with errors")
    page.fill("#password", "library cards for every new tenant")
    page.fill("#confirm", "library cards for every new tenant")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Check your email")
    web.accessible("check your email")

    page = web.go(mailed_link(mailbox, "nia.evans@live.gov.uk", "/register/finish/"))
    web.accessible("finish registration")
    page.click("main button:has-text('Create my account')")
    page.wait_for_url(re.compile(r".*/ideas/$"))
    expect(page.locator("body")).to_contain_text("Welcome to the hub")

    page = web.go("/ideas/new")
    page.fill("#title", "Give every new tenant a library card")
    page.fill("#problem", "New tenants often do not know what the library offers: free wifi, printing, help with forms.")
    page.fill("#proposal", "Hand a library card in the welcome pack, with the opening times of the nearest branch.")
    page.click("button:has-text('Post the idea')")
    # Other journeys share this hub: if it first shows ideas like this one, the newcomer posts anyway.
    check = page.locator("#similar-check-h")
    expect(check.or_(page.locator(".idea-head"))).to_be_visible()
    if check.count():
        web.accessible("similar ideas before posting")
        page.click("button:has-text('Post my idea anyway')")
    page.wait_for_url(re.compile(r".*/ideas/\d+$"))
    expect(page.locator("main")).to_contain_text("Give every new tenant a library card")
    expect(page.locator("main")).to_contain_text("Team 1")
    expect(page.locator("main")).to_contain_text("Nia Evans")
    web.accessible("the newcomer's idea")


def test_a_colleague_from_another_team_supports_and_builds_on_an_idea(hub, web):
    author, colleague = hub.people(2, teams=2)
    idea_id = post_idea(hub, author, "Book handyperson visits from the district nurses' app")
    web.sign_in(colleague, PASSWORD)
    page = web.go(f"/ideas/{idea_id}")
    web.accessible("idea page")
    page.click("button:has-text('Support this idea')")
    page.wait_for_selector("text=1 supporter from 1 team")
    expect(page.locator("#live-region")).to_contain_text("Thanks for your support")
    page.check("#kind-0")
    page.fill("#body", "Yes, and the carers' agency could use the same slots.")
    page.click("button:has-text('Post response')")
    page.wait_for_url(re.compile(rf".*/ideas/{idea_id}#response-\d+"))
    assert "the carers' agency could use the same slots" in page.content()
    web.accessible("after responding")
    web.screenshot("idea-page")


def heard_idea(hub, title: str) -> tuple[int, str]:
    """An idea posted six days ago and answered by three people, one from another team."""
    # people() alternates teams: the author and the third person share a team, the others do not.
    author, other_team, same_team, other_team_too = hub.people(4, teams=2)
    idea_id = post_idea(hub, author, title, when=hub.now() - timedelta(days=6))
    for email in (other_team, same_team, other_team_too):
        respond(hub, email, idea_id)
    return idea_id, author


def card(page, idea_id: int):
    return page.locator(f'.card[data-idea-id="{idea_id}"]')


def drag(page, source, target) -> None:
    """Drag with the mouse as a person would: press on the card, move, release over the column."""
    source.scroll_into_view_if_needed()
    box = source.locator(".card__meta").bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.down()
    page.mouse.move(box["x"] + 25, box["y"] + 25, steps=4)
    target.scroll_into_view_if_needed()
    drop = target.locator(".column__head").bounding_box()
    page.mouse.move(drop["x"] + 20, drop["y"] + 10, steps=8)
    page.mouse.up()


def test_a_moderator_triages_by_drag_and_by_keyboard_and_declines_only_heard_ideas(hub, web):
    (moderator,) = hub.people(1, role="moderator")
    fresh = post_idea(hub, hub.people(1)[0], "Fresh idea about missed bins")
    heard, author = heard_idea(hub, "Heard idea about paper timesheets")
    web.sign_in(moderator, PASSWORD)
    page = web.go("/ideas/?q=missed+bins")
    web.accessible("board as a moderator")

    # Drag a fresh idea to Shortlisted: allowed at once.
    drag(page, card(page, fresh), page.locator(".column--shortlisted"))
    expect(page.locator(f'.column--shortlisted .card[data-idea-id="{fresh}"]')).to_be_visible()
    expect(page.locator("#board-status")).to_contain_text("Moved “Fresh idea about missed bins” to Shortlisted")

    # Keyboard alone: tab to the card's Move to control, choose a column, press the button.
    select = card(page, fresh).locator("select[name=stage]")
    select.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    select.select_option("in_project")
    select.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(f'.column--in_project .card[data-idea-id="{fresh}"]')).to_be_visible()

    # Declining the fresh idea is refused while it is being heard.
    page = web.go(f"/hearing/ideas/{post_idea(hub, hub.people(1)[0], 'Another fresh idea')}/move?to=not_taken_forward")
    page.fill("#reason", "We already run a scheme that does this across the council.")
    page.click("button:has-text('Move the idea')")
    expect(page.locator(".error-summary")).to_contain_text("has not been heard yet")
    web.accessible("decline refused")

    # Dragging the heard idea to Not taken forward asks for the reason, then declines it.
    page = web.go("/ideas/?q=paper+timesheets")
    drag(page, card(page, heard), page.locator(".column--not_taken_forward"))
    page.wait_for_url(re.compile(r".*/hearing/ideas/\d+/move\?to=not_taken_forward.*"))
    page.click("button:has-text('Move the idea')")
    expect(page.locator(".error-summary")).to_contain_text("at least a full sentence")
    web.accessible("reason missing")
    page.fill("#reason", "The new contact centre system already does this from April, so we will not build a second one.")
    page.click("button:has-text('Move the idea')")
    expect(page.locator(f'.column--not_taken_forward .card[data-idea-id="{heard}"]')).to_be_visible()

    # The author sees the notification and the reason.
    web.sign_out()
    web.sign_in(author, PASSWORD)
    expect(page.locator(".bell-count")).to_be_visible()
    page = web.go("/hearing/notifications")
    expect(page.locator(".notification--unread").first).to_contain_text("The new contact centre system already does this")
    web.accessible("notifications")
    page = web.go(f"/ideas/{heard}")
    expect(page.locator(".decision--declined")).to_contain_text("The new contact centre system already does this")


def test_a_moderator_merges_two_duplicates(hub, web):
    (moderator,) = hub.people(1, role="moderator")
    a = post_idea(hub, hub.people(1)[0], "Text residents before bin day changes")
    b = post_idea(hub, hub.people(1)[0], "Send a text the day before collections change")
    requests.put(f"{hub.url}/api/v1/ideas/{a}/support", headers={"Authorization": f"Bearer {hub.token(hub.people(1)[0])}"}, timeout=10)
    web.sign_in(moderator, PASSWORD)
    page = web.go(f"/ideas/{a}")
    page.click("a:has-text('Merge into another idea')")
    web.accessible("merge form")
    # The other idea is found by its title (a GET search, no number typed) and chosen from the list.
    page.fill("#merge-q", "collections change")
    page.click("button:has-text('Search')")
    page.check(f"#into-{b}")
    page.click("button:has-text('Merge')")
    expect(page.locator("h1")).to_contain_text("Merge into “Send a text the day before collections change”?")
    web.accessible("merge confirmation")
    page.click("button:has-text('Yes, merge them')")
    page.wait_for_url(re.compile(rf".*/ideas/{b}$"))
    expect(page.locator(".support-panel__count")).to_contain_text("1 supporter")
    expect(page.locator("main")).to_contain_text("Merged into this idea")
    page = web.go(f"/ideas/{a}")
    expect(page.locator("main")).to_contain_text("This idea was merged into")


def test_a_moderator_makes_a_project_with_members_from_two_teams(hub, web):
    (moderator,) = hub.people(1, role="moderator")
    lead, from_a, from_b = hub.people(3, teams=3)
    idea = post_idea(hub, hub.people(1)[0], "One falls referral for GPs, paramedics and the council")
    web.sign_in(moderator, PASSWORD)
    page = web.go(f"/ideas/{idea}")
    page.click("a:has-text('Make a project from this idea')")
    expect(page.locator("#idea_ids")).to_have_value(str(idea))
    page.fill("#name", "One falls referral")
    page.fill("#goal", "A single referral used by all three organisations by April.")
    page.fill("#lead", lead)
    page.select_option("#status", "active")
    page.fill("#members-0-email", from_a)
    page.fill("#members-0-hours", "4")
    page.fill("#members-1-email", from_b)
    page.fill("#members-1-hours", "2.5")
    web.accessible("project form filled")
    page.click("button:has-text('Make the project')")
    page.wait_for_url(re.compile(r".*/projects/\d+$"))
    expect(page.locator("tfoot")).to_contain_text("6.5")
    expect(page.locator("main")).to_contain_text("From 3 teams")
    web.accessible("project page")
    page = web.go("/projects/")
    expect(page.locator(".project-wall")).to_contain_text("One falls referral")
    web.accessible("transform wall")


def _sprint_moment(start: str, day: int, hour: int = 11) -> datetime:
    from zoneinfo import ZoneInfo

    from ideashub.challenges.rules import sprint_dates

    dates = sprint_dates(datetime.fromisoformat(start).date())
    return datetime.combine(dates[day - 1], datetime.min.time(), tzinfo=ZoneInfo("Europe/London")).replace(hour=hour)


def test_a_facilitator_and_sponsor_run_a_sprint_to_a_take_forward_decision(hub, web):
    (facilitator,) = hub.people(1, role="moderator")
    (sponsor,) = hub.people(1, role="executive")
    poster, responder, voter = hub.people(3, teams=3)
    start = "2026-03-02"  # a Monday; the server's clock walks the week
    hub.set_clock(_sprint_moment(start, 1) - timedelta(days=7))
    web.sign_in(facilitator, PASSWORD)
    page = web.go("/challenges/new")
    page.fill("#title", "Tell us once")
    page.fill("#question", "How might we make sure residents tell their story only once?")
    page.fill("#starts_on", start)
    page.select_option("#sponsor_id", value=str(hub.user_id(sponsor)))
    page.select_option("#facilitator_id", value=str(hub.user_id(facilitator)))
    web.accessible("challenge form")
    page.click("button:has-text('Set up the challenge')")
    page.wait_for_url(re.compile(r".*/challenges/\d+$"))
    challenge_url = page.url.replace(hub.url, "")
    expect(page.locator(".sprint-now")).to_contain_text("Day 1 begins in")
    web.sign_out()

    # Day 1: someone posts an idea into the challenge; a colleague responds.
    hub.set_clock(_sprint_moment(start, 1))
    web.sign_in(poster, PASSWORD)
    page = web.go(challenge_url)
    expect(page.locator(".sprint-now")).to_contain_text("Today is day 1: Understand")
    web.accessible("challenge day 1")
    page.click("a:has-text('Post an idea into this challenge')")
    page.fill("#title", "A 'tell us once' address change")
    page.fill("#problem", "Residents report a move to five services.")
    page.fill("#proposal", "One form that tells every service.")
    page.click("button:has-text('Post the idea')")
    # Other journeys share this hub: if it first shows ideas like this one, the poster posts anyway.
    check = page.locator("#similar-check-h")
    expect(check.or_(page.locator(".idea-head"))).to_be_visible()
    if check.count():
        page.click("button:has-text('Post my idea anyway')")
    page.wait_for_url(re.compile(r".*/ideas/\d+$"))
    idea_id = int(page.url.rsplit("/", 1)[1])
    web.sign_out()
    respond(hub, responder, idea_id, "Yes, and the health board could take the same change.")

    # Day 3: a vote and the facilitator's shortlist.
    hub.set_clock(_sprint_moment(start, 3))
    web.sign_in(voter, PASSWORD)
    page = web.go(challenge_url)
    expect(page.locator(".sprint-now")).to_contain_text("Today is day 3: Decide")
    page.click("button:has-text('Vote for this idea')")
    expect(page.locator("main")).to_contain_text("You voted for this")
    web.accessible("voting")
    web.sign_out()
    web.sign_in(facilitator, PASSWORD)
    page = web.go(challenge_url)
    expect(page.locator(".facilitator-panel")).to_contain_text("Every idea heard.")
    page.check(f"#sl-{idea_id}")
    page.click("button:has-text('Save the shortlist')")
    expect(page.locator("#ccol-shortlisted")).to_be_visible()
    web.sign_out()

    # Day 4: the author writes up the prototype.
    hub.set_clock(_sprint_moment(start, 4))
    web.sign_in(poster, PASSWORD)
    page = web.go(challenge_url)
    page.click("a:has-text('Write up the prototype or plan')")
    page.fill("#writeup", "We mocked up the form and tried it with five residents.")
    page.click("button:has-text('Save the write-up')")
    web.sign_out()

    # Day 5: the sponsor takes it forward; a project is made.
    hub.set_clock(_sprint_moment(start, 5))
    web.sign_in(sponsor, PASSWORD)
    page = web.go(challenge_url)
    page.click("a.button:has-text('Decide')")
    page.check("#outcome-0")
    page.fill("#reason", "Five of five residents finished it in under two minutes.")
    web.accessible("decision form")
    page.click("button:has-text('Record the decision')")
    expect(page.locator(".decision--take_forward")).to_contain_text("Five of five residents")
    page.click("a:has-text('The project')")
    expect(page.locator("h1")).to_contain_text("A 'tell us once' address change")
    expect(page.locator(".lead")).to_contain_text("How might we make sure residents tell their story only once?")

    # Finished: the printable summary.
    hub.set_clock(_sprint_moment(start, 5) + timedelta(days=4))
    page = web.go(challenge_url + "/summary")
    expect(page.locator("table")).to_contain_text("Taken forward")
    web.accessible("outcome summary")


def test_an_executive_reads_the_insights_opens_the_top_idea_and_downloads_the_csv(hub, web):
    (executive,) = hub.people(1, role="executive")
    idea = post_idea(hub, hub.people(1)[0], "The most supported idea of all")
    for email in hub.people(6, teams=3):
        requests.put(f"{hub.url}/api/v1/ideas/{idea}/support", headers={"Authorization": f"Bearer {hub.token(email)}"}, timeout=10)
    web.sign_in(executive, PASSWORD)
    page = web.go("/insights/")
    expect(page.locator("#chart-pipeline")).to_be_visible()
    web.accessible("insights")
    page.click("summary:has-text('The pipeline as a table')")
    web.accessible("insights with a table open")
    page.locator("section[aria-labelledby=top-h] ol.ranked").first.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text("The most supported idea of all")
    page = web.go("/insights/")
    with page.expect_download() as download:
        page.click("a:has-text('Download the ideas (CSV)')")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("Idea number,Title,Stage") and "The most supported idea of all" in text


def test_an_admin_changes_a_role(hub, web):
    (admin,) = hub.people(1, role="admin")
    (person,) = hub.people(1)
    web.sign_in(admin, PASSWORD)
    page = web.go("/admin/people?q=" + person)
    page.click(f"a[href='/admin/people/{hub.user_id(person)}']")
    web.accessible("admin person page")
    page.select_option("#role", "moderator")
    page.fill("#role-reason", "Will moderate for the health board.")
    page.click("button:has-text('Change the role')")
    expect(page.locator(".flashes")).to_contain_text("The role is changed")
    expect(page.locator(".summary-list")).to_contain_text("Moderator")
