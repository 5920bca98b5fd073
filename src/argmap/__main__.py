"""`python -m argmap`: the same as the `argmap` command."""

from .cli.main import main

main(prog_name="argmap")
