"""The PostgreSQL tools get the password through their environment, never their arguments."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ideashub import backup

URL = "postgresql+psycopg://hub:s3cret-pass@db.internal:6543/ideas?sslmode=require"


class Recorder:
    def __init__(self, returncode=0, stderr=""):
        self.calls = []
        self.returncode, self.stderr = returncode, stderr

    def __call__(self, args, env=None, **kwargs):
        self.calls.append((args, env))
        for arg in args:
            if arg.startswith("--file="):
                Path(arg[len("--file="):]).write_bytes(b"PGDMP fake dump")
        return subprocess.CompletedProcess(args, self.returncode, "", self.stderr)


@pytest.fixture
def tools(monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setenv("PGPASSWORD", "someone-elses")
    recorder = Recorder()
    monkeypatch.setattr(backup.subprocess, "run", recorder)
    return recorder


def test_pg_dump_reads_the_password_from_its_environment_only(tools, tmp_path):
    outcome = backup.backup(URL, tmp_path / "hub.dump")

    (args, env), = tools.calls
    assert args[0] == "/usr/bin/pg_dump" and "--format=custom" in args
    assert not any("s3cret-pass" in a for a in args)
    assert env["PGPASSWORD"] == "s3cret-pass"
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGDATABASE"], env["PGSSLMODE"]) == (
        "db.internal", "6543", "hub", "ideas", "require")
    assert "s3cret-pass" not in outcome.database and "***" in outcome.database
    assert (tmp_path / "hub.dump").read_bytes().startswith(b"PGDMP")


def test_a_failing_tool_never_repeats_the_password(tools, tmp_path):
    tools.returncode, tools.stderr = 1, 'connection failed for "hub" password "s3cret-pass"'
    with pytest.raises(backup.BackupError) as error:
        backup.backup(URL, tmp_path / "hub.dump")
    assert "s3cret-pass" not in str(error.value)
    assert not (tmp_path / "hub.dump").exists()
    assert list(tmp_path.iterdir()) == []  # no half-written file left behind


def test_pg_restore_gets_the_password_through_its_environment(tools, tmp_path, monkeypatch):
    dump = tmp_path / "hub.dump"
    dump.write_bytes(b"PGDMP fake dump")
    monkeypatch.setattr(backup, "tables_with_data", lambda url: [])

    backup.restore(URL, dump)

    (args, env), = tools.calls
    assert args[0] == "/usr/bin/pg_restore"
    assert not any("s3cret-pass" in a for a in args)
    assert env["PGPASSWORD"] == "s3cret-pass"


def test_restore_refuses_a_backup_of_the_other_database_kind(tmp_path):
    dump = tmp_path / "hub.dump"
    dump.write_bytes(b"PGDMP fake dump")
    with pytest.raises(backup.BackupError, match="PostgreSQL dump; the target database is SQLite"):
        backup.restore(f"sqlite:///{tmp_path / 'new.db'}", dump)
