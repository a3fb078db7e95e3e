"""Pages about the hub itself, open to everyone: the accessibility statement."""

from flask import Blueprint, render_template

from ideashub.core.security import public

bp = Blueprint("pages", __name__)


@bp.get("/accessibility")
@public
def accessibility():
    return render_template("pages/accessibility.html")
