"""Test helpers for the web app: a migrated database per test, and a client that checks every page."""

from __future__ import annotations

import atexit
import functools
import hashlib
import html
import os
import queue
import re
import shutil
import tempfile
import threading
import uuid
from collections import Counter
from pathlib import Path

import html5lib
import psycopg
import pytest
import sqlalchemy as sa
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url
from flask.testing import FlaskClient
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect
from flask_migrate import upgrade
from jinja2.bccache import BytecodeCache, Bucket

from cpsn_builder.catalogue import load_catalogue
from cpsn_builder.web import create_app
from cpsn_builder.web.demo import DEMO_PASSWORD, load_demo
from cpsn_builder.web.extensions import db

PG_URL = os.environ.get("TEST_DATABASE_URL")
DATABASES = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL is not set: PostgreSQL tests need a server (CI sets it)"),
    ),
]


class CheckedClient(FlaskClient):
    """Every HTML page fetched must parse as HTML without errors, have unique ids and a title that
    starts with its h1, and every form must go somewhere that accepts it, POSTs with a CSRF token
    (in the manner of GOV.UK Notify's client_request fixture: each test checks its pages for free)."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html":
            path = response.request.path if response.request is not None else "/"
            check_page(response.get_data(as_text=True), path, self.application)
        return response


_PASSED: set[tuple] = set()  # pages already checked, their CSRF tokens blanked
_TOKEN = re.compile(r'(name="csrf_token"[^>]*?value=")[^"]+"')


def check_page(html: str, path: str | None = None, app=None) -> None:
    """The same page seen again (the other database, the next test's sign-in) was checked already:
    every app has the same routes, so only the page, its path and CSRF being on can change the result."""
    seen = (
        hashlib.blake2b(_TOKEN.sub(r'\1t"', html).encode()).digest(),
        path,
        app is None,
        app is None or app.config.get("WTF_CSRF_ENABLED", True),
    )
    if seen not in _PASSED:
        _check_page(html, path, app)
        _PASSED.add(seen)


def _check_page(html: str, path: str | None, app) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(html)
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and title.group(1).strip(), "page has no title"
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    duplicated = [i for i, n in ids.items() if n > 1]
    assert not duplicated, f"duplicate ids: {duplicated}"
    title_text = _text(tree.find(".//title"))
    h1 = tree.find(".//h1")
    assert h1 is not None, f"{path}: page has no h1"
    heading = _text(h1)
    shown = title_text.removeprefix("Error: ")
    assert shown.startswith(heading), f"{path}: the title {title_text!r} does not start with the h1 {heading!r}"
    for form in tree.iter("form"):
        _check_form(form, path, app)
    for summary in tree.iter("div"):
        if "govuk-error-summary" in (summary.get("class") or "").split():
            assert summary.findall(".//li"), f"{path}: an error summary that lists no error"
            assert title_text.startswith("Error: "), f"{path}: a page with errors whose title does not start 'Error: '"


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _check_form(form, path: str | None, app) -> None:
    """A form posts to its own page only where that page accepts the method; a POST carries the CSRF token."""
    method = (form.get("method") or "get").upper()
    action = form.get("action")
    target = urlsplit(action).path if action else path
    if app is not None and target is not None:
        try:
            app.url_map.bind("localhost").match(target, method=method)
        except (MethodNotAllowed, NotFound) as exc:
            raise AssertionError(f"{path}: a form {method}s to {target}, which does not accept it ({type(exc).__name__})") from None
        except RequestRedirect:
            pass  # a trailing slash: the target exists
    if method == "POST" and (app is None or app.config.get("WTF_CSRF_ENABLED", True)):  # some tests switch CSRF off
        tokens = [i for i in form.iter("input") if i.get("name") == "csrf_token" and i.get("value")]
        assert tokens, f"{path}: a form posting to {target} has no CSRF token"


# Test accounts are hashed with one round of PBKDF2: scrypt's 0.1 s a hash, paid for the demo's
# accounts in every test database and for most sign-ins, was a large share of the suite's time.
# (test_passwords.py proves that a real configuration uses scrypt.)
CHEAP_HASH = {"PASSWORD_HASH_METHOD": "pbkdf2:sha256:1"}


def make_app(kind: str, tmp_path, demo: bool = True, **config):
    """An app on a fresh database of its own, migrated (and with the demo data unless demo=False).

    Migrating and loading the demo cost seconds a test; they run once per session into a template
    (a SQLite file, a PostgreSQL template database) that each test's database is copied from.
    """
    config = {"TESTING": True, **CHEAP_HASH, **config}
    url, drop = database_copy(kind, tmp_path, demo, config)
    app = create_app({**config, "SQLALCHEMY_DATABASE_URI": url}, instance_path=str(tmp_path / "instance"))
    app.test_client_class = CheckedClient
    app.jinja_env.bytecode_cache = _COMPILED_TEMPLATES
    if "CPSN_CATALOGUE" not in config:
        app.extensions["cpsn_catalogue"] = _shipped_catalogue()  # read once a session: its models are frozen
    return app, drop


@functools.cache
def _shipped_catalogue():
    return load_catalogue()


class _MemoryBytecodeCache(BytecodeCache):
    """Every app compiles the same templates (half a second each time); the session compiles them once.

    Jinja keys each entry by the template's name and checks its source's checksum, so an edited
    template is compiled again.
    """

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _MemoryBytecodeCache()


_TEMPLATES: dict[tuple, str] = {}  # (kind, demo, data config) -> the template's SQLite path or PostgreSQL database
# The settings that change what migrating and loading the demo write; the others (CSRF, proxies...) share a template.
DATA_CONFIG = ("CPSN_CATALOGUE", "PASSWORD_HASH_METHOD")
_SESSION = uuid.uuid4().hex[:10]  # other test runs share the PostgreSQL server: names must not collide


def _template(kind: str, demo: bool, config: dict) -> str:
    key = (kind, demo, tuple(repr(config.get(name)) for name in DATA_CONFIG))
    if key not in _TEMPLATES:
        name = f"cpsn_tpl_{_SESSION}_{len(_TEMPLATES)}"
        if kind == "sqlite":
            folder = Path(tempfile.mkdtemp(prefix="cpsn-template-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            target = str(folder / f"{name}.sqlite3")
            url = f"sqlite:///{target}"
        else:
            _create_database(name)
            atexit.register(_drop_database, name)
            url, target = _pg_url(name), name
        app = create_app({**config, "SQLALCHEMY_DATABASE_URI": url}, instance_path=tempfile.mkdtemp(prefix="cpsn-template-instance-"))
        with app.app_context():
            upgrade(directory=app.extensions["migrate"].directory)
            if demo:
                load_demo()
            db.session.remove()
            db.engine.dispose()  # PostgreSQL copies a template only while nobody is connected to it
        _TEMPLATES[key] = target
    return _TEMPLATES[key]


def database_copy(kind: str, tmp_path, demo: bool, config: dict) -> tuple[str, callable]:
    """The URL of a fresh database migrated (with the demo data unless demo=False) for `config`, and how to drop it."""
    return _fresh_database(kind, tmp_path, _template(kind, demo, config))


def _fresh_database(kind: str, tmp_path, template: str) -> tuple[str, callable]:
    if kind == "sqlite":
        Path(tmp_path).mkdir(parents=True, exist_ok=True)
        path = Path(tmp_path) / "test.sqlite3"
        shutil.copyfile(template, path)
        return f"sqlite:///{path}", lambda: None
    copies = _READY.get(template) or _READY.setdefault(template, _ReadyDatabases(template))
    name = copies.take()
    return _pg_url(name), lambda: copies.give_back(name)


class _ReadyDatabases:
    """PostgreSQL databases for tests, made from a template by a thread of their own, and reused.

    Copying a template costs the server 0.2-0.4 s of processor time; a returned database is
    instead put back to the template's state (every table emptied and refilled with the
    template's rows, every sequence set back) in a few hundredths of a second, while the next
    test starts. A test that holds two databases at once gets a second copy.
    """

    def __init__(self, template: str):
        self.template = template
        self.ready: queue.Queue = queue.Queue()
        self.jobs: queue.Queue = queue.Queue()
        self.made: list[str] = []
        self.pending = 1  # jobs under way that will put a database in `ready`
        self.lock = threading.Lock()
        self.jobs.put(("create", None))
        self.thread = threading.Thread(target=self._work, name=f"copies of {template}", daemon=True)
        self.thread.start()
        atexit.register(self.close)

    def take(self) -> str:
        with self.lock:
            if self.ready.empty() and self.pending == 0:
                self.pending += 1
                self.jobs.put(("create", None))
        name = self.ready.get(timeout=300)
        if isinstance(name, BaseException):
            raise name
        return name

    def give_back(self, name: str) -> None:
        with self.lock:
            self.pending += 1
        self.jobs.put(("reset", name))

    def close(self) -> None:
        self.jobs.put(("stop", None))
        self.thread.join(timeout=120)
        for name in self.made:
            _drop_database(name)

    def _work(self) -> None:
        contents = _Contents(self.template)
        engine = _server()
        with engine.connect() as connection:
            while True:
                job, name = self.jobs.get()
                if job == "stop":
                    break
                try:
                    if job == "reset":
                        contents.restore(name)
                    else:
                        name = f"cpsn_t_{uuid.uuid4().hex[:16]}"
                        connection.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"'))
                        self.made.append(name)
                    result = name
                except (sa.exc.SQLAlchemyError, psycopg.Error) as error:
                    result = error  # the test waiting for it fails with the server's reason
                with self.lock:
                    self.pending -= 1
                self.ready.put(result)
        engine.dispose()


class _Contents:
    """A template's rows and sequence values, to put a used copy back as it was made."""

    def __init__(self, template: str):
        with psycopg.connect(_libpq_url(template), autocommit=True) as connection:
            self.tables = [row[0] for row in connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]
            self.rows: dict[str, bytes] = {}
            for table in self.tables:
                if connection.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0]:
                    with connection.cursor().copy(f'COPY "{table}" TO STDOUT (FORMAT binary)') as copy:
                        self.rows[table] = b"".join(bytes(part) for part in copy)
            self.sequences = connection.execute(
                "SELECT format('%I.%I', schemaname, sequencename), COALESCE(last_value, start_value), last_value IS NOT NULL "
                "FROM pg_sequences WHERE schemaname = 'public'"
            ).fetchall()

    def restore(self, database: str) -> None:
        with psycopg.connect(_libpq_url(database), autocommit=True) as connection:
            # Whatever the test left connected (a thread, an engine not disposed) would hold locks.
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            with connection.transaction():
                connection.execute("SET LOCAL session_replication_role = replica")  # rows in any order: no foreign-key triggers
                connection.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in self.tables) + " RESTART IDENTITY")
                for table, data in self.rows.items():
                    with connection.cursor().copy(f'COPY "{table}" FROM STDIN (FORMAT binary)') as copy:
                        copy.write(data)
                for sequence, value, called in self.sequences:
                    connection.execute("SELECT setval(%s, %s, %s)", (sequence, value, called))


