"""What a check says, in Argdown: the fix of a problem found in an .argdown claims file, and the key to look for.

The checks speak Turtle ("add arg:scheme scheme:…"); a person who wrote the file
in Argdown needs the Argdown for it ("name its scheme on the inference line").
speak.json holds each fix's Argdown wording, and the Argdown key that carries
each Turtle term (oa:exact is written source:), so that a problem points at the
line that holds it.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _table() -> dict:
    table = json.loads((Path(__file__).with_name("speak.json")).read_text(encoding="utf-8"))
    table["patterns"] = [(re.compile(pattern), replacement) for pattern, replacement in table["patterns"]]
    return table


def argdown_fix(fix: str) -> str:
    """The fix as a person writing Argdown in argmap's profile does it (the fix itself if it needs no wording)."""
    table = _table()
    if fix in table["exact"]:
        return table["exact"][fix]
    for pattern, replacement in table["patterns"]:
        if pattern.match(fix):
            return pattern.sub(replacement, fix)
    return fix


def argdown_key(term: str) -> str:
    """The Argdown key that carries a Turtle term (`oa:exact` → `source:`), or the term itself."""
    return _table()["keys"].get(term, term)
