"""``GET /healthz``: the app answers and so does its database."""

from flask import Blueprint, jsonify
from sqlalchemy import text

from ideashub.core.security import public
from ideashub.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        db.session.rollback()
        return jsonify({"status": "unavailable", "database": "not answering"}), 503
    return jsonify({"status": "ok"})
