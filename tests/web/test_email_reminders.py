"""Deadline reminders at 7 days and 1 day before, counted in London days across the clock changes;
`notify due` twice sends nothing twice."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from click.testing import CliRunner

from cpsn_builder.cli import main
from cpsn_builder.mail.events import deadline_changed
from cpsn_builder.mail.recipients import officers_of_partners_yet_to_submit
from cpsn_builder.mail.reminders import due_offset, queue_due_reminders, reminder_time
from cpsn_builder.web.clock import to_utc
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import PartnerResponse, utcnow
from cpsn_builder.web.store import deadline, set_deadline
from mail_helpers import outbox_rows, plain, send_outbox, subject


def _set_deadline(app, london: str, set_at: datetime) -> datetime:
    value = to_utc(datetime.fromisoformat(london))
    with app.app_context():
        old = deadline()
        set_deadline(value)
        db.session.commit()
        deadline_changed(old, value, now=set_at)
    return value


def _expected(app) -> set[str]:
    with app.app_context():
        return {officer.email for _, officer in officers_of_partners_yet_to_submit()}


@pytest.mark.parametrize(
    "london, week_before_utc, day_before_utc",
    [
        # the clocks go back on 30 October 2011: a week before 17:00 GMT is 17:00 BST, 16:00 UTC
        ("2011-11-01 17:00", datetime(2011, 10, 25, 16, 0), datetime(2011, 10, 31, 17, 0)),
        # the clocks go forward on 25 March 2012: a week before 17:00 BST is 17:00 GMT, 17:00 UTC
        ("2012-03-30 17:00", datetime(2012, 3, 23, 17, 0), datetime(2012, 3, 29, 16, 0)),
    ],
)
def test_reminders_at_london_offsets_across_a_clock_change(london, week_before_utc, day_before_utc):
    closing = to_utc(datetime.fromisoformat(london))
    assert reminder_time(closing, 7) == week_before_utc
    assert reminder_time(closing, 1) == day_before_utc
    set_at = closing - timedelta(days=30)
    minute = timedelta(minutes=1)
    assert due_offset(closing, week_before_utc - minute, set_at, (7, 1)) is None
    assert due_offset(closing, week_before_utc, set_at, (7, 1)) == 7
    assert due_offset(closing, day_before_utc - minute, set_at, (7, 1)) == 7
    assert due_offset(closing, day_before_utc, set_at, (7, 1)) == 1
    assert due_offset(closing, closing, set_at, (7, 1)) is None  # nothing after the deadline
    # set three days before: the week's reminder had passed already (the "deadline set" email said it)
    assert due_offset(closing, closing - timedelta(days=2), closing - timedelta(days=3), (7, 1)) is None


def test_reminders_are_queued_once_and_sent_over_smtp(mail_app, smtp):
    closing = _set_deadline(mail_app, "2011-11-01 17:00", set_at=datetime(2011, 10, 1, 9, 0))
    expected = _expected(mail_app)
    assert expected and "officer@huntingdonshire.example" in expected and "officer@fenland.example" not in expected  # fenland submitted
    assert send_outbox(mail_app, now=datetime(2011, 10, 1, 9, 0)).sent == len(expected)  # the "deadline set" emails
    assert all("17:00 on Tuesday 1 November 2011" in plain(m) for m in smtp.messages)
    smtp.messages.clear()

    week = datetime(2011, 10, 25, 16, 0)
    with mail_app.app_context():
        assert queue_due_reminders(now=week - timedelta(seconds=1)) == 0
        assert queue_due_reminders(now=week) == len(expected)
        assert queue_due_reminders(now=week) == 0  # twice: nothing twice
        assert queue_due_reminders(now=week + timedelta(days=3)) == 0
    assert send_outbox(mail_app, now=week).sent == len(expected)
    assert {m["To"] for m in smtp.messages} == expected
    message = smtp.recorder.to("officer@huntingdonshire.example")[0]
    assert subject(message) == "Your CPSN answers are due in 7 days: by 17:00 on 1 November 2011"
    assert "have not been submitted yet" in plain(message) and "/partners/huntingdonshire/" in plain(message)

    with mail_app.app_context():  # Huntingdonshire submits before the last reminder
        record = db.session.execute(db.select(PartnerResponse).filter_by(partner_id="huntingdonshire")).scalar_one_or_none()
        if record is None:
            record = PartnerResponse(partner_id="huntingdonshire", project_id="cpsn", lots=[], answers={}, current_spend={}, declined=True)
            db.session.add(record)
        record.status = "submitted"
        db.session.commit()
        assert queue_due_reminders(now=datetime(2011, 10, 31, 17, 0)) == len(expected) - 1
    smtp.messages.clear()
    send_outbox(mail_app, now=datetime(2011, 10, 31, 17, 0))
    assert "officer@huntingdonshire.example" not in {m["To"] for m in smtp.messages}
    assert all("due tomorrow" in subject(m) for m in smtp.messages)

    moved = _set_deadline(mail_app, "2011-11-08 17:00", set_at=datetime(2011, 10, 31, 18, 0))
    assert moved > closing
    with mail_app.app_context():  # a moved deadline has its own reminders
        assert queue_due_reminders(now=datetime(2011, 11, 7, 17, 0)) == len(expected) - 1


def test_notify_due_twice_sends_nothing_twice(mail_app, smtp, monkeypatch):
    for key in ("SMTP_URL", "MAIL_FROM", "MAIL_REPLY_TO", "CPSN_BASE_URL"):
        monkeypatch.setenv(key, mail_app.config[key])
    monkeypatch.setenv("DATABASE_URL", mail_app.config["SQLALCHEMY_DATABASE_URI"])
    now = utcnow()
    with mail_app.app_context():
        set_deadline(now + timedelta(hours=12))
        db.session.commit()
        deadline_changed(None, now + timedelta(hours=12), now=now - timedelta(days=3))
    expected = _expected(mail_app)
    runner = CliRunner()
    first = runner.invoke(main, ["notify", "due"])
    assert first.exit_code == 0, first.output
    assert f"Reminders queued: {len(expected)}" in first.output
    second = runner.invoke(main, ["notify", "due"])
    assert "Reminders queued: 0" in second.output and "0 sent" in second.output
    reminders = [m for m in smtp.messages if "due tomorrow" in subject(m)]
    assert sorted(m["To"] for m in reminders) == sorted(expected)
    assert len([r for r in outbox_rows(mail_app) if r.template == "reminder"]) == len(expected)
