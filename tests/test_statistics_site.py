"""`roadmapkg site --statistics FILE`: the statistics page in the site (its charts, a section per
country with its series as a chart and a table), the menu's link to it and each country page's
link to its section, the numbers against the reference TSV read here with the csv module, the
page in headless Chromium, bad input, and the site without the option left as it was."""

from __future__ import annotations

import csv
import os
import posixpath
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from helpers.browser import open_page
from helpers.site import parse
from roadmapkg import paths
from roadmapkg.cli import main
from roadmapkg.site.folder import MARKER
from roadmapkg.statistics.importer import import_eurostat
from test_sitesearch import search
from test_statistics import reference

PAGE = "statistics.html"
COUNTRIES = {"BE", "ES", "FR", "NL"}  # the graph's countries linked to the EU country table
NAV = '\n<a href="{}statistics.html">Statistics</a>'


@pytest.fixture(scope="module")
def statistics(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("statistics") / "statistics.ttl"
    import_eurostat(reference(), output)
    return output


@pytest.fixture(scope="module")
def stats_site(tmp_path_factory, statistics) -> Path:
    folder = tmp_path_factory.mktemp("stats-site") / "site"
    assert main(["site", "--output", str(folder), "--statistics", str(statistics)]) == 0
    return folder


def html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def tsv_value(geo: str, iccs: str, unit: str, year: str) -> Decimal:
    """One cell of the reference table, read with the csv module alone."""
    with reference().open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        years = [y.strip() for y in next(rows)[1:]]
        for row in rows:
            if row[0].split(",")[1:] == [iccs, unit, geo]:
                return Decimal(row[1 + years.index(year)].strip())
    raise KeyError((geo, iccs, unit, year))


def table_rows(page: str, code: str, category: str) -> dict[str, tuple[str, str]]:
    """year -> (offences, per 100 000) of the table of `category` in the section of `code`."""
    section = page.split(f'<section id="series-{code}">')[1].split("</section>")[0]
    figure = next(f for f in section.split("<figure>")[1:] if f"({category})</small>" in f)
    cells = re.findall(r"<tr><td>(\d{4})</td><td>([^<]*)</td><td>([^<]*)</td></tr>", figure)
    return {year: (offences, rate) for year, offences, rate in cells}


# ------------------------------------------------------------------ the page and its links


def test_page_holds_the_charts_each_with_source_and_licence(stats_site):
    page = html(stats_site, PAGE)
    parsed = parse(page)
    charts = 2 + 2 * len(COUNTRIES)  # the two page charts, two series a country
    assert page.count("<svg") == charts
    assert page.count("Eurostat is not responsible for the conversion") == charts
    assert page.count("ec.europa.eu/eurostat/web/main/help/copyright-notice</a>") == charts
    assert {f"series-{code}" for code in COUNTRIES} <= parsed.ids and parsed.bad_ids == []
    assert parsed.scripts == 1  # the search box's; the charts need none
    assert 'id="site-search"' in page


def test_every_chart_is_named_for_screen_readers(stats_site):
    """Each SVG's first child is a <title> (its accessible name), each title different."""
    import html5lib

    document = html5lib.parse(html(stats_site, PAGE), namespaceHTMLElements=False)
    svg = "{http://www.w3.org/2000/svg}"
    pictures = document.findall(f".//{svg}svg")
    titles = [p[0].text if len(p) and p[0].tag == f"{svg}title" else None for p in pictures]
    assert len(titles) == 2 + 2 * len(COUNTRIES) and None not in titles
    assert len(set(titles)) == len(titles)
    assert (
        "Unlawful acts involving controlled drugs or precursors (ICCS0601), Netherlands: "
        "offences by year" in titles
    )


def test_every_page_links_to_the_statistics_page(stats_site):
    """The templated pages in their menu; pyLODE's pages and the network views beside the
    search box the site adds to them."""
    pages = list(stats_site.rglob("*.html"))
    linked = [
        p
        for p in pages
        if any(
            posixpath.normpath(posixpath.join(p.parent.relative_to(stats_site).as_posix(), url))
            == PAGE
            for tag, url, _ in parse(p.read_text(encoding="utf-8")).links
            if tag == "a"
        )
    ]
    unlinked = sorted(str(p.relative_to(stats_site)) for p in set(pages) - set(linked))
    assert unlinked == [] and len(pages) > 500


def test_country_pages_link_to_anchors_that_exist(stats_site):
    ids = parse(html(stats_site, PAGE)).ids
    found = {}
    for file in sorted((stats_site / "id").rglob("*.html")):
        for _, url, _ in parse(file.read_text(encoding="utf-8")).links:
            if "#" in url and url.split("#")[0].endswith(PAGE):
                target = (file.parent / url.split("#")[0]).resolve()
                assert target == (stats_site / PAGE).resolve(), (file, url)
                assert url.split("#")[1] in ids, (file, url)
                found[file.relative_to(stats_site).as_posix()] = url.split("#")[1]
    assert found == {
        "id/place/belgium.html": "series-BE",
        "id/place/france.html": "series-FR",
        "id/place/netherlands.html": "series-NL",
        "id/place/spain.html": "series-ES",
    }


def test_tables_hold_the_numbers_of_the_tsv(stats_site):
    page = html(stats_site, PAGE)
    for code, category, year in [
        ("NL", "ICCS0601", "2015"),
        ("FR", "ICCS0601", "2016"),  # the break in series: 7 483 in 2015, 241 887 in 2016
        ("BE", "ICCS09051", "2021"),
        ("ES", "ICCS09051", "2016"),
    ]:
        offences, rate = table_rows(page, code, category)[year]
        assert Decimal(offences) == tsv_value(code, category, "NR", year)
        assert Decimal(rate) == tsv_value(code, category, "P_HTHAB", year)
    assert len(table_rows(page, "BE", "ICCS0601")) == 15  # 2008-2022, every year a value
    assert table_rows(page, "NL", "ICCS09051") == {}  # the table has none for the Netherlands
    assert "No value for Netherlands in the table." in page


# ------------------------------------------------------------------ in Chromium


def test_page_renders_its_charts_and_the_search_box_works(browser, stats_site):
    outside: list[str] = []
    errors: list[str] = []
    tab = open_page(browser, stats_site, "id/place/netherlands.html", outside, errors)
    try:
        with tab.expect_navigation():
            tab.click(f'a[href$="{PAGE}#series-NL"]')
        assert tab.url.endswith(f"{PAGE}#series-NL")
        sizes = tab.eval_on_selector_all(
            "svg", "s => s.map(e => [e.getBoundingClientRect().width, e.querySelectorAll("
            "'polyline, rect').length])",
        )  # fmt: skip
        assert len(sizes) == 2 + 2 * len(COUNTRIES)
        assert all(width > 100 for width, _ in sizes)
        assert sum(drawn > 0 for _, drawn in sizes) == 2 + 2 * len(COUNTRIES) - 1  # NL's empty
        box = tab.eval_on_selector("#series-NL", "e => e.getBoundingClientRect().top")
        assert abs(box) < 5  # scrolled to the Netherlands' section
        assert search(tab, "europaisches polizeiamt") == [("Europol", "id/actor/europol.html")]
    finally:
        tab.context.close()
    assert outside == [] and errors == []


# ------------------------------------------------------------------ bad input, no statistics


@pytest.mark.parametrize("case", ["missing", "graph", "not-rdf"])
def test_bad_statistics_file_is_one_line_and_leaves_the_old_site(case, tmp_path, capsys):
    old = tmp_path / "site"
    old.mkdir()
    (old / MARKER).write_text("old\n")
    (old / "index.html").write_text("the old site\n")
    given = {
        "missing": tmp_path / "statistics.ttl",
        "graph": paths.GRAPH,  # valid Turtle, but no observation
        "not-rdf": tmp_path / "broken.ttl",
    }[case]
    (tmp_path / "broken.ttl").write_text("this is not Turtle\n")
    assert main(["site", "-o", str(old), "--statistics", str(given)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and given.name in err, err
    assert sorted(p.name for p in old.iterdir()) == sorted([MARKER, "index.html"])
    assert (old / "index.html").read_text() == "the old site\n"


def test_without_statistics_the_pages_are_the_same_less_the_links(site, stats_site):
    """The site without --statistics equals the one with it, once its statistics page, the
    menu's link and the country pages' paragraph are taken out: nothing else differs."""
    assert not (site / PAGE).exists()
    default = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert default == sorted(
        p.relative_to(stats_site) for p in stats_site.rglob("*") if p.is_file() and p.name != PAGE
    )
    for name in default:
        want, got = (site / name).read_bytes(), (stats_site / name).read_bytes()
        if name.suffix == ".html":
            depth = "../" * (len(name.parts) - 1)
            got = got.replace(NAV.format(depth).encode(), b"", 1)
            got = re.sub(rb'<h2 id="statistics">.*?</p>\n', b"", got, count=1, flags=re.S)
        assert got == want, name


def test_same_sources_and_table_same_bytes_under_another_hash_seed(
    stats_site, statistics, tmp_path
):
    """The site with statistics, built again in a process with another hash seed: the same
    files, byte for byte."""
    folder = tmp_path / "again"
    command = [sys.executable, "-m", "roadmapkg.cli", "site", "--output", str(folder),
               "--statistics", str(statistics)]  # fmt: skip
    env = {**os.environ, "PYTHONHASHSEED": "2"}
    subprocess.run(command, env=env, check=True, capture_output=True)

    def tree(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    first, again = tree(stats_site), tree(folder)
    assert first.keys() == again.keys()
    assert [name for name in first if first[name] != again[name]] == []
