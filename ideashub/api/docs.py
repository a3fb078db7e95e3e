"""API: the OpenAPI document."""

from flask import jsonify

from ideashub.api import bp
from ideashub.api.openapi import document
from ideashub.core.security import public


@bp.get("/openapi.json")
@public
def openapi():
    return jsonify(document())
