"""Times are stored in UTC and entered and shown in UK time: a 17:00 deadline in summer closes at 17:00 BST."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime

import pytest

from cpsn_builder.web.clock import to_london, to_utc
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import Motion, Setting
from web_helpers import deadline_fields, form_post, motion_times, sign_in

# Run under faketime: the officer tries to save at a given UTC instant, after the lead set a 17:00 deadline.
SCRIPT = r"""
import json, sys
sys.path.insert(0, sys.argv[2])
from web_helpers import make_app, sign_in, form_post
from pathlib import Path
from datetime import datetime
from cpsn_builder.web.clock import to_utc
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import Setting
app, drop = make_app("sqlite", Path(sys.argv[1]))
with app.app_context():  # stored as the deadline page stores a London time (the page refuses a time already past)
    db.session.add(Setting(key="deadline", value=to_utc(datetime.fromisoformat(sys.argv[3])).isoformat()))
    db.session.commit()
officer = app.test_client(); sign_in(officer, "officer@huntingdonshire.example")
saved = form_post(officer, "/partners/huntingdonshire/organisation", {"contact_name": "Ann", "contact_email": "ann@hunts.example"})
page = officer.get("/partners/huntingdonshire/").get_data(as_text=True)
print(json.dumps({"status": saved.status_code, "locked": "The deadline for answers passed on" in page}))
"""


@pytest.mark.skipif(shutil.which("faketime") is None, reason="faketime is not installed (apt-get install faketime)")
@pytest.mark.parametrize(
    ("utc_now", "locked"),
    [
        ("2026-07-01 15:45:00", False),  # 16:45 BST: before the 17:00 deadline
        ("2026-07-01 16:15:00", True),  # 17:15 BST: after it (the old code let this save until 18:00)
        ("2026-12-01 16:45:00", False),  # winter: UK time is UTC
    ],
)
def test_a_17_00_deadline_closes_at_17_00_uk_time_either_side_of_the_clock_change(tmp_path, utc_now, locked):
    from conftest import REPO

    day = utc_now[:10]
    result = subprocess.run(
        ["faketime", utc_now, sys.executable, "-c", SCRIPT, str(tmp_path), str(REPO / "tests" / "web"), f"{day} 17:00"],
        capture_output=True,
        text=True,
        timeout=300,
        env={"TZ": "UTC", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["locked"] is locked


def test_times_are_stored_in_utc_and_shown_in_uk_time(app, client):
    sign_in(client, "lead@cpsn.example")
    assert form_post(client, "/lead/deadline", deadline_fields("2030-07-01 17:00")).status_code == 302
    assert (
        form_post(
            client,
            "/lead/governance",
            {
                "code": "M-BST",
                "project_id": "cpsn",
                "text": "Across the clock change",
                **motion_times("2030-03-30 09:00", "2030-04-01 17:00"),
            },
        ).status_code
        == 302
    )
    with app.app_context():
        assert db.session.get(Setting, "deadline").value == "2030-07-01T16:00:00"
        motion = db.session.execute(db.select(Motion).filter_by(code="M-BST")).scalar_one()
        assert (motion.opens, motion.closes) == (datetime(2030, 3, 30, 9, 0), datetime(2030, 4, 1, 16, 0))  # GMT, then BST from 31 March
    page = client.get("/lead/deadline").get_data(as_text=True)
    assert 'name="deadline-day" type="text" value="1"' in page and 'value="17:00"' in page
    assert "Voting 30 March 2030 09:00 to 1 April 2030 17:00 (UK time)" in client.get("/lead/governance").get_data(as_text=True)


def test_conversions_across_both_clock_changes():
    assert to_utc(datetime(2026, 3, 29, 0, 30)) == datetime(2026, 3, 29, 0, 30)  # before the spring change: GMT
    assert to_utc(datetime(2026, 3, 29, 3, 0)) == datetime(2026, 3, 29, 2, 0)  # after it: BST
    assert to_london(datetime(2026, 10, 25, 0, 30)) == datetime(2026, 10, 25, 1, 30)  # BST until 01:00 UTC
    assert to_london(datetime(2026, 10, 25, 1, 30)) == datetime(2026, 10, 25, 1, 30)  # then GMT
