"""argmap's reading of SPARQL against the W3C SPARQL 1.1 and 1.0 test suites (tests/w3c, see its README).

Every positive syntax test is answered, or refused for a stated reason (SERVICE, LOAD, FROM, an update),
never because argmap misread it; every query or update of the suites that uses SERVICE or FROM is refused.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from argmap.errors import QueryError
from argmap.sparql.engines import OxigraphEngine
from argmap.sparql.guard import refuse_unsafe

SUITES = Path(__file__).resolve().parent / "w3c"
FILES = sorted(SUITES.rglob("*.r[qu]"))
STATED = ("SERVICE is refused", "LOAD is refused", "argmap query only reads", "FROM <")
# Positive tests that SPARQL 1.1's grammar itself refuses (and Oxigraph with it): errata of the suites.
GRAMMAR_ERRATA = {
    "sparql11/syntax-query/qname-escape-01.rq": "`\\:` is no PN_LOCAL_ESC in the grammar (':' needs no escape)",
    "dawg-data-r2/syntax-sparql1/syntax-lit-08.rq": "`123.` was a decimal in SPARQL 1.0; 1.1's DECIMAL needs a digit after '.'",
}
# Negative tests both rdflib and Oxigraph accept: `?x<?a&&?b>?y`, which the longest-token rule makes an IRI.
# Both read `<` as less-than; nothing can hide there, since an IRI holds no space and no braces.
BOTH_ACCEPT = {"dawg-data-r2/syntax-sparql3/syn-bad-26.rq"}
# Uses the words outside comments: an over-approximation of "uses SERVICE or FROM", independent of argmap.
REACHES = re.compile(r"\b(SERVICE|FROM)\b", re.IGNORECASE)


def name(path: Path) -> str:
    return path.relative_to(SUITES).as_posix()


@lru_cache(maxsize=1)
def manifests() -> dict[str, set[str]]:
    """Each test file of the suites → the kinds of test (mf:PositiveSyntaxTest11, …) the manifests give it."""
    from rdflib import Graph, Namespace, RDF

    mf = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
    qt = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
    ut = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
    kinds: dict[str, set[str]] = {}
    for manifest in SUITES.rglob("manifest*.ttl"):
        graph = Graph().parse(manifest, format="turtle", publicID=manifest.resolve().as_uri())
        for test, kind in graph.subject_objects(RDF.type):
            action = graph.value(test, mf.action)
            target = action if action is None else (graph.value(action, qt.query) or graph.value(action, ut.request) or action)
            if target is not None and str(target).startswith("file://"):
                path = Path(str(target)[len("file://"):])
                if path.suffix in (".rq", ".ru") and path.is_file():
                    kinds.setdefault(name(path), set()).add(str(kind).rsplit("#", 1)[-1])
    return kinds


def refusal(path: Path) -> str | None:
    try:
        refuse_unsafe(path.read_text(encoding="utf-8"), frozenset(), where=path.name)
    except QueryError as error:
        return str(error)
    return None


def positives() -> list[Path]:
    return [path for path in FILES if any(k.startswith("Positive") for k in manifests().get(name(path), ()))]


def negatives() -> list[Path]:
    return [path for path in FILES if any(k.startswith("Negative") for k in manifests().get(name(path), ()))]


def test_the_suites_are_there_with_their_manifests():
    assert len(FILES) > 900 and len(positives()) > 240 and len(negatives()) > 90


@pytest.mark.parametrize("path", positives(), ids=name)
def test_a_positive_syntax_test_is_answered_or_refused_for_a_stated_reason(path):
    refused = refusal(path)
    if name(path) in GRAMMAR_ERRATA:
        assert refused and "SPARQL syntax error" in refused
        return
    if refused:
        assert any(reason in refused for reason in STATED), refused
        return
    text = refuse_unsafe(path.read_text(encoding="utf-8"), frozenset()).text
    try:
        OxigraphEngine(ox.Store(), {}, {}).run(text, {}, path.name)
    except QueryError as error:  # Oxigraph, not argmap: a relative IRI without BASE, or an extension function
        assert "custom function" in str(error) or _runs_with_a_base(text), str(error)


def _runs_with_a_base(text: str) -> bool:
    try:
        list(ox.Store().query(text, base_iri="http://example.org/base/"))
    except (SyntaxError, RuntimeError):
        return False
    return True


@pytest.mark.parametrize("path", FILES, ids=name)
def test_a_suite_query_that_uses_service_or_from_is_refused_and_only_then(path):
    text = path.read_text(encoding="utf-8")
    reaches = bool(REACHES.search(re.sub(r"(^|\s)#[^\n]*", " ", text)))
    refused = refusal(path)
    if reaches:
        assert refused, "a query using SERVICE or FROM ran"
        if not refused.startswith(f"{path.name}: SPARQL syntax error"):
            assert "SERVICE is refused" in refused or "FROM <" in refused or "only reads" in refused, refused
    elif refused:
        assert "SERVICE is refused" not in refused and "FROM <" not in refused, refused


@pytest.mark.parametrize("path", negatives(), ids=name)
def test_a_negative_syntax_test_is_refused_by_argmap_or_by_oxigraph(path):
    if refusal(path) or name(path) in BOTH_ACCEPT:
        return
    text = refuse_unsafe(path.read_text(encoding="utf-8"), frozenset()).text
    with pytest.raises(QueryError):
        OxigraphEngine(ox.Store(), {}, {}).run(text, {}, path.name)
