"""The `argmap` command: parse arguments, call the library, print, exit.

Each module registers its commands on the group in app.py when it is imported.
"""

from . import exchange, extend, questions, serve, stages  # noqa: F401  (registers the commands)
from .app import main

__all__ = ["main"]
