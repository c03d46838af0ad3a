#!/bin/sh
# test-summary.sh BUILDDIR: run the test suite and end with one summary
# line counting every test case (each TAP subtest), "N passed, N failed".
set -u
builddir=$1
shift
meson test -C "$builddir" --print-errorlogs "$@"
rc=$?
log="$builddir/meson-logs/testlog.json"
if [ -f "$log" ]; then
	python3 - "$log" <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(line)
    out = t.get("stdout") or ""
    cases = [l for l in out.splitlines() if l.startswith(("ok ", "not ok "))]
    if cases:
        for l in cases:
            if l.startswith("not ok"):
                failed += 1
            elif "# SKIP" in l:
                skipped += 1
            else:
                passed += 1
    elif t.get("result") in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif t.get("result") == "SKIP":
        skipped += 1
    else:
        failed += 1
    if t.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and cases and \
            not any(l.startswith("not ok") for l in cases):
        failed += 1
print()
print(f"summary: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
fi
exit $rc
