"""A long run of the workbook property (not in CI): python tests/fuzz_workbooks.py [CASES]

Each case is read, validated and built (validate's verdict must be build's); prints how many cases
ran, how many were accepted and refused, and stops at the first failure.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, settings

from tests.test_properties import check
from tests.workbook_strategies import workbooks


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    counts = {"accepted": 0, "refused": 0}

    @settings(max_examples=cases, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(workbooks())
    def run(wb: object) -> None:
        accepted, _ = check(wb, with_build=True)
        counts["accepted" if accepted else "refused"] += 1

    started = time.monotonic()
    run()
    total = counts["accepted"] + counts["refused"]
    print(
        f"{total} cases in {time.monotonic() - started:.0f} s: {counts['accepted']} accepted, "
        f"{counts['refused']} refused with placed problems, 0 other exceptions"
    )


if __name__ == "__main__":
    main()
