"""Text anchors: pick out a quote in a source text with a W3C TextQuoteSelector, and make one.

Needs: a source's text and the words to anchor. Gives: the selector's exact,
prefix and suffix, the shortest context that makes the quote pick out one
place (as `argmap check` requires), or the reason it cannot. Does not: read
files or write RDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, BNode, Graph, Literal, URIRef

from .vocab import ARG, OA


@dataclass(frozen=True)
class Selector:
    """A TextQuoteSelector: the exact words, and the words around them where they recur."""

    exact: str
    prefix: str = ""
    suffix: str = ""


def occurrences(text: str, exact: str) -> list[int]:
    """Where `exact` starts in `text`, overlapping matches included."""
    found, start = [], text.find(exact)
    while exact and start != -1:
        found.append(start)
        start = text.find(exact, start + 1)
    return found


def selector_at(text: str, exact: str, start: int) -> Selector:
    """The selector for the occurrence of `exact` at `start`, with as much context as makes it unique."""
    if text.count(exact) == 1:
        return Selector(exact)
    end = start + len(exact)
    for size in range(1, max(start, len(text) - end) + 1):
        prefix = text[max(0, start - size):start]
        if text.count(prefix + exact) == 1:
            return Selector(exact, prefix=prefix)
        suffix = text[end:end + size]
        if text.count(exact + suffix) == 1:
            return Selector(exact, suffix=suffix)
    return Selector(exact, prefix=text[:start], suffix=text[end:])


def find_selector(text: str, exact: str, prefix: str = "", suffix: str = "") -> Selector | None:
    """A selector for `exact` in `text`, None if it does not occur; given context must match."""
    places = [i for i in occurrences(text, exact)
              if text[:i].endswith(prefix) and text[i + len(exact):].startswith(suffix)]
    if not places:
        return None
    if prefix or suffix:
        return Selector(exact, prefix, suffix)
    return selector_at(text, exact, places[0])


def add_anchor(graph: Graph, claim: URIRef, source: URIRef, selector: Selector) -> None:
    """Add `claim arg:anchor [ oa:hasSource source ; oa:hasSelector [ oa:exact … ] ]` to `graph`."""
    anchor, quote = BNode(), BNode()
    graph.add((claim, ARG.anchor, anchor))
    graph.add((anchor, RDF.type, OA.SpecificResource))
    graph.add((anchor, OA.hasSource, source))
    graph.add((anchor, OA.hasSelector, quote))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(selector.exact)))
    if selector.prefix:
        graph.add((quote, OA.prefix, Literal(selector.prefix)))
    if selector.suffix:
        graph.add((quote, OA.suffix, Literal(selector.suffix)))


def quote_of(graph: Graph, claim) -> tuple[str, str, str] | None:
    """The (exact, prefix, suffix) of a claim's first anchor, if it has one."""
    for anchor in sorted(graph.objects(claim, ARG.anchor), key=str):
        for selector in graph.objects(anchor, OA.hasSelector):
            exact = graph.value(selector, OA.exact)
            if exact is not None:
                return str(exact), str(graph.value(selector, OA.prefix) or ""), str(graph.value(selector, OA.suffix) or "")
    return None


def span_of(text: str, exact: str, prefix: str = "", suffix: str = "") -> tuple[int, int] | None:
    """The (start, end) character offsets a quote picks out in `text`, if it picks out one."""
    whole = prefix + exact + suffix
    if text.count(whole) != 1:
        return None
    start = text.find(whole) + len(prefix)
    return start, start + len(exact)
