"""Form helpers shared by every feature."""

from __future__ import annotations

from flask_wtf import FlaskForm

from ideashub.core.errors import ServiceError


class ActionForm(FlaskForm):
    """A button that changes something: a POST carrying only the CSRF token."""


def show_service_error(form: FlaskForm, error: ServiceError) -> None:
    """Put a service's field messages on the form's fields, the rest at the top."""
    placed = False
    for name, message in error.fields.items():
        field = form._fields.get(name)
        if field is not None:
            field.errors = [*list(field.errors or []), message]
            placed = True
    if not placed:
        form.form_errors.append(error.message)
