"""ICCMA's framework files (.apx, .tgf, .af): read, written, read back, and refused with the line when wrong.

The good files follow ICCMA's rules (the 2023 example is the one the rules
give); pygarg's own parsers of .apx and of the 2023 format (which it calls
dimacs) are the reference readers for what argmap writes.
"""

from __future__ import annotations

import random

import pytest

from argmap.errors import InputError, ParseError
from argmap.evaluation.iccma import Framework, detect_format, parse_af, parse_apx, parse_tgf, read_framework, write_framework

# ICCMA 2023's rules: five arguments a..e as 1..5, attacks a→b, b→d, d→e, e→d, e→e
ICCMA_2023_EXAMPLE = "p af 5\n# this is a comment\n1 2\n2 4\n4 5\n5 4\n5 5\n"


def test_the_af_example_of_the_iccma_2023_rules():
    framework = parse_af(ICCMA_2023_EXAMPLE)
    assert framework.arguments == ("1", "2", "3", "4", "5")
    assert framework.attacks == (("1", "2"), ("2", "4"), ("4", "5"), ("5", "4"), ("5", "5"))


def test_af_with_no_attacks_and_the_empty_af():
    assert parse_af("p af 3\n").arguments == ("1", "2", "3")
    assert parse_af("p af 0\n") == Framework((), (), "<af>")


def test_apx_reads_arguments_and_attacks_with_comments_spaces_and_several_statements_a_line():
    framework = parse_apx("% a comment\narg(a). arg(b).\narg( c ).\n\natt(a,b). att(b , c).\natt(c,c).\n")
    assert framework.arguments == ("a", "b", "c")
    assert framework.attacks == (("a", "b"), ("b", "c"), ("c", "c"))


def test_apx_names_may_be_numbers_or_carry_dots_and_dashes():
    assert parse_apx("arg(1).arg(a.1).arg(x-y).att(1,a.1).").arguments == ("1", "a.1", "x-y")


def test_tgf_reads_arguments_then_attacks_and_ignores_labels():
    framework = parse_tgf("a first\nb\nc\n#\na b attacks\nb c\n")
    assert framework.arguments == ("a", "b", "c")
    assert framework.attacks == (("a", "b"), ("b", "c"))


def test_tgf_without_attacks_needs_no_separator():
    assert parse_tgf("a\nb\n") == Framework(("a", "b"), (), "<tgf>")


def test_repeated_attacks_count_once():
    assert parse_af("p af 2\n1 2\n1 2\n").attacks == (("1", "2"),)


BAD = [
    ("apx", "arg(a).\natt(a,b).\n", 2, "att(a,b) names b, which no arg(b). declares"),
    ("apx", "arg(a)\n", 1, "cannot read 'arg(a)' as an .apx statement"),
    ("apx", "arg(a).\nargument(b).\n", 2, "unknown statement argument(…)"),
    ("apx", "arg(a,b).\n", 1, "arg(a,b) needs 1 argument name"),
    ("apx", "arg(a).\natt(a).\n", 2, "att(a) needs 2 argument names"),
    ("apx", "arg(a b).\n", 1, "needs 1 argument name"),
    ("tgf", "a\n#\na\n", 3, "names one argument"),
    ("tgf", "a\n#\na b\n", 3, "names b, which is not declared above the line #"),
    ("tgf", "a\n#\n#\n", 3, "a second line #"),
    ("af", "1 2\np af 2\n", 1, "comes before the p-line"),
    ("af", "p af 2\n1 3\n", 2, "argument 3 is out of range: the p-line declares arguments 1 to 2"),
    ("af", "p af 2\n0 1\n", 2, "argument 0 is out of range"),
    ("af", "p af two\n", 1, "cannot read the p-line"),
    ("af", "p aba 2\n", 1, "cannot read the p-line"),
    ("af", "p af 2\np af 2\n", 2, "a second p-line"),
    ("af", "p af 2\n1 2 3\n", 2, "cannot read '1 2 3' as an attack"),
    ("af", "p af 2\n1 -2\n", 2, "cannot read '1 -2' as an attack"),
    ("af", "p af 2\n1 ²\n", 2, "cannot read '1 ²' as an attack"),
]


@pytest.mark.parametrize("fmt, text, line, what", BAD, ids=[f"{f}:{w[:30]}" for f, _, _, w in BAD])
def test_a_bad_file_is_refused_with_its_line_what_is_wrong_and_a_fix(tmp_path, fmt, text, line, what):
    path = tmp_path / f"framework.{fmt}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParseError) as raised:
        read_framework(path)
    assert raised.value.line == line and what in raised.value.what
    assert str(raised.value).startswith(f"{path}:{line}: ") and raised.value.fix


