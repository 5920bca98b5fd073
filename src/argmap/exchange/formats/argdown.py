"""Argdown in and out.

Write: each claim is a statement `[name]: text #Kind`; each inference an
argument `<name>` with its premise-conclusion structure; each conflict an
argument `<name>` that its attacker supports (`<+ [attacker]`) and that
attacks its target (`-> [claim]`) or undercuts it (`_> <inference>`), so that
attacks on attacks survive. The statements count the claims, the arguments the
inferences and conflicts, and the relations are two for each conflict.

Read: Argdown's own parser is the reference, so the reader reads the JSON
that `argdown json` makes (a `.json` file), and runs `@argdown/cli` on a
`.argdown` file (Node and the package must be installed; syntax errors come
back with their line and column). Statements become claims, arguments become
claims stating their gist, each premise-conclusion step an inference, and each
relation one inference (support, entails) or conflict (attack, contrary,
contradictory, undercut), named r-1, r-2 … in the JSON's order.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ...errors import ParseError, ToolMissing
from .common import (CONFLICT_TYPES, Imported, ReadOptions, WriteOptions, add_claim, assign_kinds, local_name,
                     map_nodes, slugify, unique)
from ...model.vocab import ARG

_UNSAFE = str.maketrans({"[": "(", "]": ")", "<": "‹", ">": "›", "#": "№", "*": "∗", "_": " ", "@": "＠", "\\": "/",
                         "{": "(", "}": ")", "`": "'"})


def _clean(text: str) -> str:
    """Text that Argdown reads as plain words: no brackets, tags, emphasis or line breaks."""
    return " ".join(str(text).translate(_UNSAFE).split())


def write(graph: Graph, options: WriteOptions, flavour: str = "argdown") -> str:
    """The graph in argmap's Argdown profile (docs/argdown.md), which argmap reads back to the same graph."""
    from .argdown_write import write as write_profile

    return write_profile(graph, dict(options.source_texts), options.title)


def _titles(nodes: list) -> dict:
    """Each node's Argdown title: its local name, or with its source's name where two sources share one."""
    titles, counts = {}, {}
    for node in nodes:
        counts[local_name(node)] = counts.get(local_name(node), 0) + 1
    for node in nodes:
        name = local_name(node)
        if counts[name] > 1:
            name = f"{str(node).rsplit('#', 1)[0].rsplit('/', 1)[-1]}/{name}"
        titles[node] = _clean(name)
    return titles


def read(text: str, options: ReadOptions) -> Imported:
    """An Argdown document (argmap's own parser, no Node) in argmap's profile; or the JSON `argdown json` made."""
    if text.lstrip().startswith("{"):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise ParseError(f"not valid Argdown JSON: {error.msg}", line=error.lineno,
                             fix="give the JSON `argdown json` writes, or the .argdown file itself") from None
        return document_to_graph(document, options)
    from ...model.argdown import parse
    from ...model.argdown.profile import ReadSettings, read as read_profile

    document = parse(text, remove_tags=True)
    source_text = options.source_text

    def texts(chapter):
        return source_text

    settings = ReadSettings(str(options.namespace), str(options.source).rsplit("/", 1)[-1] if options.source else "import",
                            texts=texts if source_text is not None else None, schemes=options.schemes,
                            default_kind=options.default_kind)
    reading = read_profile(document, settings)
    warnings = [f"line {line}: {message}" for line, _, message, _ in reading.advice]
    return Imported(reading.graph, reading.counts, warnings, None, {})


def run_argdown(text: str) -> dict:
    """Parse Argdown with the real Argdown tool; its syntax errors become one ParseError with line and column."""
    npx = shutil.which("npx")
    if npx is None:
        raise ToolMissing("reading .argdown needs Node's npx and @argdown/cli — install them (npm ci in the argmap "
                          "repository), or give the JSON that `argdown json FILE OUTDIR` writes")
    with tempfile.TemporaryDirectory(prefix="argmap-argdown-") as scratch:
        source = Path(scratch) / "input.argdown"
        source.write_text(text, encoding="utf-8")
        from ...model.project import REPOSITORY_DIR

        try:
            done = subprocess.run([npx, "--no-install", "argdown", "json", str(source), str(Path(scratch) / "out")],
                                  capture_output=True, text=True, timeout=120, cwd=REPOSITORY_DIR)
        except subprocess.TimeoutExpired:
            raise ParseError("the Argdown tool took over two minutes", fix="split the document") from None
        output = Path(scratch) / "out" / "input.json"
        if done.returncode != 0 or not output.exists():
            message = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
            places = re.findall(r"At (\d+):(\d+)\s*\n([^\n]+)", message)
            if places:
                line, column, why = places[0]
                more = f" (and {len(places) - 1} more)" if len(places) > 1 else ""
                raise ParseError(f"Argdown syntax error at line {line}, column {column}: {why.strip()}{more}",
                                 line=int(line), fix="correct the Argdown at that place")
            if "could not determine executable" in message or "argdown: not found" in message:
                raise ToolMissing("@argdown/cli is not installed — run npm ci in the argmap repository")
            raise ParseError(f"the Argdown tool failed: {message.strip()[:300]}", fix="check the file with `argdown json`")
        return json.loads(output.read_text(encoding="utf-8"))