def _libpq_url(database: str) -> str:
    return make_url(PG_URL).set(drivername="postgresql", database=database).render_as_string(hide_password=False)


_READY: dict[str, _ReadyDatabases] = {}


def _pg_url(database: str) -> str:
    return make_url(PG_URL).set(database=database).render_as_string(hide_password=False)


def _server():
    return sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)


def _create_database(name: str) -> None:
    engine = _server()
    with engine.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


def _drop_database(name: str) -> None:
    engine = _server()
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def sign_in(client, email: str, password: str = DEMO_PASSWORD):
    page = client.get("/sign-in")
    token = csrf_of(page)
    return client.post("/sign-in", data={"email": email, "password": password, "csrf_token": token})


def csrf_of(response) -> str:
    html = response.get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', html)
    if match is None and "csrf_token" not in html:
        return ""  # an app configured without CSRF (the fuzz tests reach validation directly)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


def version_of(response) -> str:
    match = re.search(r'name="version" type="hidden" value="(\d+)"|name="version" value="(\d+)"', response.get_data(as_text=True))
    assert match, "no version field on the page"
    return match.group(1) or match.group(2)


def form_post(client, url: str, data: dict, **kwargs):
    """Post like a browser: the CSRF token and version from the page itself."""
    page = client.get(url)
    token = csrf_of(page)
    if not token and "csrf_token" not in page.get_data(as_text=True):
        # A page with no form (answers locked): post as someone who opened it before it locked would,
        # with a valid token from the sign-out page, so what refuses the post is the lock, not CSRF.
        token = csrf_of(client.get("/sign-out"))
    fields = {"csrf_token": token}
    try:
        fields["version"] = version_of(page)
    except AssertionError:
        pass
    fields.update(data)
    return client.post(url, data=fields, **kwargs)


