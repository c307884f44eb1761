"""Real triple stores: the graph loaded into Oxigraph and Virtuoso servers (and an on-disk
pyoxigraph store) answers every saved query as the embedded store does; faults give one-line
errors, exit code 3, and leave the previous graph in place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import hostile
from helpers.answers import assert_federated_links, assert_independent_answer, assert_same_as_stored
from helpers.faults import FaultProxy
from helpers.listener import Listener
from helpers.servers import (  # noqa: F401 (fixtures)
    Server,
    authority_server,
    oxigraph_server,
    serving,
    virtuoso_server,
)
from roadmapkg import paths
from roadmapkg.cli.app import main
from roadmapkg.queries import saved as queries
from roadmapkg.rdf.sparql import is_geospatial
from roadmapkg.store.choices import DEFAULT_GRAPH
from roadmapkg.store.endpoint import Endpoint, EndpointError
from roadmapkg.store.http import count_graph
from roadmapkg.store.remote import RemoteStore
from roadmapkg.store.server import free_port

TRIPLES = sum(1 for line in paths.GRAPH.with_suffix(".nt").read_text().splitlines() if line)


def load(server: Server, *extra: str) -> int:
    return main(["load", "--endpoint", server.store, *server.credentials(), *extra])


def triples_on(server: Server) -> int:
    """Triples in the roadmap graph on the server (0 before the first load: GET answers 404)."""
    endpoint = Endpoint(server.store, user=server.user, password=server.password)
    try:
        return count_graph(endpoint, DEFAULT_GRAPH)
    except EndpointError as error:
        if "HTTP 404" not in str(error):
            raise
        return 0


@pytest.fixture(
    scope="module",
    params=["oxigraph_server", pytest.param("virtuoso_server", marks=pytest.mark.binary)],
)
def server(request) -> Server:
    return request.getfixturevalue(request.param)


def test_load_is_verified_and_idempotent(server, capsys):
    assert load(server) == 0
    assert load(server) == 0
    out = capsys.readouterr().out.splitlines()
    line = (
        f"Loaded data/roadmap.ttl into <{DEFAULT_GRAPH}> at {server.store}: "
        f"{TRIPLES} triples, verified"
    )
    assert out == [line, line]
    assert triples_on(server) == TRIPLES


SAVED = [queries.load(p) for p in queries.saved_paths()]
LOCAL = [q for q in SAVED if not queries.is_federated(q)]
FEDERATED = [q for q in SAVED if queries.is_federated(q)]
EU_ENDPOINT = "https://publications.europa.eu/webapi/rdf/sparql"


@pytest.mark.parametrize("query", LOCAL, ids=lambda q: q.name)
def test_every_saved_query_gives_the_expected_answer_on_the_server(server, query, request, capsys):
    on_virtuoso = request.node.callspec.params["server"] == "virtuoso_server"
    if is_geospatial(query.text) and on_virtuoso:
        pytest.skip("Virtuoso 7 does not evaluate GeoSPARQL functions (geof:)")
    stored = paths.REGRESSION / f"{query.name}.csv"
    if on_virtuoso and stored.is_file() and "POINT(" in stored.read_text(encoding="utf-8"):
        pytest.skip(
            "Virtuoso 7 reads a geo:wktLiteral into its own geometry type and gives back other "
            "digits (POINT(4.40026 51.22047) as POINT(4.4002599716187 51.220470428467))"
        )
    if triples_on(server) != TRIPLES:
        assert load(server) == 0
    store = RemoteStore(Endpoint(server.query), graph=DEFAULT_GRAPH)
    result = queries.execute(query, store, {})
    assert_independent_answer(query, result)
    assert_same_as_stored(query, result)


def test_there_are_three_federated_queries():
    assert len(FEDERATED) >= 3
    assert all(EU_ENDPOINT in q.text for q in FEDERATED)


@pytest.mark.parametrize("query", FEDERATED, ids=lambda q: q.name)
def test_federated_query_across_two_servers(oxigraph_server, authority_server, query, capsys):  # noqa: F811
    """Our graph on one Oxigraph server; the EU authority tables on another, standing in for
    the Publications Office endpoint that the query names in its SERVICE clause."""
    if triples_on(oxigraph_server) != TRIPLES:
        assert load(oxigraph_server) == 0
    store = RemoteStore(Endpoint(oxigraph_server.query), graph=DEFAULT_GRAPH)
    services = {EU_ENDPOINT: authority_server.query}
    result = queries.execute(query, store, {}, services=services)
    assert_federated_links(query, result)
    assert_same_as_stored(query, result)


def test_federated_query_from_the_command_line(oxigraph_server, authority_server, capsys):  # noqa: F811
    assert load(oxigraph_server) == 0
    capsys.readouterr()
    service = f"{EU_ENDPOINT}={authority_server.query}"
    args = ["query", "federated-agency-labels", "--endpoint", oxigraph_server.query]
    assert main([*args, "--service", service, "--param", "lang=de", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "Council of the European Union,Rat der Europäischen Union,"
        "http://publications.europa.eu/resource/authority/corporate-body/CONSIL",
        "Eurojust,Eurojust,http://publications.europa.eu/resource/authority/corporate-body/EUROJUST",
        "European Commission,Europäische Kommission,"
        "http://publications.europa.eu/resource/authority/corporate-body/COM",
        "European Monitoring Centre for Drugs and Drug Addiction,"
        "Europäische Beobachtungsstelle für Drogen und Drogensucht,"
        "http://publications.europa.eu/resource/authority/corporate-body/EMCDDA",
        "Europol,Europol,http://publications.europa.eu/resource/authority/corporate-body/EUROPOL",
    ]


def test_cli_query_on_a_server_matches_the_embedded_store(server, capsys):
    assert load(server) == 0
    capsys.readouterr()
    assert main(["query", "seizures-by-country", "--format", "csv"]) == 0
    local = capsys.readouterr().out
    assert (
        main(["query", "seizures-by-country", "--format", "csv", "--endpoint", server.query]) == 0
    )
    remote = capsys.readouterr().out
    normalise = lambda text: re.sub(r"(\d)\.0\b", r"\1", text)  # noqa: E731 (8.0 == 8)
    assert normalise(remote) == normalise(local)


def test_persistent_store(tmp_path, capsys):
    location = tmp_path / "store"
    assert main(["load", "--store", str(location)]) == 0
    assert main(["load", "--store", str(location)]) == 0
    assert capsys.readouterr().out.count(f"{TRIPLES} triples, verified") == 2
    assert main(["query", "partner-regions", "--store", str(location), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "https://w3id.org/roadmapkg/id/place/caribbean,Caribbean,4",
        "https://w3id.org/roadmapkg/id/place/latin-america,Latin America,4",
        "https://w3id.org/roadmapkg/id/place/west-africa,West Africa,4",
    ]


# ------------------------------------------------------------------ injection through a parameter


def test_a_second_parameter_never_makes_the_server_call_a_service(
    oxigraph_server,  # noqa: F811
    tmp_path,
    capsys,
):
    """A first value ending in a backslash and a quote after a newline once ended its literal
    early; the second value was then run by the server, SERVICE call and all."""
    query = hostile.write(tmp_path, "two-texts", hostile.TWO_TEXTS)
    with Listener() as listener:
        values = hostile.injection(listener.url)
        args = ["query", str(query), "--endpoint", oxigraph_server.query, "--format", "json"]
        code = main([*args, *hostile.params(values)])
        assert listener.requests == []
    assert code == 0
    assert hostile.echoed(capsys.readouterr().out) == hostile.expected(values)


@pytest.mark.parametrize("value", hostile.HOSTILE)
def test_hostile_text_comes_back_from_the_server_as_it_was(
    oxigraph_server,  # noqa: F811
    value,
    tmp_path,
    capsys,
):
    query = hostile.write(tmp_path, "echo", hostile.ECHO)
    values = dict(hostile.ECHO_DEFAULTS, first=value, second=value[::-1], label=value, code=value)
    args = ["query", str(query), "--endpoint", oxigraph_server.query, "--format", "json"]
    assert main([*args, *hostile.params(values)]) == 0
    assert hostile.echoed(capsys.readouterr().out) == hostile.expected(values)


@pytest.mark.parametrize(
    ("name", "value"),
    [("thing", "http://example.org/a> } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #"),
     ("count", "1 } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #"),
     ("day", "2023-02-14\n}")],
)  # fmt: skip
def test_a_hostile_iri_number_or_date_is_refused_before_any_request(
    proxy, name, value, tmp_path, capsys
):
    query = hostile.write(tmp_path, "echo", hostile.ECHO)
    values = dict(hostile.ECHO_DEFAULTS, **{name: value})
    args = ["query", str(query), "--endpoint", f"{proxy.url}/query", *hostile.params(values)]
    assert main(args) == 2
    assert only_error(capsys).startswith(f"roadmapkg query: parameter {name}: not ")
    assert proxy.plan.seen == []


# ------------------------------------------------------------------ faults


@pytest.fixture
def bigger(tmp_path) -> Path:
    """A second version of the graph, one triple larger, to try to load over the first."""
    path = tmp_path / "bigger.ttl"
    extra = '<https://w3id.org/roadmapkg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n'
    path.write_text(paths.GRAPH.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


@pytest.fixture
def proxy(oxigraph_server):  # noqa: F811
    assert load(oxigraph_server) == 0
    base = oxigraph_server.query.rsplit("/", 1)[0]
    fault_proxy = FaultProxy(base)
    yield fault_proxy
    fault_proxy.close()
    assert triples_on(oxigraph_server) == TRIPLES, "the previous graph did not survive"


def only_error(capsys) -> str:
    """The one line a failure printed (asserting it is one)."""
    (line,) = capsys.readouterr().err.splitlines()
    return line


def last_error(capsys) -> str:
    return capsys.readouterr().err.strip().splitlines()[-1]


def test_connection_refused(capsys, oxigraph_server):  # noqa: F811
    assert load(oxigraph_server) == 0
    url = f"http://127.0.0.1:{free_port()}/store"
    assert main(["load", "--endpoint", url]) == 3
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"roadmapkg load: {url}: connection refused (is the server running?)"
    assert len(err) == 3 and "retrying in 0.5 s (1/2)" in err[0]
    assert triples_on(oxigraph_server) == TRIPLES


def test_timeout_while_the_server_stalls(proxy, bigger, capsys):
    proxy.plan.faults = ["stall"]
    code = main(
        ["load", "--endpoint", f"{proxy.url}/store", "--data", str(bigger), "--timeout", "1"]
    )
    assert code == 3
    assert last_error(capsys) == (
        f"roadmapkg load: {proxy.url}/store: timed out after 1 s; the upload may still have "
        "been applied: load again to be sure (loading is idempotent)"
    )


def test_timeout_bounds_the_whole_request(proxy, capsys):
    """The answer starts at once but trickles in: the deadline still stops it."""
    proxy.plan.faults = ["trickle"]
    assert main(["query", "pillars", "--endpoint", f"{proxy.url}/query", "--timeout", "1"]) == 3
    assert last_error(capsys) == f"roadmapkg query: {proxy.url}/query: timed out after 1 s"


@pytest.mark.binary
def test_unauthorised_and_forbidden(virtuoso_server, bigger, capsys):  # noqa: F811
    assert load(virtuoso_server) == 0
    store = virtuoso_server.store
    assert main(["load", "--endpoint", store, "--data", str(bigger)]) == 3
    assert last_error(capsys) == (
        f"roadmapkg load: {store}: HTTP 401 Unauthorized: authentication required: "
        "give --user/--password, ROADMAPKG_USER or ~/.netrc"
    )
    anonymous = store.removesuffix("-auth")
    assert main(["load", "--endpoint", anonymous, "--data", str(bigger)]) == 3
    assert last_error(capsys) == (
        f"roadmapkg load: {anonymous}: HTTP 403 Forbidden: "
        "forbidden: these credentials may not do this here"
    )
    assert triples_on(virtuoso_server) == TRIPLES


def test_wrong_endpoint_path(proxy, capsys):
    url = f"{proxy.url}/sparql-nowhere"
    assert main(["query", "pillars", "--endpoint", url]) == 3
    assert last_error(capsys) == (
        f"roadmapkg query: {url}: HTTP 404 Not Found: no such endpoint at this path (check the URL)"
    )


def test_server_error_is_not_retried(proxy, bigger, capsys):
    proxy.plan.faults = ["500"]
    assert main(["load", "--endpoint", f"{proxy.url}/store", "--data", str(bigger)]) == 3
    assert last_error(capsys) == (
        f"roadmapkg load: {proxy.url}/store: HTTP 500 Internal Server Error: server error"
    )
    assert proxy.plan.seen == ["PUT 500"]


@pytest.mark.parametrize("status", ["429", "503"])
def test_busy_server_is_retried_after_retry_after(status, proxy, capsys):
    proxy.plan.faults = [status]
    assert main(["query", "pillars", "--endpoint", f"{proxy.url}/query", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("number,pillar,label,wording")
    assert "; retrying in 1 s (1/2)" in captured.err
    assert proxy.plan.seen == [f"GET {status}", "GET forward"]


def test_busy_server_gives_up_after_the_retries(proxy, bigger, capsys):
    proxy.plan.faults = ["429", "429", "429"]
    proxy.plan.retry_after = "0"
    assert main(["load", "--endpoint", f"{proxy.url}/store", "--data", str(bigger)]) == 3
    assert last_error(capsys) == (
        f"roadmapkg load: {proxy.url}/store: HTTP 429 Too Many Requests: too many requests"
    )
    assert proxy.plan.seen == ["PUT 429"] * 3


def test_upload_cut_off_midway_leaves_the_previous_graph(proxy, bigger, capsys):
    proxy.plan.faults = ["cut-upload"] * 3
    assert main(["load", "--endpoint", f"{proxy.url}/store", "--data", str(bigger)]) == 3
    assert "roadmapkg load: " in last_error(capsys)
    assert proxy.plan.seen == ["PUT cut-upload"] * 3
    # the fixture checks that the server still holds the previous graph


def test_updates_are_never_retried(proxy, tmp_path, capsys):
    wipe = tmp_path / "wipe.rq"
    wipe.write_text("#+ summary: Delete everything\nCLEAR ALL\n", encoding="utf-8")
    proxy.plan.faults = ["503"]
    code = main(["query", str(wipe), "--allow-update", "--endpoint", f"{proxy.url}/update"])
    assert code == 3
    assert proxy.plan.seen == ["POST 503"]


def test_long_queries_go_by_post_and_say_who_asks(proxy, tmp_path, capsys):
    long = tmp_path / "long.rq"
    padding = "# " + "x" * 3000 + "\n"
    long.write_text(f"#+ summary: Long\n{padding}SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1\n")
    assert main(["query", str(long), "--endpoint", f"{proxy.url}/query"]) == 0
    assert main(["query", "pillars", "--endpoint", f"{proxy.url}/query"]) == 0
    assert proxy.plan.seen == ["POST forward", "GET forward"]
    assert all(agent.startswith("roadmapkg/") for agent in proxy.plan.agents)


# ------------------------------------------------------------------ serve


def test_serve_answers_queries_and_stops_on_ctrl_c():
    with serving() as served:
        assert served.banner == (
            "Serving the roadmap graph (also the default graph), read-only, fetches no URL. "
            "Stop with Ctrl-C."
        )
        store = RemoteStore(Endpoint(f"{served.base}/query"), graph=None)
        query = queries.load(queries.find("pillars"))
        assert_independent_answer(query, queries.execute(query, store, {}))
    assert served.process.returncode == 0
    assert served.output.strip().endswith("Stopped.")


def test_run_queries_with_service_runs_the_federated_ones(authority_server, tmp_path, capsys):  # noqa: F811
    service = f"{EU_ENDPOINT}={authority_server.query}"
    assert main(["run-queries", "--output", str(tmp_path), "--service", service]) == 0
    assert capsys.readouterr().out.startswith(f"Ran {len(SAVED)} saved queries")
    labels = (tmp_path / "federated-agency-labels.csv").read_text(encoding="utf-8")
    assert "European Commission,Commission européenne," in labels


# ------------------------------------------------------------------ limits, deadline, auth


def test_an_endless_answer_stops_at_the_size_limit(proxy, capsys):
    """An answer that never ends once grew memory without bound until the deadline."""
    proxy.plan.faults = ["endless"]
    url = f"{proxy.url}/query"
    assert main(["query", "pillars", "--endpoint", url, "--max-response", "1M"]) == 3
    assert only_error(capsys) == (
        f"roadmapkg query: {url}: the answer is larger than 1 MiB (--max-response raises the limit)"
    )
    assert proxy.plan.seen == ["GET endless"]


def test_the_size_limit_is_1_gib_unless_raised(capsys):
    assert Endpoint("http://127.0.0.1:1/query").max_response == 1 << 30
    with pytest.raises(SystemExit) as refused:
        main(["query", "pillars", "--max-response", "lots"])
    assert refused.value.code == 2
    assert "--max-response: not a size such as 512M or 2G: 'lots'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["query", "--help"])
    assert "(default 1 GiB)" in " ".join(capsys.readouterr().out.split())


def test_a_retry_after_past_the_deadline_fails_at_once(proxy, capsys):
    """--timeout once bounded each attempt only: --timeout 2 with Retry-After: 3600 ran 120 s."""
    proxy.plan.faults = ["503"]
    proxy.plan.retry_after = "3600"
    url = f"{proxy.url}/query"
    assert main(["query", "pillars", "--endpoint", url, "--timeout", "2"]) == 3
    assert only_error(capsys) == (
        f"roadmapkg query: {url}: HTTP 503 Service Unavailable: server error; a retry in "
        "3600 s would come after the 2 s deadline (--timeout)"
    )
    assert proxy.plan.seen == ["GET 503"]


def test_retries_stop_at_the_deadline_of_the_whole_command(proxy, capsys):
    """The first wait fits in the 5 s (unless its request took 2 s), the second cannot."""
    proxy.plan.faults = ["503"] * 3
    proxy.plan.retry_after = "3"
    url = f"{proxy.url}/query"
    assert main(["query", "pillars", "--endpoint", url, "--timeout", "5"]) == 3
    assert capsys.readouterr().err.splitlines() == [
        f"{url}: HTTP 503 Service Unavailable: server error; retrying in 3 s (1/2)",
        f"roadmapkg query: {url}: HTTP 503 Service Unavailable: server error; a retry in "
        "3 s would come after the 5 s deadline (--timeout)",
    ]
    assert proxy.plan.seen == ["GET 503", "GET 503"]


def test_queries_and_loads_answer_a_basic_challenge(proxy, capsys):
    """Queries once answered only Digest challenges, though the README says Basic works too."""
    proxy.plan.basic = ("analyst", "s3cret")
    credentials = ["--user", "analyst", "--password", "s3cret"]
    url = f"{proxy.url}/query"
    assert main(["query", "pillars", "--endpoint", url, "--format", "csv", *credentials]) == 0
    assert capsys.readouterr().out.startswith("number,pillar,label,wording")
    assert main(["load", "--endpoint", f"{proxy.url}/store", *credentials]) == 0
    # credentials go only where the server asks for them
    assert proxy.plan.seen == [
        "GET challenge",
        "GET forward",
        "PUT challenge",
        "PUT forward",
        "GET challenge",
        "GET forward",
    ]


def test_wrong_basic_credentials_are_reported_as_rejected(proxy, capsys):
    """They were once reported as missing ('authentication required: give --user ...')."""
    proxy.plan.basic = ("analyst", "s3cret")
    url = f"{proxy.url}/query"
    args = ["query", "pillars", "--endpoint", url, "--user", "analyst", "--password", "guess"]
    assert main(args) == 3
    assert only_error(capsys) == (
        f"roadmapkg query: {url}: HTTP 401 Unauthorized: the server rejected the credentials "
        "of user 'analyst'"
    )
    assert main(["query", "pillars", "--endpoint", url]) == 3
    assert only_error(capsys) == (
        f"roadmapkg query: {url}: HTTP 401 Unauthorized: authentication required: "
        "give --user/--password, ROADMAPKG_USER or ~/.netrc"
    )


@pytest.mark.binary
def test_queries_answer_a_digest_challenge_and_report_a_wrong_password(virtuoso_server, capsys):  # noqa: F811
    assert load(virtuoso_server) == 0
    capsys.readouterr()
    url = virtuoso_server.query.replace("/sparql", "/sparql-auth")
    args = ["query", "pillars", "--endpoint", url, "--format", "csv", "--user", "dba"]
    assert main([*args, "--password", "dba"]) == 0
    assert capsys.readouterr().out.startswith("number,pillar,label,wording")
    assert main([*args, "--password", "guess"]) == 3
    assert only_error(capsys) == (
        f"roadmapkg query: {url}: HTTP 401 Unauthorized: the server rejected the credentials "
        "of user 'dba'"
    )


def test_a_redirect_loop_is_one_line(proxy, capsys):
    """It was once five lines (urllib's message, line breaks and all)."""
    proxy.plan.faults = ["redirect-loop"] * 20
    url = f"{proxy.url}/query"
    assert main(["query", "pillars", "--endpoint", url]) == 3
    assert only_error(capsys) == (
        f"roadmapkg query: {url}: HTTP 302: redirected in a loop or too many times"
    )


def test_a_query_sent_by_post_follows_a_307_redirect(proxy, tmp_path, capsys):
    """urllib refuses to follow 307 for a POST, so a long query sent to an address that
    redirects with 307 (as w3id's endpoint address does) failed."""
    long = tmp_path / "long.rq"
    padding = "# " + "x" * 3000 + "\n"
    long.write_text(f"#+ summary: Long\n{padding}SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }}\n")
    proxy.plan.faults = ["redirect-307"]
    assert main(["query", str(long), "--endpoint", f"{proxy.url}/query", "--format", "csv"]) == 0
    assert capsys.readouterr().out == f"n\r\n{TRIPLES}\r\n"
    assert proxy.plan.seen == ["POST redirect-307", "POST forward"]


SELECTS_THAT_LOOK_LIKE_UPDATES = {
    "comment-says-insert": "# INSERT nothing: this only reads\n",
    "prefix-holds-delete": "PREFIX : <https://w3id.org/roadmapkg/delete/>\n",
}


@pytest.mark.parametrize("case", SELECTS_THAT_LOOK_LIKE_UPDATES)
def test_a_select_that_looks_like_an_update_is_sent_as_a_query(proxy, case, tmp_path, capsys):
    """SPARQLWrapper took these for updates by matching words and posted them as updates to
    the query URL (HTTP 400); the form is now read by parsing."""
    path = tmp_path / f"{case}.rq"
    path.write_text(
        "#+ summary: Pillars, counted\n#+ tags:\n#+   - test\n"
        f"{SELECTS_THAT_LOOK_LIKE_UPDATES[case]}"
        "prefix rk: <https://w3id.org/roadmapkg/ontology#>\n"
        "SELECT (COUNT(?p) AS ?pillars) WHERE { ?p a rk:Pillar }\n",
        encoding="utf-8",
    )
    assert main(["query", str(path), "--format", "csv"]) == 0
    local = capsys.readouterr().out
    assert main(["query", str(path), "--format", "csv", "--endpoint", f"{proxy.url}/query"]) == 0
    assert capsys.readouterr().out == local
    assert proxy.plan.seen == ["GET forward"]


def test_a_count_mismatch_after_load_is_an_endpoint_error(proxy, capsys):
    """It once exited 2, the code of an input error, though the store is what failed."""
    proxy.plan.faults = ["forward", "drop-line"]
    url = f"{proxy.url}/store"
    assert main(["load", "--endpoint", url]) == 3
    assert only_error(capsys) == (
        f"roadmapkg load: {url}: the graph <{DEFAULT_GRAPH}> holds {TRIPLES - 1} triples after "
        f"loading, expected {TRIPLES}"
    )
    assert proxy.plan.seen == ["PUT forward", "GET drop-line"]


def test_a_graph_read_back_larger_than_the_limit_is_refused(proxy, capsys):
    url = f"{proxy.url}/store"
    assert main(["load", "--endpoint", url, "--max-response", "100K"]) == 3
    assert only_error(capsys) == (
        f"roadmapkg load: {url}: the answer is larger than 100 KiB (--max-response raises the "
        "limit)"
    )
    assert proxy.plan.seen == ["PUT forward", "GET forward"]
