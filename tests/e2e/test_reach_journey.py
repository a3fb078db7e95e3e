"""Reaching a person: they follow an idea, are mentioned, get the email (from the real worker, over
SMTP), and stop that kind of email with one click; screenshots of the email's two parts and of the
preference page."""

from __future__ import annotations

import html as html_module

from playwright.sync_api import expect
from sqlalchemy import select, update

from ideashub.core import outbox
from ideashub.people.models import User
from tests.conftest import PASSWORD
from tests.e2e.conftest import ARTIFACTS
from tests.support.worker import still_owed, wait_for


def _shoot_email(browser, message, name: str, smtp) -> None:
    """Both parts of an email as a person's mail program would show them."""
    folder = ARTIFACTS / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 800, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.set_content(smtp.html(message))
    page.screenshot(path=str(folder / f"{name}-html.png"), full_page=True)
    page.set_content(f"<pre style='font: 15px/1.45 monospace; white-space: pre-wrap; margin: 24px'>"
                     f"Subject: {html_module.escape(message['Subject'])}\n\n{html_module.escape(smtp.text(message))}</pre>")
    page.screenshot(path=str(folder / f"{name}-text.png"), full_page=True)
    context.close()


def test_follow_be_mentioned_get_the_email_and_unsubscribe_with_one_click(hub, web, browser, mailbox):
    author, reader, colleague = hub.people(3, teams=3)
    reader_name = "Bethan Rees-Jones"

    def rename(session):
        session.execute(update(User).where(User.email == reader).values(name=reader_name))
        session.commit()

    hub.query(rename)
    idea = hub.api(author, "POST", "/api/v1/ideas", {
        "title": "One phone number for bulky waste", "problem": "Residents ring three numbers to book a collection.",
        "proposal": "One number and one online form, shared by the three councils.", "tags": ["bulky-waste"]})

    web.sign_in(reader, PASSWORD)
    page = web.go(f"/ideas/{idea['id']}")
    page.click("button:has-text('Follow this idea')")
    expect(page.locator(".follow-panel")).to_contain_text("Following")

    hub.api(colleague, "POST", f"/api/v1/ideas/{idea['id']}/responses",
            {"kind": "build", "body": f"Yes, and @{reader_name} ran the same change for bulky waste in Newport."})
    found = wait_for(lambda: [m for m in mailbox.to(reader) if "mentioned you" in m["Subject"]], timeout=45)
    assert found, ([m["Subject"] for m in mailbox.to(reader)], hub.query(lambda s: still_owed(s, reader, hub.instance)))
    [message] = found
    text, body = mailbox.text(message), mailbox.html(message)
    assert "One phone number for bulky waste" in text and "One phone number for bulky waste" in body
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    stop = message["List-Unsubscribe"].strip("<>")
    assert stop.startswith(hub.url + "/unsubscribe/") and stop in text
    _shoot_email(browser, message, "email-mention", mailbox)

    # The link in the email: opening it only asks; one press stops that kind of email, no sign-in needed.
    web.sign_out()
    page = web.go(stop.removeprefix(hub.url))
    web.accessible("unsubscribe question")
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("no longer")
    web.accessible("unsubscribed")
    web.screenshot("unsubscribed")

    web.sign_in(reader, PASSWORD)
    page = web.go("/account/notifications")
    expect(page.locator("fieldset", has_text="mentions you").locator("input[value=off]")).to_be_checked()
    web.accessible("preferences after unsubscribing")
    web.screenshot("notification-preferences")

    # Mentioned again: the bell says so, and no email comes.
    hub.api(colleague, "POST", f"/api/v1/ideas/{idea['id']}/responses",
            {"kind": "build", "body": f"@{reader_name}, the Newport form is on their website."})
    def all_sent(session):  # every change shared out, nothing waiting for the reader (the author's may wait for its batch)
        waiting = session.scalar(select(outbox.Delivery.id).where(
            outbox.Delivery.status == outbox.PENDING, outbox.Delivery.address == reader).limit(1))
        return outbox.waiting_events() == 0 and waiting is None

    assert wait_for(lambda: hub.query(all_sent), timeout=45), hub.query(lambda s: still_owed(s, reader, hub.instance))
    assert len([m for m in mailbox.to(reader) if "mentioned you" in m["Subject"]]) == 1
    page = web.go("/hearing/notifications")
    expect(page.locator("main")).to_contain_text("mentioned you")