def _text_of(entry: dict, title: str) -> str:
    texts = [m.get("text") for m in entry.get("members") or [] if isinstance(m, dict) and m.get("text")]
    return str(texts[-1]) if texts else title


def document_to_graph(document, options: ReadOptions) -> Imported:
    if not isinstance(document, dict) or not isinstance(document.get("statements", {}), dict) \
            or not isinstance(document.get("arguments", {}), dict) or not isinstance(document.get("relations", []), list):
        raise ParseError("not Argdown JSON: expected an object with statements, arguments and relations",
                         fix="give the JSON `argdown json` writes, or the .argdown file itself")
    statements, arguments = document.get("statements") or {}, document.get("arguments") or {}
    relations = document.get("relations") or []
    graph, taken, claims = Graph(bind_namespaces="none"), set(), []
    node_of: dict[tuple[str, str], URIRef] = {}
    for title, entry in options.progress(sorted(statements.items()), "statements"):
        node = options.namespace[unique(slugify(title), taken)]
        add_claim(graph, node, _text_of(entry if isinstance(entry, dict) else {}, title), options)
        graph.add((node, DCTERMS.identifier, Literal(title)))
        node_of[("equivalence-class", title)] = node
        claims.append(node)
    last_inference: dict[str, URIRef] = {}
    for title, entry in sorted(arguments.items()):
        entry = entry if isinstance(entry, dict) else {}
        node = options.namespace[unique("argument-" + slugify(title), taken)]
        add_claim(graph, node, _text_of(entry, title), options)
        graph.add((node, DCTERMS.identifier, Literal(title)))
        graph.add((node, SKOS.note, Literal("The gist of an Argdown argument.")))
        node_of[("argument", title)] = node
        claims.append(node)
        premises = []
        for step in entry.get("pcs") or []:
            if not isinstance(step, dict) or ("equivalence-class", step.get("title")) not in node_of:
                continue
            statement = node_of[("equivalence-class", step["title"])]
            if step.get("role") == "premise" or not premises:
                premises.append(statement)
                continue
            inference = options.namespace[unique(f"inf-{slugify(title)}", taken)]
            graph.add((inference, RDF.type, ARG.Inference))
            for premise in premises:
                graph.add((inference, ARG.premise, premise))
            graph.add((inference, ARG.conclusion, statement))
            last_inference[title] = inference
            premises = [statement]
    for number, relation in enumerate(relations, start=1):
        _relation(graph, options, number, relation, node_of, last_inference)
    assign_kinds(graph, claims, options.default_kind)
    counts = {"statements": len(statements), "arguments": len(arguments), "relations": len(relations)}
    return Imported(graph, counts, [], None, {})


def _relation(graph: Graph, options: ReadOptions, number: int, relation, node_of: dict, last_inference: dict) -> None:
    if not isinstance(relation, dict):
        raise ParseError(f"Argdown relation {number} is not an object", fix="give the JSON `argdown json` writes")
    kind = relation.get("relationType")
    start = node_of.get((relation.get("fromType"), relation.get("from")))
    end = node_of.get((relation.get("toType"), relation.get("to")))
    if start is None or end is None:
        raise ParseError(f"Argdown relation {number} ({relation.get('from')!r} → {relation.get('to')!r}) names "
                         "a statement or argument the document does not have", fix="give the JSON `argdown json` writes")
    node = options.namespace[f"r-{number}"]
    graph.add((node, SKOS.note, Literal(f"Argdown {kind} relation")))
    if kind in ("support", "entails"):
        graph.add((node, RDF.type, ARG.Inference))
        graph.add((node, ARG.premise, start))
        graph.add((node, ARG.conclusion, end))
        return
    target = end
    if kind == "undercut":
        target = last_inference.get(relation.get("to")) or next(
            (s for s in sorted(graph.subjects(ARG.premise, end), key=str)), end)
    graph.add((node, RDF.type, ARG.Undercut if target != end or (target, RDF.type, ARG.Inference) in graph
               or bool(set(graph.objects(target, RDF.type)) & CONFLICT_TYPES) else ARG.Rebuttal))
    graph.add((node, ARG.attacker, start))
    graph.add((node, ARG.target, target))
