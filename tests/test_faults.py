"""Fault injection on the whole command line: a full disk (a small tmpfs), a read-only folder (a
tmpfs remounted read-only), SIGTERM and SIGINT in the middle of a run, a second run writing into
the same folder, an unexpected exception. Each must give one line on stderr, the documented exit
code, the previous outputs untouched and no temporary file left behind."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from roadmapkg import paths
from roadmapkg.cli.app import main, parser, run
from roadmapkg.errors import EXIT_CODES, Interrupted
from roadmapkg.files.folders import locked, recover
from roadmapkg.files.interrupts import deferred, interruptible
from roadmapkg.site.folder import MARKER

ROADMAPKG = str(Path(sys.executable).with_name("roadmapkg"))
GRAPH_FILES = ("roadmap.ttl", "roadmap.jsonld", "roadmap.nt", "links.ttl")


# ------------------------------------------------------------------ the documented exit codes


def test_exit_codes_in_the_readme_are_the_codes_the_cli_returns():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (\d+) \| (.+) \|$", readme, re.MULTILINE))
    assert {int(code): meaning for code, meaning in table.items()} == EXIT_CODES


def test_exit_codes_in_help_are_the_codes_the_cli_returns(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    epilog = capsys.readouterr().out.split("exit codes:\n")[1]
    listed = dict(re.findall(r"^  (\d+) +(.+)$", epilog, re.MULTILINE))
    assert {int(code): meaning for code, meaning in listed.items()} == EXIT_CODES


def test_an_unexpected_exception_is_one_line_saying_it_is_a_bug_exit_70(capsys, monkeypatch):
    """Anything not a RoadmapError used to exit 1 ("does not conform") with a traceback."""
    monkeypatch.delenv("ROADMAPKG_DEBUG", raising=False)
    args = argparse.Namespace(command="build", func=lambda _: {}["missing"])
    assert run(args) == 70
    assert capsys.readouterr().err == (
        "roadmapkg build: unexpected error (a bug in roadmapkg, please report it): KeyError: "
        "'missing' (rerun with --debug for the traceback)\n"
    )


def test_debug_shows_the_traceback_of_an_unexpected_exception(capsys, monkeypatch):
    monkeypatch.delenv("ROADMAPKG_DEBUG", raising=False)
    args = parser().parse_args(["--debug", "summary"])
    args.func = lambda _: {}["missing"]
    assert run(args) == 70
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):\n")
    assert err.endswith(
        "roadmapkg summary: unexpected error (a bug in roadmapkg, please report it): KeyError: "
        "'missing' (rerun with --debug for the traceback)\n"
    )


def test_roadmapkg_debug_shows_the_traceback_of_an_unexpected_exception(capsys, monkeypatch):
    monkeypatch.setenv("ROADMAPKG_DEBUG", "1")
    args = argparse.Namespace(command="build", func=lambda _: {}["missing"])
    assert run(args) == 70
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):\n")
    assert "KeyError: 'missing'\n" in err


# ------------------------------------------------------------------ real full and read-only disks


def can_mount() -> str:
    """Why tmpfs cannot be mounted here ('' when it can): it needs root (CI runs as root)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        return "mounting a tmpfs needs root and mount(8)"
    return ""


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB tmpfs of its own (unmounted afterwards)."""
    reason = can_mount()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode:
        if os.environ.get("CI") == "true":
            pytest.fail(f"cannot mount a tmpfs: {mounted.stderr.strip()}")
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(folder: Path) -> None:
    """Take every free byte of the file system `folder` is on."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.strerror == "No space left on device"
    finally:
        os.close(fd)


