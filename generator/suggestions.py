"""Guess what an editor meant: the known word one or two typing mistakes away from what they wrote."""

from __future__ import annotations

from collections.abc import Iterable


def edit_distance(a: str, b: str, limit: int) -> int:
    """Insertions, deletions, substitutions and swaps of neighbours from `a` to `b`.

    Stops early (answering `limit + 1`) once every alignment costs more than `limit`.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            if before is not None and i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def nearest(value: str, known: Iterable[str]) -> str | None:
    """The one known word closest to `value`: one edit away for short words, two for longer."""
    limit = 1 if len(value) <= 4 else 2
    folded = value.casefold()
    best: tuple[int, str] | None = None
    for word in known:
        if word == value:
            return None
        distance = edit_distance(folded, word.casefold(), limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, word)
    return None if best is None else best[1]
