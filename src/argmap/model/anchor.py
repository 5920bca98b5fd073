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


_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
           "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"'}
_DASHES = set("\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


def _folded(text: str, keep_hyphens: bool = False) -> tuple[str, list[int]]:
    """`text` with quote marks, dashes and spacing made plain, line-break and soft hyphens, markdown emphasis
    (* and _) and backslash escapes dropped, an ellipsis as three stops (what Ipsissima folds, and what a person
    retyping a passage changes), and where each character of the result came from in `text`."""
    out, where = [], []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\u00ad":  # a soft hyphen
            i += 1
            continue
        if char in "-\u2010" and i + 1 < n and text[i + 1] in "\r\n" and out and out[-1].isalpha():
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j].islower():  # co-\noperation: the hyphen may only break the line
                if keep_hyphens:
                    out.append("-")
                    where.append(i)
                i = j
                continue
        if char.isspace():
            j = i
            while j < n and text[j].isspace():
                j += 1
            out.append(" ")
            where.append(i)
            i = j
            continue
        if char in "*_":  # markdown emphasis
            i += 1
            continue
        if char == "\\" and i + 1 < n and not text[i + 1].isspace():  # a backslash escape: the character it escapes
            i += 1
            char = text[i]
        if char == "\u2026":  # an ellipsis, as three stops
            out.extend("...")
            where.extend([i, i, i])
            i += 1
            continue
        out.append("-" if char in _DASHES else _QUOTES.get(char, char))
        where.append(i)
        i += 1
    return "".join(out), where


def find_passage(text: str, quote: str, prefix: str = "", suffix: str = "") -> tuple[str, str] | None:
    """The passage of `text` that `quote` stands for, allowing what a person retyping it changes (quote marks,
    dashes, spacing, a hyphen that breaks a line, markdown emphasis, an ellipsis, then case), and how it differs:
    (passage, "") when the quote is exact, (passage, "quote marks, dashes, spacing or line breaks") or
    (…, "… or case") otherwise; None when it is not there. With a prefix or suffix, the passage is the one they
    pick out."""
    if find_selector(text, quote, prefix, suffix) is not None:
        return quote, ""
    wanted = _folded(quote.strip())[0]
    context = (_folded(prefix)[0], _folded(suffix)[0])
    tries = []
    for keep in (False, True):
        folded, where = _folded(text, keep)
        tries.append((folded, where, wanted, "quote marks, dashes, spacing, emphasis or line breaks"))
    for keep in (False, True):
        folded, where = _folded(text, keep)
        tries.append((folded.lower(), where, wanted.lower(), "quote marks, dashes, spacing, emphasis, line breaks or case"))
    for haystack, where, needle, how in tries:
        if not needle:
            return None
        start = haystack.find(needle)
        while start != -1:
            end = start + len(needle)
            fits = (not context[0] or haystack[:start].rstrip().endswith(context[0].strip().lower() if "case" in how else context[0].strip())) \
                and (not context[1] or haystack[end:].lstrip().startswith(context[1].strip().lower() if "case" in how else context[1].strip()))
            if fits:
                passage = text[where[start]:where[end - 1] + 1]
                return passage, how
            start = haystack.find(needle, start + 1)
    return None


def closest_passage(text: str, quote: str) -> str | None:
    """The run of the text most like `quote`, by words, if any is reasonably close."""
    import difflib

    words = text.split()
    size = max(1, len(quote.split()))
    windows = [" ".join(words[i:i + size]) for i in range(0, max(1, len(words) - size + 1))]
    matches = difflib.get_close_matches(quote, windows, n=1, cutoff=0.6)
    return matches[0] if matches else None
