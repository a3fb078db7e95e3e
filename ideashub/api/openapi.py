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
    return base


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
