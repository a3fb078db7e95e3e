"""The admin's moving-in pages: upload, preview and change the mapping, check, import; CSV with its
template and column mapping; bad and hostile files; imported people claiming their accounts."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from sqlalchemy import func, select

from ideashub.ideas.models import Idea, Stage
from ideashub.imports import rules, services
from ideashub.imports.models import ImportRecord
from ideashub.people.models import User
from ideashub.people.sso_models import ExternalIdentity
from tests.services.test_imports import LIST_REFINED, enriched, real
from tests.support.hostile import PAYLOADS, SAMPLE, form_encode
from tests.support.html_safety import active_content
from tests.support.markup import problems
from tests.web.test_sso import idp, riverside, sign_in  # noqa: F401 - the sign-in fixtures


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def admin_in(db, client, auth, make_team, make_user):
    team = make_team(name="Digital")
    admin = make_user(role="admin", team=team)
    auth.login(admin)
    return team, admin


def upload(client, raw: bytes, kind="trello", name="board.json"):
    return client.post(f"/admin/import/{kind}", data={"file": (io.BytesIO(raw), name)},
                       content_type="multipart/form-data")


def preview_url(response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


def choose(page_html: str) -> dict:
    """The preview form's current choices, as a browser would send them back."""
    data = {}
    for select_html in re.findall(r"<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", page_html, re.S):
        name, options = select_html
        chosen = re.search(r"<option[^>]*selected[^>]*value=\"([^\"]*)\"|<option[^>]*value=\"([^\"]*)\"[^>]*selected", options)
        first = re.search(r"<option[^>]*value=\"([^\"]*)\"", options)
        data[name] = (chosen.group(1) or chosen.group(2)) if chosen else first.group(1)
    return data


def test_only_admins_see_the_page_and_it_offers_both_imports(client, db, auth, make_user):
    auth.login(make_user(role="moderator"))
    assert client.get("/admin/import").status_code == 403
    auth.logout()
    auth.login(make_user(role="admin", team=None))
    page = client.get("/admin/import").get_data(as_text=True)
    assert "A Trello board" in page and "Ideas in a CSV file" in page and "/admin/import/template.csv" in page


def test_upload_preview_change_a_mapping_check_then_import(client, db, admin_in):
    team, _admin = admin_in
    url = preview_url(upload(client, json.dumps(enriched()).encode()))
    page = client.get(url).get_data(as_text=True)
    assert problems(page) == []
    # Each list with its suggested stage; labels as tags; the member and what happens to them.
    assert "Cards in “Done” go to" in page and "Danny Gosain" in page and "jenkins" in page
    data = choose(page)
    done_field = next(k for k in data if data[k] == Stage.DELIVERED.value)
    assert done_field.startswith("list_")
    refined = f"list_{[lst['id'] for lst in enriched()['lists']].index(LIST_REFINED)}"
    data.update({refined: Stage.SHORTLISTED.value, "team_id": str(team.id), "archived": "park", "what": "check"})
    checked = client.post(url, data=data)
    html = checked.get_data(as_text=True)
    assert checked.status_code == 200 and "What importing would do" in html and count(db, Idea) == 0
    data["what"] = "import"
    done = client.post(url, data=data)
    html = done.get_data(as_text=True)
    assert done.status_code == 200 and "What the import did" in html and problems(html) == []
    assert db.session.scalar(select(Idea.stage).where(Idea.title == "Jenkins")) == Stage.SHORTLISTED
    assert count(db, Idea) == 4
    # The upload is gone once imported: its address names nothing now.
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("raw", "message"), [
    (b'{"not": "trello"}', "not a Trello board export"),
    (json.dumps(real()).encode()[:3000], "cut short"),
    (b"[" * 100_000, "nests its data too deeply"),
])
def test_a_bad_file_is_named_on_the_page_and_nothing_is_kept(client, db, admin_in, raw, message):
    response = upload(client, raw)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert count(db, Idea) == 0 and count(db, ImportRecord) == 0


def test_a_100_mb_upload_gets_a_clear_message_not_a_crash(client, db, admin_in):
    response = upload(client, b"{" + b" " * (100 * 1024 * 1024) + b"}")
    html = response.get_data(as_text=True)
    assert response.status_code == 413 and "The file is too large" in html and "Nothing was stored" in html


