"""The OpenAPI 3.1 document: one YAML file per feature, merged when first read.

Request bodies are validated against the document's own schemas, so what
the document promises is what the API enforces.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

FOLDER = Path(__file__).with_name("openapi")
BASE_URI = "urn:ideashub:openapi"


@cache
def document() -> dict:
    """The whole document, merged from ``openapi/*.yaml`` (base.yaml first).

    Each part may add paths, tags and components (schemas, responses,
    parameters, security schemes); describing anything twice is an error.
    """
    base = yaml.safe_load((FOLDER / "base.yaml").read_text())
    base.setdefault("paths", {})
    base.setdefault("tags", [])
    components = base.setdefault("components", {})
    components.setdefault("schemas", {})
    for path in sorted(FOLDER.glob("*.yaml")):
        if path.name == "base.yaml":
            continue
        part = yaml.safe_load(path.read_text()) or {}
        for url, item in (part.get("paths") or {}).items():
            merged = base["paths"].setdefault(url, {})
            for key, value in item.items():
                if key in merged and key != "parameters":
                    raise ValueError(f"{key.upper()} {url} is described twice (again in {path.name})")
                merged[key] = value
        base["tags"].extend(part.get("tags") or [])
        for kind, named in (part.get("components") or {}).items():
            known = components.setdefault(kind, {})
            for name, value in named.items():
                if name in known:
                    raise ValueError(f"{kind} {name} is defined twice (again in {path.name})")
                known[name] = value
    _state_the_rules_of_every_request(base)
    return base


NO_NUL = {"pattern": "\\x00"}  # used as "not": text holding a NUL character is refused


def _is_text(schema: dict) -> bool:
    kind = schema.get("type")
    return kind == "string" or (isinstance(kind, list) and "string" in kind)


def _refuse_nul(schema: dict) -> None:
    if _is_text(schema) and "enum" not in schema and "format" not in schema:
        schema.setdefault("not", NO_NUL)
    for sub in (schema.get("properties") or {}).values():
        _refuse_nul(sub)
    if isinstance(schema.get("items"), dict):
        _refuse_nul(schema["items"])


def _state_the_rules_of_every_request(doc: dict) -> None:
    """Write into the document two rules the API applies to every request, so no schema can forget them.

    - No text sent to the hub may hold a NUL character (PostgreSQL cannot store it): every
      string of a request body or query gets ``not: {pattern: "\\x00"}``.
    - An optional query parameter sent empty (``?period=``) is read as absent, as the pages
      do: each gets ``allowEmptyValue: true``.
    """
    bodies = set()
    for item in doc["paths"].values():
        for method, op in item.items():
            if not isinstance(op, dict):
                continue
            for content in ((op.get("requestBody") or {}).get("content") or {}).values():
                ref = (content.get("schema") or {}).get("$ref", "")
                if ref.startswith("#/components/schemas/"):
                    bodies.add(ref.rsplit("/", 1)[-1])
            for parameter in [*(op.get("parameters") or [])] if method != "parameters" else []:
                if parameter.get("in") == "query":
                    _refuse_nul(parameter.get("schema") or {})
                    if not parameter.get("required"):
                        parameter.setdefault("allowEmptyValue", True)
    schemas = doc["components"]["schemas"]
    for name in sorted(bodies):
        _refuse_nul(schemas[name])
    for name in ("Member",):  # reached from a body through $ref
        if name in schemas:
            _refuse_nul(schemas[name])


@cache
def _registry() -> Registry:
    resource = Resource.from_contents(document(), default_specification=DRAFT202012)
    return Registry().with_resource(BASE_URI, resource)


@cache
def validator(schema_name: str) -> Draft202012Validator:
    if schema_name not in document()["components"]["schemas"]:
        raise KeyError(f"No schema called {schema_name} in the OpenAPI document")
    return Draft202012Validator(
        {"$ref": f"{BASE_URI}#/components/schemas/{schema_name}"}, registry=_registry()
    )
