"""Print the mutation score of the last `mutmut run` (make mutation): per mutated module, the
mutants killed (a test failed, or it timed out), survived, without a test covering them, and not
yet checked, read from mutmut's mutants/**/*.meta files."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code


def main(folder: Path = Path("mutants")) -> int:
    metas = sorted(folder.glob("src/**/*.py.meta"))
    if not metas:
        print(f"{folder}: no mutmut results: run `make mutation`", file=sys.stderr)
        return 2
    header = ("killed", 8), ("survived", 10), ("no tests", 10), ("unchecked", 11), ("score", 8)
    print(f"{'module':<28}" + "".join(f"{name:>{width}}" for name, width in header))
    for meta in metas:
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].values()
        counts = Counter(status_by_exit_code[code] for code in codes)
        killed = counts["killed"] + counts["timeout"]
        total = sum(counts.values())
        score = f"{100 * killed / total:.1f}%" if total else "-"
        name = str(meta.relative_to(folder / "src")).removesuffix(".meta")
        print(
            f"{name:<28}{killed:>8}{counts['survived']:>10}{counts['no tests']:>10}"
            f"{counts['not checked']:>11}{score:>8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
