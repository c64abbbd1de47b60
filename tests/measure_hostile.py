"""Time and peak memory of every hostile file, each command in a process of its own: a table.

``python tests/measure_hostile.py`` (POSIX: peak memory comes from the resource module).  DOCX cases
go through ``check`` and ``build --against``, workbook cases through ``build`` and ``validate``; the
261-page report and the costliest DOCX the limits let through are measured too.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.pipeline import build
from tests.conftest import SAMPLE
from tests.hostile_docx import HOSTILE_DOCX, long_report, under_the_limits
from tests.hostile_files import measure
from tests.test_bad_inputs import CASES
from tests.test_files import HOSTILE


def main() -> None:
    print("| Case | Command | Exit | Seconds | Peak MB |\n| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory(prefix="hostile ") as folder:
        root = Path(folder)
        base = root / "样例.docx"
        build(SAMPLE, base)
        out = root / "输出.docx"
        docx = {name: case.make for name, case in HOSTILE_DOCX.items()}
        docx |= {"261-page report (accepted)": long_report, "just under the limits (accepted)": under_the_limits}
        for name, make in docx.items():
            path = root / f"{name}.docx"
            make(base, path)
            for command in (["check", path], ["build", SAMPLE, "-o", out, "--against", path]):
                _row(name, " ".join(map(str, command[:1] + command[4:5])), command)
                out.unlink(missing_ok=True)
        for name in HOSTILE:
            path = root / f"{name}.xlsx"
            make_workbook = CASES[name].make
            assert make_workbook is not None
            make_workbook(path)
            for command in (["build", path, "-o", out], ["validate", path]):
                _row(name, str(command[0]), command)


def _row(name: str, command: str, args: list[str | Path]) -> None:
    run = measure(*args)
    print(f"| {name} | {command} | {run.status} | {run.seconds:.2f} | {run.mb:.0f} |", flush=True)


if __name__ == "__main__":
    main()
