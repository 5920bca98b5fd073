"""Each quote in the paragraph it comes from, so a reader sees the words where the author wrote them.

Needs: a Loaded project. Gives: {claim IRI: (before, exact, after)}, the three
parts of the quote's paragraph. Does not: check quotes (that is `check`; a
quote it cannot find is left out here).
"""

from __future__ import annotations

from rdflib import Graph

from ..model.load import Loaded
from ..model.vocab import ARG, OA


def quote_contexts(loaded: Loaded, graph: Graph) -> dict[str, tuple[str, str, str]]:
    """The paragraph around every anchored claim's quote, split into before, the quote, and after."""
    texts: dict[str, str | None] = {}
    contexts = {}
    for claim, anchor in sorted(graph.subject_objects(ARG.anchor)):
        source = graph.value(anchor, OA.hasSource)
        selector = graph.value(anchor, OA.hasSelector)
        text_file = graph.value(source, ARG.textFile) if source is not None else None
        exact = graph.value(selector, OA.exact) if selector is not None else None
        if text_file is None or exact is None:
            continue
        if str(text_file) not in texts:
            try:
                texts[str(text_file)] = (loaded.project.claims_dir / str(text_file)).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                texts[str(text_file)] = None
        text = texts[str(text_file)]
        prefix = str(graph.value(selector, OA.prefix) or "")
        suffix = str(graph.value(selector, OA.suffix) or "")
        found = text.find(prefix + str(exact) + suffix) if text else -1
        if found < 0:
            continue
        start = found + len(prefix)
        end = start + len(str(exact))
        # a paragraph ends at a blank line, whether or not its lines are hard-wrapped
        paragraph_start = text.rfind("\n\n", 0, start)
        paragraph_start = 0 if paragraph_start < 0 else paragraph_start + 2
        paragraph_end = text.find("\n\n", end)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        before, after = text[paragraph_start:start], text[end:paragraph_end]
        contexts[str(claim)] = (" ".join(before.split()) + (" " if before[-1:].isspace() else ""),
                                text[start:end],
                                (" " if after[:1].isspace() else "") + " ".join(after.split()))
    return contexts
