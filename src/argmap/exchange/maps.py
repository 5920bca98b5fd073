"""Import a map in another format as a new source's claims file; export the project's map to another format.

Needs: a Project (and, to import, the map's file). Gives: `import_map` writes
claims/<slug>.ttl (and claims/sources/<slug>.txt where the map has a text)
through write.py, or nothing when the input is bad; `export_map` returns text.
Does not: overwrite an existing source, or check the result (run `argmap check`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from . import formats
from ..errors import InputError
from .formats.common import ReadOptions, WriteOptions, map_nodes, no_progress, slugify
from ..model.load import Loaded, load
from ..model.files import write_new_files
from ..model.project import Project
from ..model.vocab import ARG, ENT, SRC, source_namespace
from ..editing.write import BASE_PREFIXES, render_file


@dataclass
class ImportResult:
    """What an import wrote and what it met."""

    claims_file: Path
    text_file: Path | None
    counts: dict
    warnings: list = field(default_factory=list)


def claims_graph(loaded: Loaded) -> Graph:
    """Every claims file's triples, with the scheme catalogue (for scheme names), in one graph."""
    graph = Graph(bind_namespaces="none")
    for loaded_file in loaded.claim_files:
        graph += loaded.dataset.graph(loaded_file.graph)
    graph += loaded.schemes
    return graph


def source_texts(loaded: Loaded, graph: Graph) -> dict:
    """Each source's plain text, by source IRI, where it can be read."""
    texts = {}
    for source in graph.subjects(RDF.type, ARG.Source):
        text_file = graph.value(source, ARG.textFile)
        if text_file is not None:
            try:
                texts[source] = (loaded.project.claims_dir / str(text_file)).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                pass
    return texts


def export_map(loaded: Loaded, fmt: str) -> str:
    """The project's argument map in an exchange format (aif, xaif, argdown, graphml, dot)."""
    graph = claims_graph(loaded)
    return formats.write(fmt, graph, WriteOptions(source_texts=source_texts(loaded, graph)))


def _prefix_for(slug: str, taken: set[str]) -> str:
    initials = "".join(part[0] for part in slug.split("-") if part)[:4] or "s"
    prefix = initials if initials[0].isalpha() else "s" + initials
    candidate, number = prefix, 2
    while candidate in taken:
        candidate, number = f"{prefix}{number}", number + 1
    return candidate


def import_map(project: Project, fmt: str, path: Path, *, slug: str | None = None, text_path: Path | None = None,
               title: str | None = None, author: str | None = None, kind: str = "FactualClaim",
               prefix: str | None = None, progress=no_progress) -> ImportResult:
    """Read the map at `path` and write it as the claims file of a new source; nothing is written on error."""
    path = Path(path)
    slug = slug or slugify(path.stem.replace("_", "-"), words=8)
    if slugify(slug, words=20) != slug:
        raise InputError(f"source name {slug!r} is not a slug", fix="use lower-case letters, digits and hyphens, e.g. my-article")
    claims_file = project.claims_dir / f"{slug}.ttl"
    if claims_file.exists():
        raise InputError(f"a source named {slug!r} already exists", path=project.relative(claims_file),
                         fix="choose another name with --source, or remove that file first")
    text = _read(path, "the map")
    source_text = _read(text_path, "the source text") if text_path else None
    if source_text is not None:
        from .formats.aif import plain_text

        source_text = plain_text(source_text)
    loaded = load(project)
    taken = {p for f in loaded.files for p in _prefixes_in(f.text)} | set(BASE_PREFIXES)
    prefix = prefix or _prefix_for(slug, taken)
    namespace = source_namespace(slug)
    source = SRC[slug]
    options = ReadOptions(namespace=namespace, source=source, source_text=source_text, default_kind=ARG[kind],
                          schemes=loaded.schemes, progress=progress, base_dir=str(path.parent))
    try:
        imported = formats.read(fmt, text, options)
    except InputError as error:  # the readers see text, not files: say which file the problem is in
        if error.path is not None:
            raise
        raise type(error)(error.what, path=path, line=error.line, fix=error.fix) from None
    graph = imported.graph
    text_file = None
    if source_text is None and imported.source_text:
        source_text = imported.source_text
    # what the map says of its source (Argdown's front matter) stands, unless --title or --author says otherwise
    title = title or str(graph.value(source, DCTERMS.title) or path.stem)
    named = sorted(graph.objects(source, DCTERMS.creator))
    creator = ENT[slugify(author, words=8)] if author else (named[0] if named else ENT[f"author-of-{slug}"])
    graph.add((source, RDF.type, ARG.Source))
    graph.set((source, DCTERMS.title, Literal(title)))
    if author:
        graph.remove((source, DCTERMS.creator, None))
    graph.add((source, DCTERMS.creator, creator))
    graph.set((source, DCTERMS.identifier, Literal(slug)))
    if (creator, RDF.type, None) not in loaded.union() and (creator, RDF.type, None) not in graph:
        graph.add((creator, RDF.type, ARG.Person))
        graph.add((creator, RDFS.label, Literal(author or f"the author of {title}", lang="en")))
        graph.add((creator, RDFS.comment, Literal(f"Author of {title}." if author else
                                                  f"The author of {title}, whom the map does not name.", lang="en")))
    if source_text is not None:
        text_file = project.claims_dir / "sources" / f"{slug}.txt"
        if text_file.exists():
            raise InputError("a source text of that name already exists", path=project.relative(text_file),
                             fix="choose another name with --source, or remove that file first")
        graph.set((source, ARG.textFile, Literal(f"sources/{slug}.txt")))
    claims, inferences, conflicts = map_nodes(graph)
    shown = set(claims) | set(inferences) | set(conflicts) | {source, creator}
    rest = sorted({s for s in graph.subjects() if isinstance(s, URIRef) and s not in shown}, key=str)
    sections = [("", [source] + ([creator] if (creator, None, None) in graph else [])),
                ("Claims", claims), ("Inferences", inferences), ("Conflicts", conflicts),
                ("The dialogue layer and other AIF nodes", rest)]
    turtle = render_file(graph, {**BASE_PREFIXES, **imported.prefixes, prefix: str(namespace)}, sections, keep=(prefix,))
    write_new_files([(text_file, source_text)] * (text_file is not None) + [(claims_file, turtle)])  # both, or neither
    return ImportResult(claims_file, text_file, imported.counts, imported.warnings)


def _read(path: Path, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{what} does not exist", path=path, fix="give the path of an existing file") from None
    except IsADirectoryError:
        raise InputError(f"{what} is a folder, not a file", path=path, fix="give the path of a file") from None
    except UnicodeDecodeError:
        raise InputError(f"{what} is not UTF-8 text", path=path, fix="save it as UTF-8") from None
    except OSError as error:
        raise InputError(f"cannot read {what} ({error.strerror})", path=path, fix="check the path and its permissions") from None


def _prefixes_in(text: str) -> set[str]:
    import re

    return set(re.findall(r"^@prefix\s+([\w.-]*):", text, flags=re.MULTILINE))