def deadline_fields(text: str) -> dict:
    """'2031-01-31 17:00' as the deadline page's GOV.UK date input and time box would send it."""
    day, _, clock = text.partition(" ")
    year, month, date = day.split("-")
    return {"deadline-day": date, "deadline-month": month, "deadline-year": year, "deadline-time": clock}


def page_text(response) -> str:
    """What a page says, as a person reads it: tags dropped, entities decoded, spaces collapsed."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def day_fields(**days: str) -> dict:
    """Dates ('2013-04-01', or '' for blank) as GOV.UK date inputs named for each keyword send them."""
    fields = {}
    for name, text in days.items():
        year, month, day = text.split("-") if text else ("", "", "")
        fields.update({f"{name}-day": day, f"{name}-month": month, f"{name}-year": year})
    return fields


def motion_times(opens: str, closes: str) -> dict:
    """A motion's opening and closing times as its two GOV.UK date inputs and time boxes send them."""
    fields = {}
    for name, text in (("opens", opens), ("closes", closes)):
        fields.update({key.replace("deadline", name): value for key, value in deadline_fields(text).items()})
    return fields


__all__ = [
    "page_text",
    "day_fields",
    "deadline_fields",
    "motion_times",
    "DATABASES",
    "database_copy",
    "db",
    "make_app",
    "sign_in",
    "form_post",
    "csrf_of",
    "version_of",
    "check_page",
]
