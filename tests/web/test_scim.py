"""SCIM 2.0 for joiners and leavers (issue 17): /scim/v2/Users and its discovery endpoints.

The organisation's token decides whose people a directory sees; ``active: false`` and DELETE end the
person's sessions and API tokens at once and keep the person; every bad request gets a SCIM error
document, changes nothing and is audited. A SCIM compliance checker (scim2-tester) runs against it.
"""

from __future__ import annotations

import pytest
from scim2_client.engines.wsgi import WSGISCIMClient
from scim2_tester import Status, check_server

from ideashub.core.activity import Activity
from ideashub.people import scim
from ideashub.people.models import User
from ideashub.people.sso_models import ScimUser
from tests.conftest import PASSWORD

SCIM_TYPE = "application/scim+json"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"


@pytest.fixture
def riverside(db, clock, make_org, make_team):
    org = make_org("Riverside Council", "riverside.gov.uk")
    housing = make_team("Housing", org)
    token = scim.issue_token(None, org, clock.now())
    db.session.commit()
    return org, housing, token


class Directory:
    def __init__(self, client, token):
        self.client, self.token = client, token

    def _headers(self):
        return {"Authorization": f"Bearer {self.token}", "Content-Type": SCIM_TYPE, "Accept": SCIM_TYPE}

    def get(self, url, **kw):
        return self.client.get("/scim/v2" + url, headers=self._headers(), **kw)

    def post(self, url, body):
        return self.client.post("/scim/v2" + url, json=body, headers=self._headers())

    def put(self, url, body):
        return self.client.put("/scim/v2" + url, json=body, headers=self._headers())

    def patch(self, url, body):
        return self.client.patch("/scim/v2" + url, json=body, headers=self._headers())

    def delete(self, url):
        return self.client.delete("/scim/v2" + url, headers=self._headers())


@pytest.fixture
def directory(client, riverside):
    return Directory(client, riverside[2])


def person(user_name="ann.ng@riverside.gov.uk", email=None, **extra):
    body = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": user_name,
            "name": {"formatted": "Ann Ng"}, "emails": [{"value": email or user_name, "primary": True, "type": "work"}],
            "active": True, "externalId": "ext-" + user_name}
    body.update(extra)
    return body


