"""The web app: the partners' questionnaire and the procurement lead's dashboard."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, g, render_template, request
from flask_wtf.csrf import CSRFError
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError

from ..catalogue import data_dir
from ..formatting import FILTERS, long_date
from ..name_lists import names
from . import input_guard
from .printable import printable
from .clock import london
from .membership_names import membership
from .config import load_config
from .extensions import csrf, db, login_manager, migrate
from .models import User
from ..mail import models as _mail_tables  # noqa: F401  (the outbox's tables join the metadata: migrations, snapshots)
from . import data_version, requirement_tables  # noqa: F401  (their tables join the metadata migrations are checked against)

MIGRATIONS = str(Path(__file__).parent / "migrations")
STATIC = Path(__file__).parent / "static"


def create_app(overrides: dict | None = None, instance_path: str | None = None) -> Flask:
    app = Flask(__name__, instance_path=instance_path or str(Path.cwd() / "instance"), static_folder=str(STATIC))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(load_config(app.instance_path, overrides))
    if app.config["TRUSTED_PROXIES"]:
        count = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(data_dir("templates"))),
            PrefixLoader(
                {"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"), "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf")}
            ),
        ]
    )
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    app.jinja_env.finalize = printable
    app.jinja_env.filters["london"] = london
    app.jinja_env.filters.update(FILTERS)  # money, price, number...: cpsn_builder/formatting.py
    app.jinja_env.filters["names"] = names  # a dozen names in a sentence, more counted (name_lists.py)
    app.jinja_env.filters["membership"] = membership
    app.jinja_env.filters["day"] = long_date
    WTFormsHelpers(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS)

    @app.teardown_appcontext
    def end_session_even_if_the_database_went_away(_exc):
        """Runs before Flask-SQLAlchemy's own teardown: closing a session whose connection the database
        dropped raises, and would turn a delivered page into a bare 500."""
        try:
            db.session.remove()
        except SQLAlchemyError:
            db.session.registry.clear()

    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = None

    @login_manager.user_loader
    def load_user(session_id: str):
        """The session's user, unless the account has ended its sessions since (or is disabled)."""
        user_id, _, generation = session_id.partition(".")
        if not (user_id.isdigit() and generation.isdigit()):
            return None  # a cookie from before session generations: sign in again
        user = db.session.get(User, int(user_id))
        if user is None or user.disabled or user.session_generation != int(generation):
            return None
        return user

    from .views import (
        account_links,
        auth,
        governance,
        lead,
        outbox,
        partner,
        partners_admin,
        proposals,
        reports,
        requirements,
        sor_versions,
        tenders,
    )

    for module in (
        auth,
        account_links,
        partner,
        lead,
        outbox,
        reports,
        governance,
        partners_admin,
        requirements,
        proposals,
        sor_versions,
        tenders,
    ):
        app.register_blueprint(module.bp)
    input_guard.register(app)
    _register_errors(app)
    _register_headers(app)
    _register_context(app)
    return app


def _register_errors(app: Flask) -> None:
    def page(template: str, status: int, **context):
        """An error page; when even that needs the database and it does not answer, the 503 page."""
        try:
            return render_template(template, **context), status
        except (OperationalError, InterfaceError):
            return database_down(None)

    @app.errorhandler(404)
    def not_found(_error):
        return page("errors/404.html", 404)

    @app.errorhandler(413)
    def too_large(_error):
        return page("errors/413.html", 413, limit=app.config["MAX_CONTENT_LENGTH"])

    @app.errorhandler(CSRFError)
    def expired(_error):
        return page("errors/400.html", 400)

    @app.errorhandler(500)
    def failed(_error):
        try:
            db.session.rollback()
        except SQLAlchemyError:
            return database_down(None)
        return page("errors/500.html", 500)

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_down(_error):
        """The database does not answer: a styled page that itself needs no database."""
        try:
            db.session.remove()  # drop the broken connection; the pool reconnects when the database is back
        except SQLAlchemyError:
            pass
        g._login_user = login_manager.anonymous_user()  # the page must not look the account up
        response = app.make_response((render_template("errors/503.html"), 503))
        response.headers["Retry-After"] = "30"
        return response


def _register_headers(app: Flask) -> None:
    @app.after_request
    def security_headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if app.config["ENV_NAME"] != "development":
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response


def _register_context(app: Flask) -> None:
    from .store import base_catalogue

    @app.context_processor
    def service():
        cat = base_catalogue()  # the programme's name needs no database, so error pages render without one
        return {
            "partnership": cat.programme.partnership,
            "service_name": "CPSN Builder",
            "assets_ready": (STATIC / "govuk" / "govuk-frontend.min.css").is_file(),
            "path": request.path,
        }
