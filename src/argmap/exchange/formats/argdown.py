"""Argdown in and out, in argmap's profile (docs/argdown.md), with argmap's own parser: no Node needed.

Write: claims as statements tagged with their kind and anchored by their quote,
inferences as arguments with their premise-conclusion structure and scheme,
conflicts as arguments tagged #rebuttal or #undercut, relations between claims
as Argdown's relations (argdown_write.py, argdown_doc.py). Read: an .argdown
text, or the JSON `argdown json` writes, in the same profile (model/argdown/).
"""

from __future__ import annotations

import json

from rdflib import Graph

from ...errors import ParseError
from .common import Imported, ReadOptions, WriteOptions


def write(graph: Graph, options: WriteOptions, flavour: str = "argdown") -> str:
    """The graph in argmap's Argdown profile (docs/argdown.md), which argmap reads back to the same graph."""
    from .argdown_write import write as write_profile

    return write_profile(graph, dict(options.source_texts), options.title)


def read(text: str, options: ReadOptions) -> Imported:
    """An Argdown document (argmap's own parser, no Node) in argmap's profile; or the JSON `argdown json` made."""
    from ...model.argdown import parse
    from ...model.argdown.fromjson import document_from_json
    from ...model.argdown.profile import ReadSettings, read as read_profile

    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ParseError(f"not valid Argdown JSON: {error.msg}", line=error.lineno,
                             fix="give the JSON `argdown json` writes, or the .argdown file itself") from None
        document = document_from_json(data)
    else:
        document = parse(text, remove_tags=True)
    source_text = options.source_text
    settings = ReadSettings(str(options.namespace), str(options.source).rsplit("/", 1)[-1] if options.source else "import",
                            texts=(lambda chapter: source_text) if source_text is not None else None,
                            schemes=options.schemes, default_kind=options.default_kind)
    reading = read_profile(document, settings)
    warnings = [f"line {line}: {message}" for line, _, message, _ in reading.advice]
    return Imported(reading.graph, reading.counts, warnings, None, {})
