"""The query page `argmap serve` gives at `/`: viz/templates/query.html, and the vis-network it draws with.

On the page, a user picks a library query and fills in its parameters, or
types SPARQL; the answer shows as a table, as a graph (vis-network, served
from pyvis' own copy at /static/vis-network.min.js, so the page works
offline), and for CONSTRUCT and DESCRIBE as Turtle; a library query's answer
can also be drawn as a map page (/draw). Every text from the server is set
with textContent or drawn on the canvas, never parsed as HTML.

Needs: a Project (its viz/templates/query.html, and its files' prefixes).
Gives: the page, the hashes of its inline scripts (for the
Content-Security-Policy), the prefixes the page shows IRIs with, and
vis-network's JavaScript. Does not: speak HTTP (that is `serve`).
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass

from jinja2 import TemplateNotFound

from ..drawing.draw import template_environment
from ..errors import InputError
from ..model.project import Project

TEMPLATE = "query.html"
#: pyvis' bundled vis-network, as map.html includes it.
VIS_NETWORK = "lib/vis-9.1.2/vis-network.min.js"
#: The most nodes the page draws of one answer; it says so when it stops there.
MAX_NODES = 500
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


@dataclass(frozen=True)
class QueryPage:
    """The rendered page and the CSP hash sources ('sha256-…') of its inline scripts."""

    html: str
    script_hashes: tuple[str, ...]


def render_query_page(project: Project) -> QueryPage:
    """The query page, rendered from the project's viz/templates/query.html."""
    try:
        template = template_environment(project).get_template(TEMPLATE)
    except TemplateNotFound:
        raise InputError("the query page template is missing", path=project.viz_dir / "templates" / TEMPLATE,
                         fix="copy viz/templates/query.html from argmap into the project") from None
    html = template.render(max_nodes=MAX_NODES)
    return QueryPage(html, script_hashes(html))


def script_hashes(html: str) -> tuple[str, ...]:
    """The CSP hash source of each inline script (a <script> without attributes) of a page."""
    return tuple(f"'sha256-{base64.b64encode(hashlib.sha256(body.encode('utf-8')).digest()).decode('ascii')}'"
                 for body in _INLINE_SCRIPT.findall(html))


def vis_network(project: Project) -> bytes:
    """vis-network's JavaScript, found where draw.py finds the copy it inlines into the map pages."""
    environment = template_environment(project)
    source, _, _ = environment.loader.get_source(environment, VIS_NETWORK)
    return source.encode("utf-8")


def page_prefixes(project: Project) -> dict[str, str]:
    """The prefixes the page writes IRIs with: those `argmap query` writes them with, in name order."""
    from ..sparql.engines import project_prefixes

    return dict(sorted(project_prefixes(project).items()))