def test_the_hostile_corpus_through_a_trello_board_stores_text_and_runs_nothing(client, db, admin_in):
    doc = real()
    template = doc["cards"][0]
    cards = []
    for n, payload in enumerate(p for p in PAYLOADS if len(p.text) < 16_000):
        card = dict(template, id=f"{n:024x}", name=f"Idea {n}: {payload.text}"[:16_000], desc=payload.text,
                    idLabels=[], labels=[{"name": payload.text[:30]}])
        cards.append(card)
    doc["cards"] = cards
    url = preview_url(upload(client, json.dumps(doc).encode()))
    preview = client.get(url).get_data(as_text=True)
    assert active_content(preview, page=True) == []
    data = choose(preview) | {"what": "import", "archived": "park"}
    done = client.post(url, data=data)
    html = done.get_data(as_text=True)
    assert done.status_code == 200 and "What the import did" in html, re.findall(r'error-summary.*?</div>', html, re.S)[:1]
    assert count(db, Idea) == len(cards)
    for payload in (p for p in SAMPLE if "\x00" not in p.text):  # NUL: stored without it, not searchable by it
        found = db.session.scalar(select(Idea).where(Idea.title.like(f"Idea %: {payload.text[:20].strip()}%")))
        if found is None:
            continue
        page = client.get(f"/ideas/{found.id}").get_data(as_text=True)
        assert active_content(page, page=True) == [], payload.name


# --- CSV ------------------------------------------------------------------------------------------


