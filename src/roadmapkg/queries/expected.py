"""The stored regression answers of the saved queries (queries/regression/): what changed.

Each stored answer is the program's own earlier output (run-queries's form: NAME.csv, NAME.nt
for a graph), kept so that a change in the sources or the queries shows up. `check` runs every
saved query with its defaults and lists, per query, the rows added and removed since the stored
answer was written, and how the instance counts that the build's sanity bounds
(data/sources/assertions.csv) guard have moved; `update` rewrites the stored answers once a
curator has reviewed the change. Federated queries are left out: their answers come from the EU
endpoints, which are not reachable from everywhere.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..errors import RoadmapError
from ..rdf.namespaces import RK
from .saved import SavedQuery, answer_files, is_federated, load_all

REGRESSION = paths.REGRESSION
COUNTS = "counts-per-class.csv"  # the stored answer that records the instance counts


@dataclass(frozen=True)
class Change:
    """How a query's answer differs from its stored one (`stored` is None when there is none,
    `now` when no saved query has that name any more)."""

    name: str
    stored: bytes | None
    now: bytes | None

    @property
    def added(self) -> list[str]:
        now, stored = rows(self.name, self.now or b""), rows(self.name, self.stored or b"")
        return list((now - stored).elements())

    @property
    def removed(self) -> list[str]:
        now, stored = rows(self.name, self.now or b""), rows(self.name, self.stored or b"")
        return list((stored - now).elements())


def rows(name: str, answer: bytes) -> Counter[str]:
    """The rows of an answer file, header included, each as one line of text: a CSV row as CSV
    writes it (with LF), or an N-Triples line."""
    text = answer.decode("utf-8")
    if name.endswith(".csv"):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(csv.reader(io.StringIO(text)))
        text = out.getvalue()
    return Counter(text.splitlines())


def checked_queries() -> list[SavedQuery]:
    return [q for q in load_all() if not q.is_update and not is_federated(q)]


def answers(store) -> dict[str, bytes]:
    """Each checked query's answer now, by file name."""
    return dict(answer_files(checked_queries(), store))


def changes(store, folder: Path = REGRESSION) -> tuple[dict[str, bytes], list[Change]]:
    """The answers now, and those that are not byte for byte the stored ones."""
    now = answers(store)
    found = []
    for name, text in now.items():
        path = folder / name
        stored = path.read_bytes() if path.is_file() else None
        if stored != text:
            found.append(Change(name, stored, text))
    names = {q.name for q in load_all()}
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_file() and not path.name.startswith(".") and path.stem not in names:
            found.append(Change(path.name, path.read_bytes(), None))
    return now, found


def counts(answer: bytes | None) -> dict[str, int]:
    """Instances per class from an answer of counts-per-class."""
    reader = csv.DictReader(io.StringIO((answer or b"").decode("utf-8")))
    return {row["class"]: int(row["instances"]) for row in reader}


def bounds(sources: Path) -> list[tuple[str, int | None, int | None, int]]:
    """(class, min, max, line) of each sanity bound in `sources`/assertions.csv. The build
    checks the file; here it is only read."""
    path = sources / "assertions.csv"
    if not path.is_file():
        raise RoadmapError(f"{paths.display(path)}: no such file (--sources names the folder)")
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (row["class"], int_or_none(row["min"]), int_or_none(row["max"]), line)
            for line, row in enumerate(csv.DictReader(handle), start=2)
        ]


def int_or_none(text: str | None) -> int | None:
    return int(text) if text else None


def bound_text(low: int | None, high: int | None) -> str:
    if low is not None and low == high:
        return f"exactly {low}"
    parts = ([f"at least {low}"] if low is not None else []) + (
        [f"at most {high}"] if high is not None else []
    )
    return " and ".join(parts) or "no limit"


def bound_lines(stored: bytes | None, now: bytes, sources: Path) -> list[str]:
    """One line per sanity bound whose class count moved (or that no longer holds)."""
    before, after = counts(stored), counts(now)
    lines = []
    for name, low, high, line in bounds(sources):
        was, count = before.get(str(RK[name]), 0), after.get(str(RK[name]), 0)
        holds = (low is None or count >= low) and (high is None or count <= high)
        if was != count or not holds:
            verdict = "holds" if holds else f"FAILS: review assertions.csv:{line}"
            lines.append(f"  rk:{name}: {was} -> {count} ({bound_text(low, high)}: {verdict})")
    return lines


def report(now: dict[str, bytes], found: list[Change], folder: Path, sources: Path) -> str:
    """What `roadmapkg expected --check` prints: the rows added (+) and removed (-) per query,
    the sanity bounds whose counts moved, and a verdict."""
    out = []
    for change in found:
        added, removed = change.added, change.removed
        if change.now is None:
            out.append(f"{change.name}: no saved query of that name (--update removes it)")
            continue
        if change.stored is None:
            out.append(f"{change.name}: no stored answer")
        elif added or removed:
            out.append(f"{change.name}: {rows_text(len(added))} added, {len(removed)} removed")
        else:
            out.append(f"{change.name}: the same rows, in another order or written differently")
        out += [f"  - {row}" for row in removed] + [f"  + {row}" for row in added]
    stored_counts = folder / COUNTS
    before = stored_counts.read_bytes() if stored_counts.is_file() else None
    moved = bound_lines(before, now.get(COUNTS, b""), sources)
    if moved:
        out.append(f"sanity bounds ({paths.display(sources / 'assertions.csv')}), instances:")
        out += moved
    where = paths.display(folder)
    if found:
        out.append(
            f"{len(found)} of {len(now)} stored answers in {where} differ: review the rows "
            "above, then run roadmapkg expected --update"
        )
    else:
        out.append(f"{len(now)} stored answers in {where}: all equal (federated queries skipped)")
    return "\n".join(out) + "\n"


def rows_text(count: int) -> str:
    return f"{count} row" + ("" if count == 1 else "s")


def update(found: list[Change], folder: Path) -> tuple[list[Path], list[Path]]:
    """Rewrite the stored answers that differ (each to a temporary file first, then renamed),
    then remove those of queries that are gone; the files rewritten and removed."""
    from ..files.atomic import write_atomically

    files = {folder / c.name: c.now for c in found if c.now is not None}
    write_atomically(files)
    gone = [folder / c.name for c in found if c.now is None]
    for path in gone:
        path.unlink()
    return list(files), gone
