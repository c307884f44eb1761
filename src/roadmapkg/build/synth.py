"""Synthetic data at scale: the curated sources plus N generated seizure events (and some
operations) in the same CSV format analysts edit, deterministic for a seed, optionally with
injected violations of each kind the validation must find."""

from __future__ import annotations

import csv
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .. import paths
from ..errors import RoadmapError
from ..files.folders import staged_folder

# Existing places (id, country) the generated events happen at; the generated ports join them.
PLACES = [("rotterdam", "netherlands"), ("port-of-algeciras", "spain"), ("antwerp", "belgium")]
COUNTRIES = ("netherlands", "spain", "france", "belgium")
SUBSTANCES = ("cocaine", "cannabis", "heroin", "chemical-drugs")
ACTORS = ("europol", "eurojust", "dutch-authorities", "french-authorities")
COUNTRY_OF_LEAD = {"dutch-authorities": "netherlands", "french-authorities": "france"}
# Kinds of violation --violations injects, each of another constraint: sh:minInclusive, the QC
# query on a seizure's country, sh:maxCount (a second substance, given in statements.csv: the
# CSV reader refuses an empty one), sh:class (on seizures) and sh:minCount (operations).
VIOLATIONS = (
    "negative-quantity",
    "country-mismatch",
    "two-substances",
    "country-not-a-country",
    "undated-operation",
)
SEIZURE_VIOLATIONS = VIOLATIONS[:4]
SOURCE = "synthetic"


def synthesise(folder: Path, events: int, seed: int, violations: int = 0, ports: int = 40) -> int:
    """Write the curated sources plus `events` synthetic seizures (and one operation per 100)
    to `folder`; `violations` of each kind in VIOLATIONS are injected. Returns the number of
    seizures and operations written."""
    if events < 0 or violations < 0:
        raise RoadmapError("--events and --violations must not be negative")
    if violations * len(SEIZURE_VIOLATIONS) > events:
        needed = violations * len(SEIZURE_VIOLATIONS)
        raise RoadmapError(f"--violations {violations} needs at least {needed} events")
    if folder.exists() and not folder.is_dir():
        raise RoadmapError(f"{folder}: is a file; give a new or empty folder")
    if folder.exists() and any(folder.iterdir()):
        raise RoadmapError(f"{folder}: not empty; give a new or empty folder")
    with staged_folder(folder) as staging:
        return write_sources(staging, events, seed, violations, ports)


def appender(path: Path) -> tuple[TextIO, Callable[[dict[str, str]], None]]:
    """A CSV writer appending to `path` a row given by column name, in the header's order
    whatever it is; columns the row does not name are left empty, a name the header lacks is
    an error."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    handle = path.open("a", encoding="utf-8", newline="")
    writer = csv.DictWriter(handle, header, restval="", lineterminator="\n")
    return handle, writer.writerow


def write_sources(folder: Path, events: int, seed: int, violations: int, ports: int) -> int:
    """The curated sources and the synthetic rows, written into the new `folder`."""
    for source in sorted(p for p in paths.SOURCES.iterdir() if p.is_file()):
        shutil.copyfile(source, folder / source.name)
    handle, write = appender(folder / "sources.csv")
    with handle:
        label = "Synthetic data from roadmapkg synth: not real events"
        command = f"roadmapkg synth --events {events} --seed {seed}"
        write({"id": SOURCE, "label": label, "basis": "Synthetic", "citation": command})
    rng = random.Random(seed)
    places = list(PLACES)
    handle, write = appender(folder / "places.csv")
    with handle:
        for i in range(1, ports + 1):
            country = COUNTRIES[i % len(COUNTRIES)]
            place = f"synthetic-port-{i:03d}"
            write(
                {"id": place, "class": "Port", "label": f"Synthetic port {i}",
                 "country": country, "source": SOURCE}
            )  # fmt: skip
            places.append((place, country))
    # the first events carry the violations, the kinds taking turns
    kinds = len(SEIZURE_VIOLATIONS)
    broken = {i: SEIZURE_VIOLATIONS[i % kinds] for i in range(violations * kinds)}
    rows = 0
    second: list[tuple[str, str]] = []  # (seizure, a second substance) for statements.csv
    handle, write = appender(folder / "seizures.csv")
    with handle:
        for i in range(events):
            place, country = rng.choice(places)
            substance = rng.choice(SUBSTANCES)
            year, month = rng.randint(2011, 2024), rng.randint(1, 12)
            tonnes = f"{rng.randint(1, 20000) / 1000:.3f}"
            if broken.get(i) == "negative-quantity":
                tonnes = f"-{tonnes}"
            if broken.get(i) == "country-mismatch":
                country = next(c for c in COUNTRIES if c != country)
            if broken.get(i) == "country-not-a-country":
                country = place
            seizure = f"synthetic-seizure-{i + 1:07d}"
            if broken.get(i) == "two-substances":
                second.append((seizure, next(s for s in SUBSTANCES if s != substance)))
            label = f"Synthetic seizure {i + 1}: {tonnes} t of {substance.replace('-', ' ')}"
            date = f"{year}-{month:02d}"
            write(
                {"id": seizure, "label": label, "date": date, "place": place, "country": country,
                 "substance": substance, "value": tonnes, "unit": "TONNE", "source": SOURCE}
            )  # fmt: skip
            rows += 1
    handle, write = appender(folder / "statements.csv")
    with handle:
        for seizure, substance in second:
            write(
                {"subject": seizure, "property": "rk:substance", "object": substance,
                 "source": SOURCE, "note": "an injected violation"}
            )  # fmt: skip
    handle, write = appender(folder / "events.csv")
    with handle:
        operations = events // 100
        for i in range(operations + violations):
            lead, support = rng.sample(ACTORS[2:], 1)[0], rng.sample(ACTORS[:2], 1)[0]
            date = f"{rng.randint(2011, 2024)}-{rng.randint(1, 12):02d}"
            if i >= operations:  # an undated operation
                date = ""
            write(
                {"id": f"synthetic-operation-{i + 1:05d}", "class": "Operation",
                 "label": f"Synthetic operation {i + 1}", "date": date, "conducted_by": lead,
                 "supported_by": support, "source": SOURCE, "country": COUNTRY_OF_LEAD[lead]}
            )  # fmt: skip
            rows += 1
    return rows