def csv_bytes(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


HEADINGS = ["Title", "Problem", "Proposal", "Tags", "Author's email", "Stage", "Posted on"]


def test_the_csv_template_downloads_with_every_column(client, db, admin_in):
    response = client.get("/admin/import/template.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert response.mimetype == "text/csv" and rows[0][:4] == ["title", "problem", "proposal", "benefit"]
    assert "author_email" in rows[0] and len(rows) == 2


def test_csv_columns_are_matched_checked_then_imported_once(client, db, admin_in, make_user):
    team, _admin = admin_in
    known = make_user(team=team, email="known@example.org")
    raw = csv_bytes([HEADINGS,
                     ["Text residents before repairs", "Visits are missed.", "Send a text the day before.", "housing", "known@example.org", "Shortlisted", "2025-03-14"],
                     ["Share one calendar", "Teams double-book rooms.", "One shared calendar.", "", "new.person@example.org", "", ""]])
    url = preview_url(upload(client, raw, "csv", "ideas.csv"))
    page = client.get(url).get_data(as_text=True)
    assert "Visits are missed." in page and problems(page) == []  # the first rows, to match by eye
    data = choose(page) | {"what": "check", "team_id": str(team.id)}
    assert data["col_title"] == "0" and data["col_author_email"] == "4"  # suggested from the headings
    checked = client.post(url, data=data)
    assert "What importing would do" in checked.get_data(as_text=True) and count(db, Idea) == 0
    assert problems(checked.get_data(as_text=True)) == []
    data["what"] = "import"
    assert "What the import did" in client.post(url, data=data).get_data(as_text=True)
    first = db.session.scalar(select(Idea).where(Idea.title == "Text residents before repairs"))
    assert (first.author_id, first.stage, first.tag_names, first.created_at.date().isoformat()) == (known.id, Stage.SHORTLISTED, ["housing"], "2025-03-14")
    newcomer = db.session.scalar(select(User).where(User.email == "new.person@example.org"))
    assert newcomer.imported_at is not None and newcomer.team_id == team.id
    # The same file again adds nothing.
    again = client.post(preview_url(upload(client, raw, "csv", "ideas.csv")), data=data)
    assert "2 ideas" not in again.get_data(as_text=True) or count(db, Idea) == 2
    assert count(db, Idea) == 2


def test_a_csv_with_wrong_columns_or_bad_rows_names_them_and_stores_nothing(client, db, admin_in):
    team, _admin = admin_in
    url = preview_url(upload(client, csv_bytes([["Name", "Notes"], ["x", "y"]]), "csv"))
    data = choose(client.get(url).get_data(as_text=True)) | {"what": "import", "team_id": str(team.id)}
    wrong = client.post(url, data=data)
    html = wrong.get_data(as_text=True)
    assert wrong.status_code == 422 and "Choose the column that holds the title" in html and "“Name”" in html
    rows = [HEADINGS, ["Ok title here", "P", "Q", "", "a@example.org", "", ""],
            ["No", "P", "Q", "", "not-an-email", "Sideways", "yesterday"]]
    url = preview_url(upload(client, csv_bytes(rows), "csv"))
    data = choose(client.get(url).get_data(as_text=True)) | {"what": "import", "team_id": str(team.id)}
    bad = client.post(url, data=data)
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    for expected in ("Row 3, column “Title”", "Row 3, column “Author&#39;s email”", "Row 3, column “Stage”", "Row 3, column “Posted on”"):
        assert expected in html
    assert count(db, Idea) == 0 and count(db, User) == 1


def test_the_hostile_corpus_through_a_csv_file_stores_text_and_runs_nothing(client, db, admin_in):
    team, _admin = admin_in
    texts = [form_encode(p.text) for p in PAYLOADS if "\x00" not in p.text and len(p.text) < 5_000]
    rows = [HEADINGS] + [[f"Idea {n} {t}"[:150], t, t, "", f"p{n}@example.org", "", ""] for n, t in enumerate(texts)]
    url = preview_url(upload(client, csv_bytes(rows), "csv"))
    page = client.get(url).get_data(as_text=True)
    assert active_content(page, page=True) == []
    data = choose(page) | {"what": "import", "team_id": str(team.id)}
    response = client.post(url, data=data)
    assert response.status_code in (200, 422)
    if response.status_code == 422:  # some payloads are not ideas (blank once cleaned): all or nothing
        assert count(db, Idea) == 0 and "Row " in response.get_data(as_text=True)
    else:
        assert count(db, Idea) == len(texts)
    assert active_content(response.get_data(as_text=True), page=True) == []


def test_a_binary_or_empty_csv_is_refused(client, db, admin_in):
    for raw, message in ((b"\x00\x01\x02", "not a CSV file"), (b"", "The file is empty"), (b"a,b\n", "headings but no ideas")):
        response = upload(client, raw, "csv")
        assert response.status_code == 422 and message in response.get_data(as_text=True)


# --- Claiming an imported account ---------------------------------------------------------------


def test_an_imported_person_claims_their_account_by_signing_up(client, db, admin_in, outbox, make_team):
    team, _admin = admin_in
    domain = team.organisation.domains[0].domain
    raw = csv_bytes([HEADINGS, ["Text residents before repairs", "Visits are missed.", "Send a text.", "", f"sam@{domain}", "", ""]])
    url = preview_url(upload(client, raw, "csv"))
    client.post(url, data=choose(client.get(url).get_data(as_text=True)) | {"what": "import", "team_id": str(team.id)})
    imported = db.session.scalar(select(User).where(User.email == f"sam@{domain}"))
    assert imported.imported_at is not None
    client.post("/logout")
    client.post("/register", data={"name": "Sam Jones", "email": f"sam@{domain}", "team_id": team.id,
                                   "password": "a long enough passphrase", "confirm": "a long enough passphrase"})
    link = outbox.link(f"sam@{domain}", "/register/finish/")  # not "you already have an account"
    assert client.post(link).status_code == 302
    db.session.expire_all()
    claimed = db.session.get(User, imported.id)
    assert claimed.imported_at is None and claimed.name == "Sam Jones" and claimed.password_hash != "!imported"
    assert db.session.scalar(select(Idea.author_id)) == claimed.id  # their imported idea stays theirs
    assert count(db, User) == 2


def test_a_person_who_was_not_imported_is_still_told_they_have_an_account(client, db, make_team, make_user, outbox):
    team = make_team()
    person = make_user(team=team)
    client.post("/register", data={"name": "Sam Jones", "email": person.email, "team_id": team.id,
                                   "password": "a long enough passphrase", "confirm": "a long enough passphrase"})
    [told] = outbox.messages(person.email)
    assert "you already have an account" in told["Subject"]


def test_an_imported_person_claims_their_account_at_their_first_organisation_sign_in(client, db, clock, riverside):  # noqa: F811
    file = rules.CsvFile(["title", "problem", "proposal", "author_email"],
                         [["Share one calendar", "Rooms are double-booked.", "One calendar.", "gail@riverside.gov.uk"]])
    ideas, problems = rules.csv_ideas(file, rules.suggest_columns(file.headings))
    services.import_csv(None, ideas, problems, riverside.org, riverside.housing, "ideas.csv", clock.now())
    db.session.commit()
    gail = db.session.scalar(select(User).where(User.email == "gail@riverside.gov.uk"))
    assert gail.imported_at is not None
    answer = sign_in(client, riverside, "gail@riverside.gov.uk", "sub-gail", email_verified=True)
    assert answer.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, gail.id).imported_at is None
    assert db.session.scalar(select(ExternalIdentity.user_id)) == gail.id and count(db, User) == 1


def test_an_imported_person_can_also_claim_their_account_with_a_password_reset(client, db, clock, make_team, outbox):
    team = make_team()
    email = f"ola@{team.organisation.domains[0].domain}"
    file = rules.CsvFile(["title", "problem", "proposal", "author_email"],
                         [["Share one calendar", "Rooms are double-booked.", "One calendar.", email]])
    ideas, problems_found = rules.csv_ideas(file, rules.suggest_columns(file.headings))
    services.import_csv(None, ideas, problems_found, team.organisation, team, "ideas.csv", clock.now())
    db.session.commit()
    client.post("/password/forgot", data={"email": email})
    link = outbox.link(email, "/password/reset/")
    assert client.post(link, data={"password": "a long enough passphrase", "confirm": "a long enough passphrase"}).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(User.imported_at).where(User.email == email)) is None
