"""Exchange formats: a registry of name → module, each with `read` and/or `write`, imported when used.

    aif      AIFdb JSON nodesets and xAIF (read, write)
    xaif     xAIF: the AIF nodeset wrapped as OVA3 and the xaif package expect (write; read = aif)
    argdown  Argdown text, and the JSON `argdown json` makes of it (read, write)
    graphml  GraphML of the map's nodes and edges (write)
    dot      Graphviz DOT of the map's nodes and edges (write)

A reader is `read(text, options: ReadOptions) -> Imported`; a writer is
`write(graph, options: WriteOptions) -> str`. Both live in `common.py`.
"""

from __future__ import annotations

import importlib

from ...errors import InputError

#: Format name → (module, can read, can write).
REGISTRY: dict[str, tuple[str, bool, bool]] = {
    "aif": ("argmap.exchange.formats.aif", True, True),
    "xaif": ("argmap.exchange.formats.aif", True, True),
    "argdown": ("argmap.exchange.formats.argdown", True, True),
    "graphml": ("argmap.exchange.formats.graph", False, True),
    "dot": ("argmap.exchange.formats.graph", False, True),
}

READABLE = tuple(name for name, (_, read, _) in REGISTRY.items() if read)
WRITABLE = tuple(name for name, (_, _, write) in REGISTRY.items() if write)


def module_for(name: str, *, reading: bool):
    """The module that reads (or writes) format `name`; an InputError names the formats there are."""
    entry = REGISTRY.get(name)
    if entry is None or not entry[1 if reading else 2]:
        choices = READABLE if reading else WRITABLE
        raise InputError(f"argmap cannot {'read' if reading else 'write'} the format {name!r}",
                         fix=f"use one of {', '.join(choices)}")
    return importlib.import_module(entry[0])


def read(name: str, text: str, options):
    """Read `text` in format `name` into an Imported graph."""
    return module_for(name, reading=True).read(text, options)


def write(name: str, graph, options) -> str:
    """Write `graph` (the claims of a project) in format `name`."""
    module = module_for(name, reading=False)
    return module.write(graph, options, flavour=name)
