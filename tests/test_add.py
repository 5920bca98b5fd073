"""argmap add claim|relation|source: validated before writing, appended in the house style, with who and when."""

import subprocess

from rdflib import Graph

from argmap import find_project, load

AT = "2026-11-24T10:00:00Z"


def _add(argmap_cli, mini, *args):
    return argmap_cli("add", *args, "-C", mini.root, "--by", "Ann Analyst", "--at", AT)


def test_add_claim_prints_its_iri_and_appends_only_the_new_blocks(argmap_cli, mini):
    before = mini.claims.read_text(encoding="utf-8")
    done = _add(argmap_cli, mini, "claim", "--source", "doc", "--kind", "Prediction", "--text", "Clouds will gather.",
                "--quote", "Therefore", "--attacks", "d:inf-blue")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "https://w3id.org/argmap/source/doc#clouds-will-gather"
    after = mini.claims.read_text(encoding="utf-8")
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    assert removed == []
    assert "d:att-clouds-will-gather a arg:Undercut ;" in after
    assert argmap_cli("check", "-C", mini.root).returncode == 0


def test_who_added_a_claim_and_when_is_queryable(argmap_cli, mini):
    _add(argmap_cli, mini, "claim", "--source", "doc", "--kind", "Judgement", "--text", "Going out is wise.",
         "--implicit", "--supports", "d:go-out")
    rows = load(find_project(mini.root)).union().query("""
        PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?who ?when WHERE { <https://w3id.org/argmap/source/doc#going-out-is-wise> prov:wasAttributedTo ?agent ;
            prov:generatedAtTime ?when . ?agent rdfs:label ?who }""")
    assert [(str(who), str(when)) for who, when in rows] == [("Ann Analyst", "2026-11-24T10:00:00+00:00")]


def test_a_quote_not_in_the_source_is_refused_and_nothing_is_written(argmap_cli, mini):
    before = mini.claims.read_bytes()
    done = _add(argmap_cli, mini, "claim", "--source", "doc", "--kind", "FactualClaim", "--text", "Snow.",
                "--quote", "It is snowing")
    assert done.returncode == 2
    assert "the quote does not occur in the text of doc" in done.stderr
    assert mini.claims.read_bytes() == before


def test_an_unknown_target_is_refused_with_the_nearest_names(argmap_cli, mini):
    before = mini.claims.read_bytes()
    done = _add(argmap_cli, mini, "claim", "--source", "doc", "--kind", "FactualClaim", "--text", "Blue.",
                "--implicit", "--supports", "d:go-outt")
    assert done.returncode == 2
    assert "'d:go-outt' does not exist" in done.stderr and "d:go-out" in done.stderr
    assert mini.claims.read_bytes() == before


def test_a_claim_that_would_break_the_check_is_refused(argmap_cli, mini):
    before = mini.claims.read_bytes()
    done = _add(argmap_cli, mini, "claim", "--source", "doc", "--kind", "FactualClaim", "--text", "Rain.",
                "--quote", "Rain is coming.")
    assert done.returncode == 2 and "nothing was added" in done.stderr
    assert mini.claims.read_bytes() == before


def test_without_a_terminal_a_missing_option_is_an_error_not_a_prompt(argmap_cli, mini):
    done = _add(argmap_cli, mini, "claim", "--source", "doc", "--kind", "FactualClaim", "--implicit")
    assert done.returncode == 2 and "missing --text" in done.stderr


def test_add_relation_makes_an_undercut_of_an_attack(argmap_cli, mini):
    done = _add(argmap_cli, mini, "relation", "attack", "--source", "doc", "--attacker", "d:blue", "--target", "d:reb-rain")
    assert done.returncode == 0, done.stderr
    assert "d:att-reb-rain a arg:Undercut ;" in mini.claims.read_text(encoding="utf-8")


def test_add_source_then_a_claim_from_it(argmap_cli, mini, tmp_path):
    text = tmp_path / "essay.txt"
    text.write_text("Taxes should be simple. Simple rules are kept.\n", encoding="utf-8")
    done = _add(argmap_cli, mini, "source", "--slug", "tax-essay", "--title", "On Taxes", "--author", "Ann Smith",
                "--text", text)
    assert done.returncode == 0, done.stderr
    assert (mini.root / "claims" / "sources" / "tax-essay.txt").read_text(encoding="utf-8") == text.read_text(encoding="utf-8")
    done = _add(argmap_cli, mini, "claim", "--source", "tax-essay", "--kind", "Judgement", "--text", "Taxes should be simple.",
                "--quote", "Taxes should be simple.")
    assert done.returncode == 0, done.stderr
    assert "takes part in no inference" in done.stderr  # a first claim stands alone until the next links to it
    done = _add(argmap_cli, mini, "claim", "--source", "tax-essay", "--kind", "FactualClaim", "--text", "Simple rules are kept.",
                "--quote", "Simple rules are kept.", "--supports", "te:taxes-should-be-simple")
    assert done.returncode == 0, done.stderr
    assert "te:taxes-should-be-simple a arg:Judgement ;" in (mini.root / "claims" / "tax-essay.ttl").read_text(encoding="utf-8")
    assert argmap_cli("check", "-C", mini.root).returncode == 0


def test_a_thesis_may_come_first_and_its_support_after(argmap_cli, mini, tmp_path):
    text = tmp_path / "essay.txt"
    text.write_text("Tariffs raise prices. So tariffs should be cut.\n", encoding="utf-8")
    assert _add(argmap_cli, mini, "source", "--slug", "tariffs", "--title", "On Tariffs", "--author", "Ann Smith",
                "--text", text).returncode == 0
    done = _add(argmap_cli, mini, "claim", "--source", "tariffs", "--kind", "Thesis", "--text", "Tariffs ought to go.",
                "--quote", "tariffs should be cut", "--name", "cut-tariffs")
    assert done.returncode == 0, done.stderr
    assert "thesis is not supported by any inference" in done.stderr  # a note while the map grows
    assert argmap_cli("check", "-C", mini.root).returncode == 1  # a finished map must support its thesis
    done = _add(argmap_cli, mini, "claim", "--source", "tariffs", "--kind", "FactualClaim", "--text", "Prices go up.",
                "--quote", "Tariffs raise prices.", "--supports", "t:cut-tariffs")
    assert done.returncode == 0, done.stderr
    assert argmap_cli("check", "-C", mini.root).returncode == 0


def test_add_relation_refuses_a_critical_question_given_as_its_scheme(argmap_cli, mini):
    done = _add(argmap_cli, mini, "relation", "support", "--source", "doc", "--premise", "d:rain", "--conclusion",
                "d:go-out", "--scheme", "scheme:practical-reasoning-cq5")
    assert done.returncode == 2 and "is not of the kind arg:Scheme" in done.stderr
    assert "scheme:practical-reasoning" in done.stderr.split("such as", 1)[1] and "Traceback" not in done.stderr
