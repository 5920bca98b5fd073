"""`python -m argmap`: the same as the `argmap` command."""

from .cli import main

main(prog_name="argmap")
