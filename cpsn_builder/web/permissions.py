"""Who may use each route. Every view declares it; a test fails when one forgets."""

from __future__ import annotations

import functools

from flask import abort, redirect, request, url_for
from flask_login import current_user

PUBLIC = "public"
ALLOWED_ROLES: dict[str, tuple[str, ...]] = {}  # view function qualified name -> roles


def allow(*roles: str):
    """Restrict a view to signed-in users with one of `roles` (or PUBLIC); others get 404 or sign-in."""

    def decorate(view):
        ALLOWED_ROLES[f"{view.__module__}.{view.__qualname__}"] = roles

        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if PUBLIC in roles:
                return view(*args, **kwargs)
            if not current_user.is_authenticated:
                return redirect(url_for("auth.sign_in", next=request.full_path))
            if current_user.role not in roles:
                abort(404)  # not 403: do not confirm that the page exists
            partner_id = kwargs.get("partner_id")
            if partner_id is not None and current_user.role == "partner" and current_user.partner_id != partner_id:
                abort(404)  # another partner's answers do not exist, as far as this officer can tell
            return view(*args, **kwargs)

        wrapper.allowed_roles = roles
        return wrapper

    return decorate


def roles_of(view) -> tuple[str, ...] | None:
    return getattr(view, "allowed_roles", None)
