"""Prints pip-audit's JSON report, marking advisories SECURITY.md does not mention yet (standard library only).

  python scripts/audit_summary.py build/pip-audit.json SECURITY.md
"""
import json
import os
import sys
from pathlib import Path

path, security_path = Path(sys.argv[1]), Path(sys.argv[2])
if not path.exists() or not path.read_text().strip():
    print("audit: pip-audit produced no report (see build/pip-audit.log); dependency audit SKIPPED.")
    sys.exit(0)
deps = json.loads(path.read_text())["dependencies"]
audited = [d for d in deps if "skip_reason" not in d]
if not audited:
    print(f"audit: PyPI's advisory API could not be reached for any of {len(deps)} packages "
          "(offline, or a mirror without per-version JSON); dependency audit SKIPPED, nothing was checked.")
    sys.exit(0)
security = security_path.read_text() if security_path.exists() else ""
found, new = 0, []
for dep in audited:
    for vuln in dep.get("vulns", []):
        found += 1
        ids = [vuln["id"], *vuln.get("aliases", [])]
        recorded = any(i in security for i in ids)
        fix = ", ".join(vuln.get("fix_versions") or []) or "no fix"
        print(f"{dep['name']}=={dep['version']}  {' / '.join(ids)}  fixed in: {fix}"
              f"{'' if recorded else '   <- NEW: not in SECURITY.md'}")
        if not recorded:
            new.append(vuln["id"])
skipped = len(deps) - len(audited)
print(f"audit: {len(audited)} packages checked, {skipped} could not be checked, {found} advisories "
      f"({len(new)} not yet in SECURITY.md).")
sys.exit(1 if new and os.environ.get("PATHFINDER_AUDIT_STRICT") == "1" else 0)
