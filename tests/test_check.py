"""`argmap check`: each kind of problem, in a small broken input, gives a located message with a fix."""

from __future__ import annotations

from argmap import check, find_project, load


def problems_of(project) -> list:
    return list(check(load(find_project(project.root))).problems)


def only_problem(project):
    found = problems_of(project)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def test_the_small_project_conforms(mini):
    assert problems_of(mini) == []


def test_shipped_article_conforms(repository):
    report = check(load(find_project(repository)))
    assert report.conforms, report.text()


def test_check_reports_quote_missing_from_source(mini):
    mini.replace('oa:exact "we should go out"', 'oa:exact "we shall go out"')
    problem = only_problem(mini)
    assert problem.path == "claims/doc.ttl"
    assert problem.line == mini.line_of('"we shall go out"')
    assert problem.subject == "d:go-out"
    assert "quote does not occur in claims/sources/doc.txt" in problem.message
    assert "'we should go out.'" in problem.fix  # the closest passage, as a hint


def test_check_reports_quote_that_differs_only_in_typography(mini):
    mini.replace('oa:exact "Rain is coming."', 'oa:exact "rain  is coming."')
    problem = only_problem(mini)
    assert "differs from claims/sources/doc.txt in quotation marks, dashes, spacing or case" in problem.message


def test_check_reports_ambiguous_quote(mini):
    mini.replace('            oa:suffix " Therefore" ] ] .', '            ] ] .')
    problem = only_problem(mini)
    assert problem.subject == "d:blue"
    assert "quote occurs 2 times" in problem.message
    assert "add oa:prefix or oa:suffix" in problem.fix


def test_check_reports_suffix_that_does_not_match(mini):
    mini.replace('oa:suffix " Therefore"', 'oa:suffix " Hence"')
    problem = only_problem(mini)
    assert "oa:prefix or oa:suffix does not match the words around the quote" in problem.message


def test_check_reports_claim_without_label(mini):
    mini.replace('    rdfs:label "Rain is coming"@en ;\n', "")
    problem = only_problem(mini)
    assert (problem.subject, problem.line) == ("d:rain", mini.line_of("d:rain a arg:Prediction"))
    assert problem.message == "claim has no label"
    assert "rdfs:label" in problem.fix


def test_check_reports_claim_with_two_kinds(mini):
    mini.replace("d:rain a arg:Prediction ;", "d:rain a arg:Prediction , arg:FactualClaim ;")
    problem = only_problem(mini)
    assert problem.message == "claim does not have exactly one kind"
    assert "arg:Thesis, arg:FactualClaim" in problem.fix


def test_check_reports_claim_without_anchor(mini):
    text = mini.claims.read_text()
    start = text.index("    arg:anchor [ a oa:SpecificResource ;\n        oa:hasSource src:doc ;\n        oa:hasSelector [ a oa:TextQuoteSelector ;\n            oa:exact \"Rain")
    end = text.index("] ] .", start) + len("] ] .")
    mini.claims.write_text(text[:start] + "    rdfs:seeAlso ent:sky ." + text[end:])
    problem = only_problem(mini)
    assert problem.subject == "d:rain"
    assert problem.message == "claim has no anchor in its source"
    assert "arg:implicit true" in problem.fix


def test_implicit_claim_needs_no_anchor(mini):
    mini.append(
        'd:unstated a arg:Judgement ; rdfs:label "Going out is pleasant"@en ; '
        'rdfs:comment "An unstated premise."@en ; arg:about ent:sky ; arg:implicit true .\n'
        "d:inf-unstated a arg:Inference ; arg:premise d:unstated ; arg:conclusion d:go-out .\n"
    )
    assert problems_of(mini) == []


def test_check_reports_reference_to_undefined_claim(mini):
    mini.replace("arg:premise d:blue ;", "arg:premise d:bleu ;")
    found = problems_of(mini)
    messages = [p.message for p in found]
    assert "refers to d:bleu, which is not defined anywhere" in messages
    located = next(p for p in found if p.message.startswith("refers to"))
    assert (located.subject, located.line) == ("d:inf-blue", mini.line_of("arg:premise d:bleu"))


