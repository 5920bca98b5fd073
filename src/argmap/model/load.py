"""Load a project's ontology and claim files into one RDF dataset.

Needs: a Project. Gives: a Loaded dataset with one named graph per claims file
(named after the file), the ontology in a graph of its own and the scheme
catalogue (ontology/schemes.ttl, where the project has one) in another; Turtle
syntax errors as problems. Does not: validate the data (that is `check`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from ..errors import FileAccessError
from .project import Project
from .report import Problem
from .vocab import GRAPH, ONTOLOGY_GRAPH, SCHEMES_GRAPH, bind_prefixes

#: The graphs of the ontology folder, as against those of the claims files.
ONTOLOGY_GRAPHS = (ONTOLOGY_GRAPH, SCHEMES_GRAPH)


@dataclass(frozen=True)
class LoadedFile:
    """One Turtle file: the named graph it became, where it is, and its text."""

    graph: URIRef
    path: Path
    shown_path: str
    text: str
    lines: dict | None = None    # for a file that is not Turtle (.argdown): the line each node is written on
    prefixes: dict | None = None  # and the prefix its nodes are named with in messages


@dataclass(frozen=True)
class Loaded:
    """The project's data as one dataset, with the files it came from."""

    project: Project
    dataset: Dataset
    files: tuple[LoadedFile, ...]
    problems: tuple[Problem, ...]
    advice: tuple[Problem, ...] = ()

    @property
    def ontology(self) -> Graph:
        return self.dataset.graph(ONTOLOGY_GRAPH)

    @property
    def schemes(self) -> Graph:
        """The catalogue of argumentation schemes (empty when the project has none)."""
        return self.dataset.graph(SCHEMES_GRAPH)

    @property
    def claim_files(self) -> tuple[LoadedFile, ...]:
        return tuple(f for f in self.files if f.graph not in ONTOLOGY_GRAPHS)

    def union(self) -> Graph:
        """Every triple of every graph in one plain graph (ontology included)."""
        merged = bind_prefixes(Graph(bind_namespaces="none"))
        for quad_graph in self.dataset.graphs():
            for prefix, namespace in quad_graph.namespaces():
                merged.bind(prefix, namespace, override=False)
        for s, p, o, _ in self.dataset.quads((None, None, None, None)):
            merged.add((s, p, o))
        return merged

    def union_view(self) -> Dataset:
        """Every triple of every graph, as union() gives them, but read from the dataset in place, not copied.

        For reading only: whatever is added to it goes into the dataset. Copying is all the cost of union(), and
        grows faster than the data: at 1M triples it takes longer than parsing them.
        """
        view = Dataset(store=self.dataset.store, default_union=True)
        view.namespace_manager = self.dataset.namespace_manager  # a manager of its own would bind rdflib's prefixes into the store
        return view

    def triples_by_graph(self, pattern) -> dict[URIRef, list]:
        """The triples matching `pattern` (s, p, o; None for any) in each graph, found in one pass over the dataset.

        Asking each file's graph in turn would cost a pass over the matches in every graph per file (rdflib's
        memory store indexes triples, not graphs): time that grows with the square of the number of files.
        """
        found: dict[URIRef, list] = {}
        for s, p, o, graph in self.dataset.quads((*pattern, None)):
            found.setdefault(graph, []).append((s, p, o))
        return found

    def file_of(self, node) -> LoadedFile | None:
        """The claims file that describes `node` (has it as a subject), if any."""
        for loaded in self.files:
            if (node, None, None) in self.dataset.graph(loaded.graph):
                return loaded
        return None


def claim_files(project: Project) -> list[Path]:
    """The claims files under claims/ (Turtle, and Argdown in argmap's profile), in name order."""
    return project.claims_files()


def graph_name(path: Path) -> URIRef:
    """The named graph a claims file loads into, from its file name."""
    return GRAPH[path.stem]


def load(project: Project) -> Loaded:
    """Parse the ontology and every claims file into one dataset, collecting syntax errors."""
    dataset = Dataset(default_union=False)
    bind_prefixes(dataset)
    files, problems, advice = [], [], []
    inputs = [(ONTOLOGY_GRAPH, project.ontology_dir / "argmap.ttl")]
    if (project.ontology_dir / "schemes.ttl").exists():
        inputs.append((SCHEMES_GRAPH, project.ontology_dir / "schemes.ttl"))
    inputs += [(graph_name(path), path) for path in claim_files(project)]
    for name, path in inputs:
        shown = project.relative(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:  # not the data's fault: argmap cannot run (exit 2), where a bad file is a problem (exit 1)
            if FileAccessError.wraps(error):
                raise FileAccessError.from_os_error(error, shown, "read it") from None
            raise
        except UnicodeDecodeError as error:
            problems.append(Problem(shown, 0, "", f"the file is not UTF-8 text ({error.reason} at byte {error.start})",
                                    "save it as UTF-8"))
            continue
        lines = None
        if path.suffix == ".argdown":
            from .argdown.source import read_source

            problem, lines, notes = read_source(dataset.graph(name), text, path, shown, project, dataset.graph(SCHEMES_GRAPH))
            advice += notes
        else:
            problem = parse_turtle_into(dataset.graph(name), text, path, shown)
        prefixes = {str(p): str(n) for p, n in dataset.graph(name).namespaces()} if lines is not None else None
        files.append(LoadedFile(name, path, shown, text, lines, prefixes))
        if problem:
            dataset.remove_graph(name)  # a failed parse leaves a partial graph behind
            problems.append(problem)
    return Loaded(project, dataset, tuple(files), tuple(problems), tuple(advice))


def parse_turtle_into(graph: Graph, text: str, path: Path, shown: str) -> Problem | None:
    """Parse Turtle text into `graph`; a syntax error becomes a Problem with its line and column."""
    try:
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as error:
        line = error.lines + 1
        column = error._i - text.rfind("\n", 0, error._i)
        return Problem(shown, line, "", f"Turtle syntax error at column {column}: {error._why}", "correct the Turtle syntax on that line")
    except Exception as error:  # rdflib raises bare exceptions for some bad input
        return Problem(shown, 0, "", f"cannot parse the file as Turtle: {error}", "correct the Turtle syntax")
    return None
