"""The dependency audit prints every advisory, marks those SECURITY.md does not cover, and never fails the
build unless asked to (issue 9, item 10)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from lmi.config import PROJECT_ROOT

SUMMARY = PROJECT_ROOT / "scripts" / "audit_summary.py"


def _run(tmp_path, report: dict | None, security: str, strict: bool = False):
    path = tmp_path / "report.json"
    if report is not None:
        path.write_text(json.dumps(report))
    (tmp_path / "SECURITY.md").write_text(security)
    env = {**os.environ, "PATHFINDER_AUDIT_STRICT": "1" if strict else ""}
    return subprocess.run([sys.executable, str(SUMMARY), str(path), str(tmp_path / "SECURITY.md")],
                          capture_output=True, text=True, env=env, timeout=60)


REPORT = {"dependencies": [
    {"name": "aiohttp", "version": "3.9.5", "vulns": [
        {"id": "GHSA-8495-4g3g-x7pr", "aliases": ["CVE-2024-52304"], "fix_versions": ["3.10.11"]},
        {"id": "PYSEC-2099-1", "aliases": [], "fix_versions": []}]},
    {"name": "flask", "version": "3.1.3", "vulns": []},
    {"name": "private-thing", "version": "1.0", "skip_reason": "not found on PyPI"},
]}


def test_every_advisory_is_printed_and_unrecorded_ones_are_marked(tmp_path):
    done = _run(tmp_path, REPORT, "aiohttp CVE-2024-52304: not reachable, the aiohttp server is not used")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert any("CVE-2024-52304" in line and "NEW" not in line for line in lines)
    assert any("PYSEC-2099-1" in line and "NEW: not in SECURITY.md" in line for line in lines)
    assert "2 packages checked, 1 could not be checked, 2 advisories (1 not yet in SECURITY.md)" in done.stdout


def test_strict_mode_fails_on_an_unrecorded_advisory(tmp_path):
    assert _run(tmp_path, REPORT, "CVE-2024-52304", strict=True).returncode == 1
    assert _run(tmp_path, REPORT, "CVE-2024-52304 PYSEC-2099-1", strict=True).returncode == 0


def test_an_unreachable_advisory_service_is_said_plainly_and_does_not_fail(tmp_path):
    offline = {"dependencies": [{"name": "flask", "version": "3.1.3", "skip_reason": "Dependency not found"}]}
    done = _run(tmp_path, offline, "")
    assert done.returncode == 0 and "could not be reached" in done.stdout and "SKIPPED" in done.stdout
    done = _run(tmp_path, None, "")
    assert done.returncode == 0 and "SKIPPED" in done.stdout
