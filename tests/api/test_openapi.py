"""The OpenAPI document and the API's routes describe each other exactly."""

import re

import pytest
from jsonschema import Draft202012Validator

from ideashub.api.openapi import document, validator

METHODS = {"get", "post", "put", "patch", "delete"}


def documented(doc) -> set[tuple[str, str]]:
    prefix = doc["servers"][0]["url"]
    return {
        (method.upper(), prefix + path)
        for path, item in doc["paths"].items()
        for method in item
        if method in METHODS
    }


def routed(app) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            found.add((method, path))
    return found


def test_every_api_route_is_documented_and_every_documented_route_exists(app):
    doc = document()
    assert routed(app) == documented(doc)


def test_the_document_is_served(client):
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200
    assert served.get_json()["openapi"].startswith("3.1")


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
            if "requestBody" in op:
                assert {"400", "415", "422"} <= statuses, (method, path)
    assert len(ids) == len(set(ids))


def _examples(doc):
    for name, schema in doc["components"]["schemas"].items():
        if "example" in schema:
            yield name, schema["example"]
    for item in doc["paths"].values():
        for method, op in item.items():
            if method not in METHODS or "requestBody" not in op:
                continue
            content = op["requestBody"]["content"]["application/json"]
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
