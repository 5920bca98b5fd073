"""The `argmap` command: help on every command, and exit status 0, 1 or 2 as documented."""

from __future__ import annotations

import pytest

from argmap.cli import main


COMMANDS = ["check", "reason", "build", "export"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command, argmap_cli):
    result = argmap_cli(command, "--help")
    assert result.returncode == 0
    assert "Example:" in result.stdout


def test_check_exits_0_when_clean(mini, argmap_cli):
    result = argmap_cli("check", "-C", mini.root)
    assert (result.returncode, result.stdout.strip()) == (0, "ok: the data conforms")


def test_check_exits_1_and_prints_the_report_when_data_does_not_conform(mini, argmap_cli):
    mini.replace('oa:exact "we should go out"', 'oa:exact "we shall go out"')
    result = argmap_cli("check", "-C", mini.root)
    assert result.returncode == 1
    assert "claims/doc.ttl:" in result.stdout
    assert result.stdout.strip().endswith("1 problem found")


def test_check_exits_2_with_one_line_when_it_cannot_run(tmp_path, argmap_cli):
    result = argmap_cli("check", "-C", tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "not an argmap project" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_json_output_lists_problems(mini, argmap_cli):
    import json

    mini.replace('    rdfs:label "Rain is coming"@en ;\n', "")
    result = argmap_cli("check", "-C", mini.root, "--format", "json")
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    assert report["problems"][0]["subject"] == "d:rain"


def test_build_prints_the_index_path(mini, tmp_path, argmap_cli):
    result = argmap_cli("build", "-C", mini.root, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "out" / "index.html")


def test_build_exits_1_without_writing_when_data_does_not_conform(mini, tmp_path, argmap_cli):
    mini.replace("arg:premise d:blue ;", "arg:premise d:bleu ;")
    result = argmap_cli("build", "-C", mini.root, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "refers to d:bleu" in result.stdout
    assert not (tmp_path / "out").exists()


def test_reason_exits_1_on_inconsistent_data(mini, argmap_cli):
    mini.append('ent:odd a arg:State , arg:Agreement ; rdfs:label "Odd"@en ; rdfs:comment "Both."@en .\n')
    result = argmap_cli("reason", "-C", mini.root)
    assert result.returncode == 1
    assert "inconsistent" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_rejects_an_unknown_format(mini, argmap_cli):
    result = argmap_cli("export", "-C", mini.root, "--format", "xml")
    assert result.returncode == 2
    assert "Invalid value for '-f' / '--format'" in result.stderr


def test_python_dash_m_is_the_same_command(argmap_cli):
    assert argmap_cli("--version").stdout.startswith("argmap, version ")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme(repository, command):
    assert f"argmap {command} " in (repository / "README.md").read_text()


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help(argmap_cli, command):
    result = argmap_cli(command, "--help")
    assert result.returncode == 0 and "Usage: argmap" in result.stdout


def test_readme_quickstart_is_make_demo_and_make_test(repository):
    readme = (repository / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (repository / ".ci" / "run").read_text()


@pytest.mark.parametrize("command", ["check", "reason", "eval", "build", "export", "query", "draw", "import", "serve",
                                     "publish", "add claim", "add relation", "add source"])
def test_every_command_names_the_project_with_dash_c(command, argmap_cli):
    assert "-C, --project DIR" in argmap_cli(*command.split(), "--help").stdout


def test_a_folder_given_where_a_command_takes_none_gets_the_dash_c_advice(mini, argmap_cli):
    result = argmap_cli("check", mini.root)
    assert result.returncode == 2
    assert f"name the project with -C, as in argmap check -C {mini.root}" in result.stderr


def test_a_command_outside_any_project_says_which_data_it_used(tmp_path, argmap_cli):
    result = argmap_cli("query", "theses", cwd=tmp_path)
    assert result.returncode == 0
    assert f"note: {tmp_path} is not an argmap project" in result.stderr and "the data argmap ships with" in result.stderr


def test_a_full_disk_met_anywhere_is_one_line_naming_the_file_and_exit_2(mini, monkeypatch):
    import errno

    from click.testing import CliRunner

    import argmap.model.load

    def full(project):
        raise OSError(errno.ENOSPC, "No space left on device", "/var/cache/somewhere.db")

    monkeypatch.setattr(argmap.model.load, "load", full)
    result = CliRunner().invoke(main, ["check", "-C", str(mini.root)])
    assert result.exit_code == 2
    assert result.stderr == ("argmap: error: /var/cache/somewhere.db: no space left on device — free some space on that disk "
                             "(or write somewhere else) and run the command again\n")


def test_any_other_os_error_is_a_bug_and_keeps_its_traceback(mini, monkeypatch):
    import errno

    from click.testing import CliRunner

    import argmap.model.load

    def broken(project):
        raise OSError(errno.EBADF, "Bad file descriptor")

    monkeypatch.setattr(argmap.model.load, "load", broken)
    result = CliRunner().invoke(main, ["check", "-C", str(mini.root)])
    assert isinstance(result.exception, OSError) and result.exception.errno == errno.EBADF
