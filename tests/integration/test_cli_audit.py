"""Issue 18: ``aligngames audit`` shows every reading with its verdict, and statuses that say what happened."""

from __future__ import annotations

import json

from games import essay


def test_audit_json_readings(cli):
    r = cli("audit", "--json")
    assert r.code == 0, r.err
    rows = {row["id"]: row for row in json.loads(r.out)}
    # 81,250 + 243,750 = 325,000 < 440,000: under the essay's "on top of that" its conclusion fails
    first = rows["dunbar-researcher"]["readings"][0]
    assert (first["reading"], first["value"], first["survives"]) == ("own life only at 5x", 325_000, False)
    assert rows["dunbar-researcher"]["conclusion"]
    # no double counting: 0.05 x 0.05 x 6.5e6 x 8e9 = 1.3e14
    hum = {x["reading"]: x["value"] for x in rows["humanity"]["readings"]}
    assert hum["no double counting"] == 13 * 10**13 and hum["the essay's $20m"] == 4 * 10**14
    assert rows["slip-roi"]["computed"] is None and rows["slip-roi"]["status"] == "slip"
    assert {row["status"] for row in rows.values()} <= set(essay.STATUSES)


def test_audit_text_names_failing_readings_and_counts_statuses(cli):
    r = cli("audit")
    assert r.code == 0
    assert "own life only at 5x: 325,000 (FAILS)" in r.out
    assert "two researchers: -407,500 (FAILS)" in r.out  # 2 x 16,250 - 440,000: a Deadlock
    assert "5 ok, 1 rounding, 7 reading, 3 slip, 1 error, 0 changed" in r.out
    r = cli("audit", "--set", "vsl=8e6")
    assert "mismatch" not in r.out and "changed" in r.out