def test_an_af_file_without_a_p_line_is_refused(tmp_path):
    path = tmp_path / "x.af"
    path.write_text("# only a comment\n", encoding="utf-8")
    with pytest.raises(ParseError, match="no p-line"):
        read_framework(path)


def test_a_file_that_is_not_utf8_is_refused_with_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "x.apx"
    path.write_bytes(b"arg(a).\narg(\xff).\n")
    with pytest.raises(ParseError) as raised:
        read_framework(path)
    assert raised.value.line == 2 and "not UTF-8" in raised.value.what


def test_a_missing_file_or_a_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read the framework"):
        read_framework(tmp_path / "missing.apx")
    with pytest.raises(InputError, match="is a folder"):
        read_framework(tmp_path)


@pytest.mark.parametrize("name, text, expected", [
    ("x.apx", "", "apx"), ("x.tgf", "", "tgf"), ("x.af", "", "af"), ("x.AF", "", "af"),
    ("x.txt", "# c\np af 2\n1 2\n", "af"), ("x.txt", "arg(a).\n", "apx"), ("x", "a\nb\n#\na b\n", "tgf"),
    ("x.i23", "p af 1\n", "af"),
])
def test_the_format_is_known_by_extension_else_by_content(tmp_path, name, text, expected):
    assert detect_format(tmp_path / name, text) == expected


def random_framework(rng: random.Random) -> Framework:
    arguments = tuple(f"a{i}" for i in range(rng.randint(0, 12)))
    attacks = tuple(dict.fromkeys((x, y) for x in arguments for y in arguments if rng.random() < 0.2))
    return Framework(arguments, attacks)


@pytest.mark.parametrize("fmt", ["apx", "tgf", "af"])
def test_what_argmap_writes_it_reads_back_as_the_same_framework(tmp_path, fmt):
    rng = random.Random(3)
    for i in range(40):
        framework = random_framework(rng)
        path = tmp_path / f"f{i}.{fmt}"
        path.write_text(write_framework(framework, fmt), encoding="utf-8")
        back = read_framework(path)
        if fmt == "af":  # .af numbers the arguments in order
            number = {a: str(n) for n, a in enumerate(framework.arguments, 1)}
            framework = Framework(tuple(number.values()), tuple((number[a], number[b]) for a, b in framework.attacks))
        assert (back.arguments, back.attacks) == (framework.arguments, framework.attacks)
        assert write_framework(back, fmt) == path.read_text(encoding="utf-8") or fmt == "af"


def test_writing_is_deterministic():
    framework = parse_apx("arg(b). arg(a). att(b,a). att(a,a).")
    assert write_framework(framework, "apx") == "arg(b).\narg(a).\natt(b,a).\natt(a,a).\n"
    assert write_framework(framework, "af") == "p af 2\n# 1 b\n# 2 a\n1 2\n2 2\n"


def test_a_name_a_format_cannot_carry_is_refused_with_a_fix():
    with pytest.raises(InputError, match="cannot be written in .apx") as raised:
        write_framework(Framework(("a b",), ()), "apx")
    assert "write .af" in str(raised.value)
    with pytest.raises(InputError, match="cannot be written in .tgf"):
        write_framework(Framework(("#",), ()), "tgf")


def test_pygarg_reads_the_apx_and_af_argmap_writes_as_argmap_does(tmp_path):
    from pygarg.dung import apx_parser, dimacs_parser

    rng = random.Random(8)
    for i in range(20):
        framework = random_framework(rng)
        apx, af = tmp_path / f"f{i}.apx", tmp_path / f"f{i}.af"
        apx.write_text(write_framework(framework, "apx"), encoding="utf-8")
        af.write_text(write_framework(framework, "af"), encoding="utf-8")
        arguments, attacks = apx_parser.parse(str(apx))
        assert (tuple(arguments), tuple(map(tuple, attacks))) == (framework.arguments, framework.attacks)
        ours = read_framework(af)
        arguments, attacks = dimacs_parser.parse(str(af))
        assert (tuple(arguments), tuple(map(tuple, attacks))) == (ours.arguments, ours.attacks)


def test_an_argument_is_named_as_in_the_file_and_a_wrong_name_gets_the_nearest():
    framework = parse_apx("arg(alpha). arg(beta).")
    assert framework.argument("beta") == "beta"
    with pytest.raises(InputError, match="did you mean alpha"):
        framework.argument("alpa")


def test_windows_line_ends_and_a_byte_order_mark_are_read(tmp_path):
    path = tmp_path / "x.af"
    path.write_bytes(b"\xef\xbb\xbfp af 2\r\n# c\r\n1 2\r\n")
    assert read_framework(path).attacks == (("1", "2"),)


def test_an_af_that_declares_absurdly_many_arguments_is_refused_before_they_are_made():
    with pytest.raises(ParseError, match="more than argmap takes"):
        parse_af("p af 99999999999\n1 2\n", "x.af")
