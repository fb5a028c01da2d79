"""`keloia briefing` and `keloia templates` as an operator runs them."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from keloia.apps.demo import seed_demo
from keloia.bootstrap import bootstrap
from keloia.settings import Settings

from .test_operator_commands import run


def test_templates_print_what_metas_template_api_takes(tmp_path: Path) -> None:
    done = run(f"sqlite:///{tmp_path / 'k.db'}", "templates")
    assert done.returncode == 0, done.stderr
    templates = {t["name"]: t for t in json.loads(done.stdout)}
    briefing = templates["keloia_briefing_pagi"]
    assert briefing["language"] == "id" and briefing["category"] == "UTILITY"
    body = next(c for c in briefing["components"] if c["type"] == "BODY")
    assert body["text"].count("{{") == len(body["example"]["body_text"][0]) == 3
    assert "keloia_briefing_singkat" in templates and "keloia_pemberitahuan" in templates
    login = templates["keloia_kode_masuk"]
    assert login["category"] == "AUTHENTICATION"
    assert {"type": "OTP", "otp_type": "COPY_CODE"} in login["components"][2]["buttons"]


def test_briefing_by_hand_dry_run_then_queued_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    tenant_id = seed_demo(bootstrap(Settings(KELOIA_DATABASE_URL=url), run_migrations=True))

    dry = run(url, "briefing", "--tenant", tenant_id, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.count("== ") == 5  # the demo PO's five people
    assert "== Joko (driver) +6281200000003, template keloia_briefing_pagi" in dry.stdout
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM outbox")).scalar() == 0

    queued = run(url, "briefing", "--tenant", tenant_id)
    assert queued.returncode == 0 and "# 5 message(s) queued" in queued.stdout
    again = run(url, "briefing", "--tenant", tenant_id)
    assert again.returncode == 0 and "already queued" in again.stdout
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM outbox")).scalar() == 5
    engine.dispose()

    unknown = run(url, "briefing", "--tenant", "nope")
    assert unknown.returncode != 0 and "Traceback" not in unknown.stderr
    bad_date = run(url, "briefing", "--tenant", tenant_id, "--date", "30/11")
    assert bad_date.returncode != 0 and "Traceback" not in bad_date.stderr
