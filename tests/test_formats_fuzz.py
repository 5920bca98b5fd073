"""Importers meet random and truncated input with a ParseError, never a traceback (hypothesis)."""

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Namespace

from argmap.errors import InputError
from argmap.exchange.formats import aif, argdown
from argmap.exchange.formats.common import ReadOptions

OPTIONS = ReadOptions(namespace=Namespace("https://w3id.org/argmap/source/fuzz#"))
SAMPLE_AIF = (Path(__file__).parent / "corpora" / "aif" / "microtexts-nodeset6365.json").read_text(encoding="utf-8")
SAMPLE_ARGDOWN = (Path(__file__).parent / "corpora" / "argdown" / "cli-1.7.5-json" / "parser-arguments.json").read_text(encoding="utf-8")
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                               st.sampled_from(["nodes", "edges", "locutions", "AIF", "nodeID", "type", "text", "fromID",
                                                "toID", "statements", "arguments", "relations", "pcs", "role", "title"]),
                               inner, max_size=5), max_leaves=20)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _reads_or_refuses(reader, text):
    try:
        reader.read(text, OPTIONS)
    except InputError:
        pass


@FUZZ
@given(st.integers(min_value=0, max_value=len(SAMPLE_AIF)))
def test_truncated_aif_is_read_or_refused(cut):
    _reads_or_refuses(aif, SAMPLE_AIF[:cut])


@FUZZ
@given(JSON_VALUES)
def test_random_json_is_read_or_refused_as_aif(value):
    _reads_or_refuses(aif, json.dumps(value))


@FUZZ
@given(st.integers(min_value=0, max_value=len(SAMPLE_ARGDOWN)))
def test_truncated_argdown_json_is_read_or_refused(cut):
    text = SAMPLE_ARGDOWN[:cut]
    if text.lstrip().startswith("{"):  # anything else would go to the Argdown tool
        _reads_or_refuses(argdown, text)


@FUZZ
@given(JSON_VALUES.filter(lambda v: isinstance(v, dict)))
def test_random_json_is_read_or_refused_as_argdown(value):
    _reads_or_refuses(argdown, json.dumps(value))
