"""The OpenAPI document and the API's routes describe each other exactly.

The document also holds the page endpoints the hub's own scripts read JSON from
(tag ``page-scripts``, each path under its own server): every page view marked
``for_page_scripts`` is documented there, and its real answers match the schemas.
"""

import re

import pytest
from jsonschema import Draft202012Validator

from ideashub.api.openapi import document, validator

METHODS = {"get", "post", "put", "patch", "delete"}


def documented(doc) -> set[tuple[str, str]]:
    return {
        (method.upper(), (item.get("servers") or doc["servers"])[0]["url"] + path)
        for path, item in doc["paths"].items()
        for method in item
        if method in METHODS
    }


def routed(app) -> set[tuple[str, str]]:
    """Every API route, and the POST (or other method it names) of every page view that answers the page scripts."""
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            methods = rule.methods - {"HEAD", "OPTIONS"}
        elif getattr(app.view_functions[rule.endpoint], "answers_page_scripts", False):
            methods = set(app.view_functions[rule.endpoint].page_script_methods) & rule.methods
        else:
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in methods:
            found.add((method, path))
    return found


def test_every_api_route_is_documented_and_every_documented_route_exists(app):
    doc = document()
    assert routed(app) == documented(doc)


def test_the_document_is_served(client):
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200
    assert served.get_json()["openapi"].startswith("3.1")


def test_the_served_document_passes_the_openapi_validator(client):
    """What clients and code generators read is a valid OpenAPI 3.1 document, not only parseable YAML."""
    from openapi_spec_validator import OpenAPIV31SpecValidator

    served = client.get("/api/v1/openapi.json").get_json()
    problems = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in OpenAPIV31SpecValidator(served).iter_errors()]
    assert problems == []


def test_the_validator_catches_a_description_broken_into_keys():
    """The other side: an unquoted description with commas (YAML makes its pieces keys) is refused."""
    import yaml
    from openapi_spec_validator import OpenAPIV31SpecValidator

    doc = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/x": {"get": {
        "parameters": yaml.safe_load("[{name: q, in: query, description: Name, email, team or role., schema: {type: string}}]"),
        "responses": {"200": {"description": "ok"}}}}}}
    assert list(OpenAPIV31SpecValidator(doc).iter_errors())


def test_every_operation_has_an_id_and_describes_its_errors():
    doc = document()
    ids = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method not in METHODS:
                continue
            ids.append(op["operationId"])
            statuses = set(op["responses"])
            assert any(s.startswith("2") for s in statuses), (method, path)
            public = op.get("security") == []
            if not public:
                assert "401" in statuses, (method, path)
            if "requestBody" in op and "application/json" in op["requestBody"]["content"]:
                assert {"400", "415", "422"} <= statuses, (method, path)
            elif "requestBody" in op:  # a page's form: its CSRF token can always be refused
                assert "400" in statuses, (method, path)
    assert len(ids) == len(set(ids))


def _examples(doc):
    for name, schema in doc["components"]["schemas"].items():
        if "example" in schema:
            yield name, schema["example"]
    for item in doc["paths"].values():
        for method, op in item.items():
            if method not in METHODS or "requestBody" not in op:
                continue
            for content in op["requestBody"]["content"].values():
                if "example" in content:
                    ref = content["schema"]["$ref"].rsplit("/", 1)[-1]
                    yield ref, content["example"]


@pytest.mark.parametrize(("schema_name", "example"), list(_examples(document())))
def test_examples_validate_against_their_schemas(schema_name, example):
    errors = list(validator(schema_name).iter_errors(example))
    assert errors == [], [e.message for e in errors]


def test_schemas_are_valid_json_schema():
    for schema in document()["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)  # raises, naming the bad keyword


def test_field_limits_in_the_document_match_the_rules():
    from ideashub.ideas import rules

    new_idea = document()["components"]["schemas"]["NewIdea"]["properties"]
    assert new_idea["title"]["maxLength"] == rules.TITLE_MAX
    assert new_idea["title"]["minLength"] == rules.TITLE_MIN
    assert new_idea["problem"]["maxLength"] == rules.TEXT_MAX
    assert new_idea["benefit"]["maxLength"] == rules.BENEFIT_MAX
    assert new_idea["tags"]["maxItems"] == rules.TAGS_MAX
    response = document()["components"]["schemas"]["NewResponse"]["properties"]
    assert response["body"]["maxLength"] == rules.RESPONSE_MAX
    assert response["hours"]["maximum"] == rules.HOURS_MAX


# --- The page scripts' contract ----------------------------------------------------

PAGE_SCRIPTS = "page-scripts"


def _page_script_operations(doc):
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method in METHODS and PAGE_SCRIPTS in op.get("tags", []):
                yield path, item, op


def test_page_script_operations_name_their_pages_and_sign_in_with_the_session():
    doc = document()
    operations = list(_page_script_operations(doc))
    assert len(operations) == 5  # support, unsupport, move, @mention suggestions, similar ideas
    assert PAGE_SCRIPTS in {tag["name"] for tag in doc["tags"]}
    for path, item, op in operations:
        assert not item["servers"][0]["url"].startswith("/api/"), path
        assert op["security"] == [{"session": []}], path
        # A post names the CSRF refusal, the sign-in, the permission and the object; a read, the sign-in.
        needed = {"401"} if op is item.get("get") else {"400", "401", "403", "404"}
        assert needed <= set(op["responses"]), path


def test_only_page_script_operations_leave_the_api_server():
    doc = document()
    own_server = {path for path, item in doc["paths"].items() if "servers" in item}
    assert own_server == {path for path, _, _ in _page_script_operations(doc)}


def _valid(schema_name: str, body) -> list[str]:
    return [e.message for e in validator(schema_name).iter_errors(body)]


def test_the_support_scripts_answers_match_the_document(client, auth, make_user, make_idea):
    idea = make_idea()
    auth.login(make_user())
    json = {"Accept": "application/json"}
    supported = client.post(f"/ideas/{idea.id}/support", headers=json)
    assert supported.status_code == 200 and _valid("SupportState", supported.get_json()) == []
    withdrawn = client.post(f"/ideas/{idea.id}/unsupport", headers=json)
    assert withdrawn.status_code == 200 and _valid("SupportState", withdrawn.get_json()) == []
    missing = client.post("/ideas/999999/support", headers=json)
    assert missing.status_code == 404 and _valid("Error", missing.get_json()) == []
    auth.logout()
    auth.login(idea.author)
    refused = client.post(f"/ideas/{idea.id}/support", headers=json)
    assert refused.status_code == 403 and _valid("Error", refused.get_json()) == []


def test_the_board_scripts_answers_match_the_document(client, auth, make_user, make_idea):
    idea = make_idea()
    auth.login(make_user(role="moderator"))
    json = {"Accept": "application/json"}
    url, seen = f"/hearing/ideas/{idea.id}/move", idea.version
    moved = client.post(url, data={"stage": "shortlisted", "version": seen}, headers=json)
    assert moved.status_code == 200 and _valid("MovedIdea", moved.get_json()) == []
    stale = client.post(url, data={"stage": "delivered", "version": seen}, headers=json)
    assert stale.status_code == 409 and _valid("Error", stale.get_json()) == []
    incomplete = client.post(url, data={"version": seen + 1}, headers=json)
    assert incomplete.status_code == 422 and _valid("Error", incomplete.get_json()) == []
