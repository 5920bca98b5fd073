"""The last steps of Argdown's model (ModelPlugin.run), and the document as `argdown json` writes it.

Needs: a Document as build.py leaves it and the model settings (loose or strict
mode). Gives: relations of reconstructed arguments moved to their conclusions,
undercuts of them moved to their last inference, statement-to-statement support
and attack read as entailment and contrariety in strict mode, and redundant
attacks on arguments dropped; `to_json` gives the keys and values of Argdown's
JSON export that a comparison needs.
"""

from __future__ import annotations

from dataclasses import replace


def _drop(relation, side: str) -> None:
    node = relation.source if side == "source" else relation.target
    if relation in node.relations:
        node.relations.remove(relation)


def _move_argument_relations(document) -> None:
    kept = []
    for relation in document.relations:
        keep = True
        if relation.source.type == "argument" and relation.source.pcs:
            argument = relation.source
            _drop(relation, "source")
            ec = document.statements[argument.pcs[-1].title]
            relation.source = ec
            existing = next((r for r in ec.relations if r.target is relation.target and r.type == relation.type), None)
            if existing is None:
                ec.relations.append(relation)
            else:
                _drop(relation, "target")
                keep = False
        if keep and relation.target.type == "argument" and relation.target.pcs and relation.type == "undercut":
            inference = relation.target.pcs[-1].inference
            _drop(relation, "target")
            relation.target = inference
            existing = next((r for r in inference.relations if r.source is relation.source and r.type == relation.type), None)
            if existing is None:
                inference.relations.append(relation)
            else:
                _drop(relation, "source")
                keep = False
        if keep:
            kept.append(relation)
    document.relations = kept


def _strict(document) -> None:
    kept = []
    for relation in document.relations:
        if relation.source.type == relation.target.type == "equivalence-class":
            if relation.type == "support":
                relation.type = "entails"
            elif relation.type == "attack":
                twin = next((r for r in relation.source.relations if r.type == "contrary" and (
                    (r.source is relation.source and r.target is relation.target)
                    or (r.source is relation.target and r.target is relation.source))), None)
                if twin is not None:
                    _drop(relation, "source")
                    _drop(relation, "target")
                    continue
                relation.type = "contrary"
        kept.append(relation)
    document.relations = kept


def _other(relation, node):
    return relation.target if relation.source is node else relation.source


def _drop_redundant_attacks(document) -> None:
    kept = []
    for relation in document.relations:
        if relation.source.type != "equivalence-class" or relation.type != "attack" or relation.target.type != "argument" \
                or not relation.target.pcs:
            kept.append(relation)
            continue
        ec, argument = relation.source, relation.target
        premises = {s.title for s in argument.pcs if s.role == "premise"}
        denial = next((r for r in ec.relations if _other(r, ec).type == "equivalence-class" and (
            (r.type == "attack" and r.source is ec) or r.type in ("contradictory", "contrary"))
            and _other(r, ec).title in premises), None)
        if denial is not None:
            _drop(relation, "source")
            _drop(relation, "target")
            continue
        kept.append(relation)
    document.relations = kept


def _replace_member(document, old, new) -> None:
    ec = document.statements[new.title]
    if old in ec.members:
        ec.members.remove(old)
    ec.members.append(new)


def uses_of(conclusion) -> list | None:
    """The numbers of the statements an inferential step uses, as Argdown looks for them: the inference's `uses`,
    the conclusion's `uses`, the inference's `from`; None where none is given."""
    data = conclusion.inference.data if conclusion.inference is not None else None
    for source, key in ((data, "uses"), (conclusion.data, "uses"), (data, "from")):
        if isinstance(source, dict) and isinstance(source.get(key), list):
            return source[key]
    return None


def _step(document, argument, conclusion, index: int) -> list:
    """The statements of one inferential step: those its inference `uses`, else those back to the last conclusion."""
    uses = uses_of(conclusion)
    step = []
    if uses is not None:
        for number in uses:
            if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= len(argument.pcs):
                from ...errors import ParseError

                raise ParseError(f"Argdown error at line {conclusion.line}: 'uses' of argument <{argument.title}> "
                                 f"names statement {number!r}, which its structure does not have", line=conclusion.line,
                                 fix="list the numbers of the premises this step uses")
            old = argument.pcs[number - 1]
            new = replace(old, role="premise")
            _replace_member(document, old, new)
            step.append(new)
    else:
        for old in reversed(argument.pcs[:index]):
            new = replace(old, role="premise")
            step.append(new)
            _replace_member(document, old, new)
            if old.role == "intermediary-conclusion":
                break
        step.reverse()
    new = replace(conclusion, role="main-conclusion")
    _replace_member(document, conclusion, new)
    return step + [new]


def _explode(document) -> None:
    """Argdown's explodeArguments: an argument of several steps becomes one argument per step, `Title - 1` …"""
    for title, argument in list(document.arguments.items()):
        steps = [_step(document, argument, s, i) for i, s in enumerate(argument.pcs)
                 if s.role in ("intermediary-conclusion", "main-conclusion")]
        if len(steps) <= 1:
            continue
        parts = [replace(argument, title=f"{title} - {k}", pcs=step, relations=[]) for k, step in enumerate(steps, 1)]
        for relation in argument.relations:
            if relation.source is argument:
                relation.source = parts[-1]
            else:
                relation.target = parts[-1]
        parts[-1].relations = list(argument.relations)
        del document.arguments[title]
        for part in parts:
            document.arguments[part.title] = part


def finish(document, settings: dict) -> None:
    """Argdown's ModelPlugin.run (sections, moved relations, strict mode, redundant attacks), then explodeArguments."""
    for node in list(document.statements.values()) + list(document.arguments.values()):
        if node.section is None and node.members:
            node.section = node.members[0].section
    if settings.get("transformArgumentRelations", True):
        _move_argument_relations(document)
    if settings.get("mode") == "strict":
        _strict(document)
    _drop_redundant_attacks(document)
    if settings.get("explodeArguments"):
        _explode(document)
        document.exploded = True


def _end(node) -> tuple[str, str]:
    if node.type == "inference":
        return node.argument_title, "inference"
    return node.title, node.type


def to_json(document) -> dict:
    """The parts of `argdown json`'s output that say what a document holds (titles, texts, tags, PCS, relations)."""
    def member(statement) -> dict:
        entry = {"title": statement.title, "text": statement.text, "role": statement.role, "line": statement.line}
        if statement.inference is not None:
            entry["inferenceRules"] = statement.inference.rules
        return entry

    relations = []
    for relation in document.relations:
        (source, source_type), (target, target_type) = _end(relation.source), _end(relation.target)
        relations.append({"relationType": relation.type, "from": source, "fromType": source_type,
                          "to": target, "toType": target_type})
    return {
        "statements": {title: {"title": title, "tags": ec.tags, "data": ec.data,
                               "members": [member(m) for m in ec.members]}
                       for title, ec in document.statements.items()},
        "arguments": {title: {"title": title, "tags": a.tags, "data": a.data,
                              "members": [member(m) for m in a.members],
                              "pcs": [member(s) for s in a.pcs]}
                      for title, a in document.arguments.items()},
        "relations": relations,
        "tags": list(document.tags),
    }