def patch(*operations):
    return {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": list(operations)}


def test_create_read_filter_and_list_people(directory, riverside):
    made = directory.post("/Users", person(**{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                                               {"department": "Housing"}}))
    assert made.status_code == 201 and made.mimetype == SCIM_TYPE
    body = made.json
    assert body["userName"] == "ann.ng@riverside.gov.uk" and body["active"] is True
    assert made.headers["Location"].endswith(f"/scim/v2/Users/{body['id']}")
    ann = User.query.filter_by(email="ann.ng@riverside.gov.uk").one()
    assert ann.name == "Ann Ng" and ann.team_id == riverside[1].id
    assert directory.get(f"/Users/{body['id']}").json["emails"][0]["value"] == "ann.ng@riverside.gov.uk"
    found = directory.get("/Users", query_string={"filter": 'userName eq "ANN.NG@riverside.gov.uk"'}).json
    assert found["totalResults"] == 1 and found["Resources"][0]["id"] == body["id"]
    assert directory.get("/Users", query_string={"filter": 'userName eq "nobody"'}).json["totalResults"] == 0


def test_paging(directory):
    for n in range(5):
        assert directory.post("/Users", person(f"p{n}@riverside.gov.uk")).status_code == 201
    page = directory.get("/Users", query_string={"startIndex": 2, "count": 2}).json
    assert (page["totalResults"], page["startIndex"], page["itemsPerPage"]) == (5, 2, 2)
    assert [r["userName"] for r in page["Resources"]] == ["p1@riverside.gov.uk", "p2@riverside.gov.uk"]


def test_scim_may_create_people_whose_address_is_in_none_of_its_domains(directory):
    made = directory.post("/Users", person("contractor@supplier.example"))
    assert made.status_code == 201


def test_replace_and_patch(directory):
    made = directory.post("/Users", person()).json
    replaced = directory.put(f"/Users/{made['id']}", person(displayName="Ann Ng-Smith", name={}))
    assert replaced.status_code == 200 and replaced.json["displayName"] == "Ann Ng-Smith"
    changed = directory.patch(f"/Users/{made['id']}", patch({"op": "replace", "path": "displayName", "value": "A. Ng"}))
    assert changed.status_code == 200 and changed.json["displayName"] == "A. Ng"


def test_active_false_deactivates_at_once_ending_sessions_and_api_tokens(app, client, directory, api, clock):
    made = directory.post("/Users", person()).json
    ann = User.query.filter_by(id=int(made["id"])).one()
    from ideashub.extensions import db
    from ideashub.people import services

    ann.password_hash = services.hash_password(PASSWORD)
    db.session.commit()
    browser = app.test_client()
    assert browser.post("/login", data={"email": ann.email, "password": PASSWORD}).status_code == 302
    assert browser.get("/account").status_code == 200
    token = services.issue_token(ann, clock.now())
    db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    assert browser.get("/api/v1/ideas", headers=headers).status_code == 200
    # Entra ID sends active as the string "False" in a PATCH.
    answer = directory.patch(f"/Users/{made['id']}", patch({"op": "Replace", "path": "active", "value": "False"}))
    assert answer.status_code == 200 and answer.json["active"] is False
    assert browser.get("/account").status_code == 302  # the next request: signed out
    assert app.test_client().get("/api/v1/ideas", headers=headers).status_code == 401
    assert User.query.filter_by(id=ann.id).one().active is False
    assert Activity.query.filter_by(action="user.deactivated", subject_id=ann.id).count() == 1
    again = directory.patch(f"/Users/{made['id']}", patch({"op": "replace", "value": {"active": True}}))
    assert again.json["active"] is True


def test_delete_deactivates_keeps_the_person_and_then_answers_404(directory):
    made = directory.post("/Users", person()).json
    assert directory.delete(f"/Users/{made['id']}").status_code == 204
    kept = User.query.filter_by(id=int(made["id"])).one()
    assert kept.active is False
    gone = directory.get(f"/Users/{made['id']}")
    assert gone.status_code == 404 and gone.json["schemas"] == [ERROR] and gone.json["status"] == "404"
    assert directory.delete(f"/Users/{made['id']}").status_code == 404
    assert directory.get("/Users", query_string={"filter": 'userName eq "ann.ng@riverside.gov.uk"'}).json["totalResults"] == 0


def test_a_directory_sees_only_its_own_organisations_people(client, directory, db, clock, make_org):
    made = directory.post("/Users", person()).json
    other = scim.issue_token(None, make_org("Northshire"), clock.now())
    db.session.commit()
    theirs = Directory(client, other)
    assert theirs.get(f"/Users/{made['id']}").status_code == 404
    assert theirs.get("/Users").json["totalResults"] == 0
    assert theirs.delete(f"/Users/{made['id']}").status_code == 404
    assert User.query.filter_by(id=int(made["id"])).one().active is True


def test_without_a_valid_token_nothing_is_answered(client, riverside, db, clock):
    for headers in ({}, {"Authorization": "Bearer scim_wrong"}, {"Authorization": "Basic abc"}):
        answer = client.get("/scim/v2/Users", headers=headers)
        assert answer.status_code == 401 and answer.json["schemas"] == [ERROR]
    old = riverside[2]
    scim.issue_token(None, riverside[0], clock.now())  # a new token: the old one stops working
    db.session.commit()
    assert Directory(client, old).get("/Users").status_code == 401
    assert Activity.query.filter_by(action="scim.refused").count() == 4


@pytest.mark.parametrize(("body", "status", "scim_type"), [
    ({"userName": ""}, 400, "invalidValue"),
    ({"userName": "no-email-here"}, 400, "invalidValue"),
    ({"userName": "x@riverside.gov.uk", "active": "maybe"}, 400, "invalidValue"),
    ({"userName": "x@riverside.gov.uk", "emails": "x@y"}, 400, "invalidValue"),
    ({"userName": "not an email", "emails": [{"value": "not an email", "primary": True}]}, 400, "invalidValue"),
    ({"userName": "a" * 300 + "@riverside.gov.uk"}, 400, "invalidValue"),
])
def test_bad_people_are_refused_with_a_scim_error_and_nothing_created(directory, body, status, scim_type):
    before = User.query.count()
    answer = directory.post("/Users", body)
    assert answer.status_code == status and answer.json["scimType"] == scim_type and answer.json["detail"]
    assert User.query.count() == before and ScimUser.query.count() == 0


def test_not_json_is_refused(client, riverside):
    answer = client.post("/scim/v2/Users", data="{not json", headers={"Authorization": f"Bearer {riverside[2]}",
                                                                       "Content-Type": SCIM_TYPE})
    assert answer.status_code == 400 and answer.json["scimType"] == "invalidSyntax"


def test_the_same_user_name_twice_is_a_conflict(directory):
    assert directory.post("/Users", person()).status_code == 201
    again = directory.post("/Users", person(email="other@riverside.gov.uk"))
    assert again.status_code == 409 and again.json["scimType"] == "uniqueness"


def test_an_account_of_another_organisation_is_not_taken_over(directory, make_user):
    someone = make_user(email="bo@northshire.nhs.uk")
    answer = directory.post("/Users", person("bo@northshire.nhs.uk"))
    assert answer.status_code == 409 and User.query.filter_by(id=someone.id).one().team_id == someone.team_id


def test_a_bad_filter_and_a_bad_patch_are_refused(directory):
    made = directory.post("/Users", person()).json
    assert directory.get("/Users", query_string={"filter": "name co x"}).json["scimType"] == "invalidFilter"
    assert directory.patch(f"/Users/{made['id']}", {"Operations": []}).status_code == 400
    bad = directory.patch(f"/Users/{made['id']}", patch({"op": "replace", "path": "password", "value": "x"}))
    assert bad.status_code == 400 and bad.json["scimType"] == "invalidPath"
    assert directory.patch(f"/Users/{made['id']}", patch({"op": "remove", "path": "userName"})).status_code == 400


def test_discovery_endpoints(directory):
    config = directory.get("/ServiceProviderConfig").json
    assert config["patch"]["supported"] is True and config["filter"]["supported"] is True
    assert directory.get("/ResourceTypes").json["Resources"][0]["endpoint"] == "/Users"
    schemas = {s["id"] for s in directory.get("/Schemas").json["Resources"]}
    assert "urn:ietf:params:scim:schemas:core:2.0:User" in schemas


def test_a_scim_compliance_checker_finds_no_failure(app, directory):
    """scim2-tester creates, reads, queries, replaces, patches and deletes people through /scim/v2."""
    client = WSGISCIMClient(app, base_url="http://hub.test/scim/v2",
                            headers={"Authorization": f"Bearer {directory.token}"})
    results = check_server(client, raise_exceptions=False)
    failures = [f"{r.title}: {r.reason}" for r in results if r.status in (Status.ERROR, Status.CRITICAL)]
    assert len(results) > 10 and not failures, "\n".join(failures)
    assert any(r.status == Status.SUCCESS for r in results)
