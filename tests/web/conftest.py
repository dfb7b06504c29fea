import pytest

from mail_helpers import mail_app, smtp  # noqa: F401  (the email tests' fixtures: a real SMTP server and an app sending to it)
from web_helpers import DATABASES, make_app


@pytest.fixture(params=DATABASES)
def app(request, tmp_path):
    app, drop = make_app(request.param, tmp_path)
    yield app
    with app.app_context():
        from cpsn_builder.web.extensions import db

        db.session.remove()
        db.engine.dispose()
    drop()


@pytest.fixture
def client(app):
    return app.test_client()