def read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under `folder` (hidden ones too), with the bytes of the files."""
    return {
        str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.name != "filler"
    }


def prepare(disk: Path, tmp_path: Path) -> dict[str, list[str]]:
    """Earlier outputs on the disk, and the command lines that write over them there."""
    graph = disk / "graph"
    graph.mkdir()
    for name in GRAPH_FILES:
        shutil.copyfile(paths.GRAPH.with_name(name), graph / name)
    site = disk / "site"
    site.mkdir()
    (site / MARKER).write_text("an earlier site\n")
    (site / "index.html").write_text("<p>the earlier site</p>\n")
    (disk / "queries").mkdir()
    (disk / "queries" / "actions-by-pillar.csv").write_text("an earlier answer\n")
    (disk / "views").mkdir()
    (disk / "views" / "policy.graphml").write_text("an earlier view\n")
    mappings = disk / "mappings"
    shutil.copytree(paths.MAPPINGS, mappings)
    review = tmp_path / "review.csv"
    review.write_text(
        "subject_id,subject_label,object_id,object_label,score,evidence,decision\n"
        "actor:dutch-authorities,Dutch,corporate-body:X1,X,0.9,e,accept\n"
    )
    labels = disk / "labels.csv"
    shutil.copyfile(paths.SOURCES / "labels.csv", labels)
    return {
        "build": ["build", "-o", str(graph / "roadmap.ttl")],
        "site": ["site", "-o", str(site)],
        "run-queries": ["run-queries", "-o", str(disk / "queries")],
        "export graphml": ["export", "--view", "policy", "--format", "graphml", "-o",
                           str(disk / "views" / "policy.graphml")],
        "export csv": ["export", "--view", "actors", "--format", "csv", "-o",
                       str(disk / "views" / "actors")],
        "synth": ["synth", "--events", "100", "-o", str(disk / "synthetic")],
        "links apply": ["links", "apply", str(review), "--mappings",
                        str(mappings / "roadmapkg.sssom.tsv")],
        "load --store": ["load", "--store", str(disk / "store")],
    }  # fmt: skip


def roadmapkg(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [ROADMAPKG, *args], capture_output=True, text=True, cwd=paths.ROOT, timeout=600, **options
    )


def assert_one_line_failure(done: subprocess.CompletedProcess, command: list[str], cause: str):
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if not line.startswith("site: ")]
    assert len(lines) == 1, done.stderr  # the site's progress lines aside
    assert lines[0].startswith(f"roadmapkg {command[0]}: ")
    assert cause in lines[0]


FAULTS = {
    "disk full": (fill, "No space left on device"),
    "read-only": (read_only, "Read-only file system"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_every_writing_command_on_a_full_or_read_only_disk_fails_in_one_line(disk, tmp_path, fault):
    """ENOSPC and EROFS were tracebacks with exit 1 (build, site, run-queries, export, synth);
    now each is one line naming the path and cause, exit 2, with the earlier outputs whole and
    nothing left on the disk (no temporary file, no half-made store or folder)."""
    commands = prepare(disk, tmp_path)
    before = snapshot(disk)
    inject, cause = FAULTS[fault]
    inject(disk)
    for command in commands.values():
        assert_one_line_failure(roadmapkg(*command), command, cause)
        assert snapshot(disk) == before, command


def test_a_query_answer_on_a_full_disk_fails_in_one_line(disk):
    """`roadmapkg query ... > FILE` on a full disk: one line, exit 2, and no second error when
    Python exits (its flush of stdout)."""
    fill(disk)
    with (disk / "answer.csv").open("w") as output:
        done = subprocess.run(
            [ROADMAPKG, "query", "actions-by-pillar", "--format", "csv"],
            stdout=output,
            stderr=subprocess.PIPE,
            text=True,
            cwd=paths.ROOT,
            timeout=600,
        )
    assert (done.returncode, done.stderr) == (
        2,
        "roadmapkg query: No space left on device\n",
    )


# ------------------------------------------------------------------ signals


def handlers_installed(pid: int) -> bool:
    """Whether the process catches SIGTERM yet (roadmapkg's handler, set when main starts)."""
    status = Path(f"/proc/{pid}/status").read_text()
    caught = int(re.search(r"^SigCgt:\s+([0-9a-f]+)$", status, re.MULTILINE).group(1), 16)
    return bool(caught & (1 << (signal.SIGTERM - 1)))


def start(*args: str) -> subprocess.Popen:
    """roadmapkg in a subprocess with Ctrl-C not ignored (a background job's would be)."""
    return subprocess.Popen(
        [ROADMAPKG, *args],
        cwd=paths.ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def wait_until(process: subprocess.Popen, ready) -> None:
    """Poll until `ready()`; fail if the process ends first."""
    while not ready():
        assert process.poll() is None, process.stderr.read()


def stopped_message(signum: int) -> str:
    stopped = "interrupted" if signum == signal.SIGINT else "stopped by SIGTERM"
    return f"roadmapkg: {stopped}\n"


@pytest.fixture(scope="module")
def large_sources(tmp_path_factory) -> Path:
    """Synthetic sources large enough that building them takes a few seconds."""
    folder = tmp_path_factory.mktemp("large") / "sources"
    assert roadmapkg("synth", "--events", "60000", "-o", str(folder)).returncode == 0
    return folder


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_build_leaves_the_earlier_graph_and_no_temporary_file(
    large_sources, tmp_path, signum
):
    """SIGTERM during a build left hundreds of MB of hidden temporary files in data/ for ever
    (it killed the process: nothing cleaned up)."""
    out = tmp_path / "graph"
    out.mkdir()
    for name in GRAPH_FILES:
        shutil.copyfile(paths.GRAPH.with_name(name), out / name)
    before = snapshot(out)
    process = start("build", "--sources", str(large_sources), "-o", str(out / "roadmap.ttl"))
    # the temporary N-Triples file grows while the sources are read: signal then
    wait_until(process, lambda: any(p.stat().st_size for p in out.glob(".roadmap.nt.*")))
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (128 + signum, stopped_message(signum))
    assert snapshot(out) == before


WHILE_RUNNING = {
    "site": lambda tmp: ["site", "-o", str(tmp / "site")],
    "run-queries": lambda tmp: ["run-queries", "-o", str(tmp / "queries")],
    "export": lambda tmp: ["export", "--view", "full", "--format", "html", "-o",
                           str(tmp / "v.html")],
    "synth": lambda tmp: ["synth", "--events", "200000", "-o", str(tmp / "synthetic")],
    "validate": lambda tmp: ["validate"],
    "summary": lambda tmp: ["summary"],
    "query": lambda tmp: ["query", "actions-by-pillar"],
    "load --store": lambda tmp: ["load", "--store", str(tmp / "store")],
}  # fmt: skip


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize("command", WHILE_RUNNING)
def test_a_signal_stops_every_command_in_one_line_leaving_nothing(tmp_path, command, signum):
    """Whenever the signal comes once roadmapkg has started, it ends with one line and 130
    (SIGINT) or 143 (SIGTERM), and the folder it writes to holds nothing new."""
    work = tmp_path / "work"
    work.mkdir()
    process = start(*WHILE_RUNNING[command](work))
    wait_until(process, lambda: handlers_installed(process.pid))
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip(f"{command} was done before the signal came")  # nothing to clean then
    assert (process.returncode, err) == (128 + signum, stopped_message(signum))
    assert snapshot(work) == {}


def test_ctrl_c_stops_a_long_embedded_query(tmp_path):
    """pyoxigraph does not look at signals: a long query ran on after Ctrl-C until it was done."""
    query = tmp_path / "long.rq"
    query.write_text(
        "#+ summary: a cross product of the graph with itself three times, for hours\n"
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\n"
    )
    process = start("query", str(query))
    # the query runs in a thread of its own: signal once it has started
    wait_until(process, lambda: len(os.listdir(f"/proc/{process.pid}/task")) > 1)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (130, "roadmapkg: interrupted\n")


def test_signals_wait_until_a_deferred_block_is_done():
    """The renames that swap a site in (or put a build's files in place) are not split by a
    signal: it acts once they are all done."""
    done = []
    with pytest.raises(Interrupted), interruptible():
        with deferred():
            os.kill(os.getpid(), signal.SIGTERM)
            done.append("first rename")
            done.append("second rename")
        done.append("after the block")
    assert done == ["first rename", "second rename"]


# ------------------------------------------------------------------ a second run, an earlier crash


def test_a_second_run_into_a_locked_folder_waits_for_the_first(tmp_path):
    """Two builds into one folder interleaved their renames (the Turtle of one, the JSON-LD of
    the other); now a run writing into a folder holds a lock on it, and a second one waits."""
    out = tmp_path / "views"
    out.mkdir()
    with locked(out):
        process = start(
            "export", "--view", "policy", "--format", "graphml", "-o", str(out / "p.graphml")
        )
        assert process.stderr.readline() == (
            f"roadmapkg: {out} is being written by another roadmapkg run: waiting for it to "
            "finish\n"
        )
        assert list(out.iterdir()) == []
    assert process.wait(timeout=120) == 0
    assert (out / "p.graphml").read_bytes().startswith(b"<?xml")


def test_a_build_removes_the_temporary_files_an_interrupted_build_left(tmp_path):
    out = tmp_path / "graph"
    out.mkdir()
    stale = [out / ".roadmap.nt.k2j4h5g6", out / ".links.ttl.abc_1234"]
    for path in stale:
        path.write_text("left by a build killed with SIGKILL\n")
    mine = out / ".roadmap.nt.notmine"  # not a name roadmapkg makes: kept
    mine.write_text("someone else's\n")
    assert roadmapkg("build", "-o", str(out / "roadmap.ttl")).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([mine.name, *GRAPH_FILES])


def test_a_site_swap_cut_between_its_renames_is_put_back_by_the_next_run(tmp_path, capsys):
    """A signal between the two renames of the site swap left no site at the target, the old
    one stranded in a hidden folder."""
    target = tmp_path / "site"
    moved_aside = tmp_path / ".site.old.x1y2z3w4" / "site"
    moved_aside.mkdir(parents=True)
    (moved_aside / MARKER).write_text("the earlier site\n")
    (tmp_path / ".site.new.a1b2c3d4").mkdir()  # the new site, half written
    with locked(tmp_path):
        recover(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (target / MARKER).read_text() == "the earlier site\n"
    assert capsys.readouterr().err == (
        f"roadmapkg: put back {target}, which an interrupted run had moved aside\n"
    )