def test_check_reports_misspelt_class(mini):
    mini.replace("d:reb-rain a arg:Rebuttal ;", "d:reb-rain a arg:Rebutal ;")
    problem = only_problem(mini)
    assert problem.message == "has type arg:Rebutal, which the ontology does not define"


def test_check_reports_misspelt_property(mini):
    mini.replace("arg:about ent:sky ;\n    arg:anchor [ a oa:SpecificResource ;\n        oa:hasSource src:doc ;\n        oa:hasSelector [ a oa:TextQuoteSelector ;\n            oa:exact \"Rain",
                 "arg:abuot ent:sky ;\n    arg:anchor [ a oa:SpecificResource ;\n        oa:hasSource src:doc ;\n        oa:hasSelector [ a oa:TextQuoteSelector ;\n            oa:exact \"Rain")
    problem = only_problem(mini)
    assert problem.message == "uses arg:abuot, which the ontology does not define"
    assert problem.line == mini.line_of("arg:abuot")


def test_check_reports_rebuttal_of_an_inference(mini):
    mini.replace("arg:target d:go-out .", "arg:target d:inf-blue .")
    problem = only_problem(mini)
    assert problem.message == "rebuttal targets something that is not a claim"
    assert "arg:Undercut" in problem.fix


def test_check_reports_recommendation_without_addressee(mini):
    mini.replace("d:go-out a arg:Thesis ;", "d:go-out a arg:Recommendation ;\n    arg:recommendedAction \"go out\" ;")
    problem = only_problem(mini)
    assert problem.message == "recommendation names no actor who should act"


def test_check_reports_support_cycle(mini):
    mini.append("d:inf-back a arg:Inference ; arg:premise d:go-out ; arg:conclusion d:blue .\n")
    problem = only_problem(mini)
    assert problem.message == "supports form a cycle: d:blue → d:go-out → d:blue"
    assert problem.line == mini.line_of("d:inf-back")


def test_check_reports_missing_source_text(mini):
    (mini.root / "claims" / "sources" / "doc.txt").unlink()
    found = problems_of(mini)
    assert [p.message for p in found] == ["its text file claims/sources/doc.txt cannot be read"]
    assert found[0].subject == "src:doc"


def test_check_reports_turtle_syntax_error_with_line_and_column(mini):
    mini.replace('rdfs:comment "It will rain soon."@en ;', 'rdfs:comment "It will rain soon.@en ;')
    problem = only_problem(mini)
    assert problem.path == "claims/doc.ttl"
    assert problem.line == mini.line_of('"It will rain soon.@en')
    assert problem.message.startswith("Turtle syntax error at column")


def test_check_reports_every_problem_not_only_the_first(mini):
    mini.replace('oa:exact "we should go out"', 'oa:exact "we shall go out"')
    mini.replace('    rdfs:label "Rain is coming"@en ;\n', "")
    mini.replace("arg:premise d:blue ;", "arg:premise d:bleu ;")
    subjects = sorted({p.subject for p in problems_of(mini)})
    assert subjects == ["d:blue", "d:go-out", "d:inf-blue", "d:rain"]  # d:blue: now in no inference


def test_problems_read_as_file_line_subject_message_fix(mini):
    mini.replace('    rdfs:label "Rain is coming"@en ;\n', "")
    line = mini.line_of("d:rain a arg:Prediction")
    assert str(only_problem(mini)) == (
        f"claims/doc.ttl:{line}: d:rain: claim has no label — "
        'add rdfs:label "…"@en: the claim in a few words of your own'
    )


def test_check_reports_undercut_of_a_claim(mini):
    mini.replace("d:reb-rain a arg:Rebuttal ;", "d:reb-rain a arg:Undercut ;")
    problem = only_problem(mini)
    assert problem.message == "undercut targets something that is neither an inference nor a conflict"


def test_an_undercut_may_answer_another_attack(mini):
    mini.append(
        'd:sun a arg:FactualClaim ; rdfs:label "The sun is out"@en ; rdfs:comment "Sunshine."@en ; '
        "arg:about ent:sky ; arg:implicit true .\n"
        "d:und-sun a arg:Undercut ; arg:attacker d:sun ; arg:target d:reb-rain .\n"
    )
    assert problems_of(mini) == []
