"""Read Eurostat's tab-separated tables (the bulk download format, plain or .tsv.gz) one line
at a time: a first column holding the comma-joined key (``freq,iccs,unit,geo\\TIME_PERIOD``),
then one column per year whose cells are a number, or ``:`` for a missing value, each optionally
followed by status flags (``123 p``, ``: c``). Every problem is one `SourceError` naming the
line and the column."""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .. import paths
from ..errors import RoadmapError, SourceError

TIME = "TIME_PERIOD"
YEAR = re.compile(r"[0-9]{4}")
CELL = re.compile(r"(?P<value>:|[0-9]+(?:\.[0-9]+)?)(?:[ \t]+(?P<flags>[a-z]+))?")


@dataclass(frozen=True)
class Cell:
    """One non-missing cell: its key (one code a dimension, in the header's order), its year,
    its value as written (an integer or a decimal) and its status flags ("" when none)."""

    key: tuple[str, ...]
    year: str
    value: str
    flags: str


def read_cells(path: Path, codes: Mapping[str, Container[str]]) -> Iterator[Cell]:
    """The non-missing cells of the table at `path`, in file order. `codes` gives, for each
    dimension of the key in order, the codes it may hold."""
    name = paths.display(path)
    dimensions = tuple(codes)
    lines = numbered_lines(path, name)
    header = next(lines, None)
    if header is None:
        raise SourceError(name, 1, "", "empty file: expected a header line")
    years = read_header(name, header[1], dimensions)
    seen: dict[tuple[str, ...], int] = {}
    for number, text in lines:
        if not text.strip():
            continue
        fields = text.split("\t")
        if len(fields) != len(years) + 1:
            raise SourceError(
                name, number, "", f"row has {len(fields)} fields, the header has {len(years) + 1}"
            )
        key = read_key(name, number, fields[0], codes)
        if key in seen:
            raise SourceError(name, number, "column 1", f"repeats the key of line {seen[key]}")
        seen[key] = number
        for column, (year, cell) in enumerate(zip(years, fields[1:], strict=True), start=2):
            match = CELL.fullmatch(cell.strip())
            if match is None:
                where = f"column {column} ({year})"
                raise SourceError(name, number, where, f"not a number or ':': {cell.strip()!r}")
            if match["value"] != ":":
                yield Cell(key, year, match["value"], match["flags"] or "")


def read_header(name: str, text: str, dimensions: tuple[str, ...]) -> list[str]:
    """The years of the header line, after checking its key column names `dimensions`."""
    fields = [f.strip() for f in text.split("\t")]
    expected = ",".join(dimensions) + "\\" + TIME
    if fields[0] != expected:
        raise SourceError(name, 1, "column 1", f"expected {expected!r}, found {fields[0]!r}")
    years = fields[1:]
    for column, year in enumerate(years, start=2):
        if not YEAR.fullmatch(year):
            raise SourceError(name, 1, f"column {column}", f"not a year: {year!r}")
        if years.index(year) != column - 2:
            raise SourceError(name, 1, f"column {column}", f"repeats the year {year}")
    if not years:
        raise SourceError(name, 1, "", "no year columns")
    return years


def read_key(
    name: str, number: int, text: str, codes: Mapping[str, Container[str]]
) -> tuple[str, ...]:
    """The codes of a row's key column, each checked against those its dimension may hold."""
    parts = tuple(p.strip() for p in text.split(","))
    if len(parts) != len(codes):
        raise SourceError(
            name, number, "column 1", f"expected {len(codes)} comma-separated codes: {text!r}"
        )
    for (dimension, known), code in zip(codes.items(), parts, strict=True):
        if code not in known:
            raise SourceError(name, number, "column 1", f"unknown {dimension} code {code!r}")
    return parts


def numbered_lines(path: Path, name: str) -> Iterator[tuple[int, str]]:
    """The lines of the file (gunzipped when it ends in .gz), numbered from 1, without their
    line ends; a line that is not UTF-8 text, or a broken gzip file, is a one-line error."""
    try:
        with open_binary(path) as handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    yield number, raw.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError as exc:
                    raise SourceError(name, number, "", f"not UTF-8 text ({exc.reason})") from None
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise RoadmapError(f"{name}: not a readable gzip file ({exc})") from None


def open_binary(path: Path) -> BinaryIO:
    if path.suffix == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")
