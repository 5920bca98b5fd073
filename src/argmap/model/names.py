"""Names for new nodes: readable local names from a text, kept unique, and short labels."""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str, words: int = 6, limit: int = 60) -> str:
    """A readable local name from a text: its first words, lower case, hyphenated, ASCII."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())[:words]
    slug = "-".join(parts)[:limit].strip("-")
    return slug or "claim"


def unique(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3` …, whichever is not taken; records it as taken."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def clip(text: str, limit: int = 70) -> str:
    """A label from a text: the whole text if short, else its first words and an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def local_name(node) -> str:
    text = str(node)
    return re.split(r"[#/]", text)[-1] or text


def nearest(name: str, candidates, n: int = 3) -> list[str]:
    """The candidates most like `name` (a misspelling, a part of the name, another case), best first."""
    import difflib

    pool = sorted(set(candidates))
    folded = {c.casefold(): c for c in pool}
    close = [folded[c] for c in difflib.get_close_matches(name.casefold(), list(folded), n=n, cutoff=0.6)]
    within = [c for c in pool if name.casefold() in c.casefold() or c.casefold() in name.casefold()]
    return list(dict.fromkeys(close + within))[:n]


def suggestion(name: str, candidates, listing: str) -> str:
    """A fix that names the nearest candidates, or says where the whole list is when none is near."""
    near = nearest(name, candidates)
    if not near:
        return listing
    return f"did you mean {', '.join(near[:-1]) + ' or ' if len(near) > 1 else ''}{near[-1]}? ({listing})"
