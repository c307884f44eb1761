"""The code lists the importer knows, read from the curated tables in data/sources: Eurostat's
geographical codes (with their kind and, for countries, their entry in the EU country authority
table) and the ICCS offence categories (with the category that contains each)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..build.sources import read_csv
from ..errors import SourceError
from . import vocab

GEO_COLUMNS = ("code", "label", "kind", "authority_code", "eu_member", "source")
ICCS_COLUMNS = ("code", "label", "broader", "source")
KINDS = {"country": vocab.STAT.Country, "country-part": vocab.STAT.CountryPart,
         "aggregate": vocab.STAT.Aggregate}  # fmt: skip
AUTHORITY_CODE = re.compile(r"[A-Z]{3}")
CODE = re.compile(r"[A-Z0-9_-]+")


@dataclass(frozen=True)
class Geo:
    """A Eurostat geographical code."""

    code: str
    label: str
    kind: str
    authority_code: str  # the EU country authority table's code, "" when not linked
    eu_member: bool


@dataclass(frozen=True)
class Category:
    """An ICCS offence category as Eurostat codes it."""

    code: str
    label: str
    broader: str  # the code of the category containing it, "" for a top category


def read_geo(path: Path = vocab.GEO_TABLE) -> dict[str, Geo]:
    """The geographical codes of `path`, by code, checked row by row."""
    found: dict[str, Geo] = {}
    for row in read_csv(path, GEO_COLUMNS):
        v = row.values
        fail = _failing(row.path, row.line)
        _check_code(v["code"], found, fail)
        if v["kind"] not in KINDS:
            fail("kind", f"{v['kind']!r} is not one of {', '.join(KINDS)}")
        if v["authority_code"] and not AUTHORITY_CODE.fullmatch(v["authority_code"]):
            fail("authority_code", f"{v['authority_code']!r} is not three capital letters")
        if v["authority_code"] and v["kind"] != "country":
            fail("authority_code", "only a country is linked to the country table")
        if v["eu_member"] not in ("yes", "no"):
            fail("eu_member", f"{v['eu_member']!r} is not yes or no")
        if v["eu_member"] == "yes" and v["kind"] != "country":
            fail("eu_member", "only a country is an EU member state")
        for column in ("label", "source"):
            if not v[column]:
                fail(column, "empty")
        found[v["code"]] = Geo(
            v["code"], v["label"], v["kind"], v["authority_code"], v["eu_member"] == "yes"
        )
    return found


def read_iccs(path: Path = vocab.ICCS_TABLE) -> dict[str, Category]:
    """The offence categories of `path`, by code; a broader category must be in the table."""
    found: dict[str, Category] = {}
    lines: dict[str, tuple[str, int]] = {}
    for row in read_csv(path, ICCS_COLUMNS):
        v = row.values
        fail = _failing(row.path, row.line)
        _check_code(v["code"], found, fail)
        for column in ("label", "source"):
            if not v[column]:
                fail(column, "empty")
        found[v["code"]] = Category(v["code"], v["label"], v["broader"])
        lines[v["code"]] = (row.path, row.line)
    for category in found.values():
        if category.broader and category.broader not in found:
            path, line = lines[category.code]
            raise SourceError(path, line, "broader", f"unknown category {category.broader!r}")
    return found


def _failing(path: str, line: int):
    def fail(column: str, message: str):
        raise SourceError(path, line, column, message)

    return fail


def _check_code(code: str, found: dict, fail) -> None:
    if not CODE.fullmatch(code):
        fail("code", f"{code!r} is not a code (capital letters, digits, _ and -)")
    if code in found:
        fail("code", f"{code!r} is repeated")
