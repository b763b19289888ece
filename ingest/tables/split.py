"""Assign a row's printed value tokens to its cells, splitting run-together digits.

Scraped pages often lose the separators between cells: '一、本年新收…数量2000002'
is seven cells 2|0|0|0|0|0|2. A token may then hold several cells. Every way of
cutting the tokens into exactly `n` cells is enumerated (a multi-digit cell never
starts with 0; a sign starts a cell; a decimal part or unit stays with the last cell).
Exactly one way → those cells. Several ways → the row's own arithmetic (e.g. the
last cell is the sum of the six before) must leave exactly one, else the row stays
absent: a wrong number is far worse than a missing one. The arithmetic is only used
to choose between readings, never to reject or correct a printed row.
"""
from __future__ import annotations

import re
from operator import itemgetter
from typing import Callable

from ingest.tables.stream import Token

# A run of digits that may hold several cells. A sign or change word (增/减) starts
# the first of them: '减280' may be 减280, or 减28 then 0, or 减2 then 80.
_SPLITTABLE = re.compile(r"(?P<sign>增加|减少|[增减+\-]?)(?P<digits>\d+)(?P<tail>(?:\.\d+)?(?:万元|亿元|元)?)")
_text = itemgetter(0)  # Token.text
# Beyond this many possible readings the row is ambiguous whatever its arithmetic.
_MAX_READINGS = 5000


def _pieces(token: Token, k: int) -> list[list[str]] | None:
    """All ways to cut one token into k cells (None when it cannot be cut)."""
    if k == 1:
        return [[token.text]]
    m = _SPLITTABLE.fullmatch(token.text)
    if not m:
        return None
    sign, digits, tail = m["sign"], m["digits"], m["tail"]
    if len(digits) < k:
        return None
    out: list[list[str]] = []
    # Choose k-1 cut points among len(digits)-1 gaps, iteratively (no recursion).
    stack: list[tuple[int, list[str]]] = [(0, [])]
    while stack:
        i, acc = stack.pop()
        left = k - len(acc)
        if left == 1:
            piece = digits[i:]
            if len(piece) > 1 and piece[0] == "0":
                continue
            out.append(acc + [piece])
            continue
        for j in range(i + 1, len(digits) - left + 2):
            piece = digits[i:j]
            if len(piece) > 1 and piece[0] == "0":
                break
            stack.append((j, acc + [piece]))
        if len(out) > _MAX_READINGS:
            return out
    for cells in out:
        cells[0] = sign + cells[0]
        cells[-1] = cells[-1] + tail
    return out


def _counts(tokens: list[Token], n: int):
    """Every way of giving each token a number of cells (≥1) that sums to n."""
    caps = []
    for t in tokens:
        m = _SPLITTABLE.fullmatch(t.text)
        caps.append(len(m["digits"]) if m else 1)
    if len(tokens) > n or sum(caps) < n:
        return
    stack = [(0, [])]
    while stack:
        i, acc = stack.pop()
        if i == len(tokens):
            if sum(acc) == n:
                yield acc
            continue
        rest_min = len(tokens) - i - 1
        used = sum(acc)
        for k in range(1, caps[i] + 1):
            if used + k + rest_min > n:
                break
            stack.append((i + 1, acc + [k]))


def assign(tokens: list[Token], n: int,
           check: Callable[[list[str]], bool] | None = None) -> list[tuple[str, int]] | None:
    """The n cells (text, stream offset) of a row, or None when not certain."""
    cells, _ = assign_with_basis(tokens, n, check)
    return cells


def assign_with_basis(tokens: list[Token], n: int,
                      check: Callable[[list[str]], bool] | None = None):
    """(cells or None, True when the row's arithmetic chose among several readings)."""
    if len(tokens) == n and not any(map(_leading_zero, map(_text, tokens))):
        return [(t.text, t.pos) for t in tokens], False
    if sum(len(t.text) for t in tokens) == n and all(t.text.isdigit() for t in tokens):
        # One digit per cell: the only reading (the usual flattened row, '2000002').
        return [(d, t.pos) for t in tokens for d in t.text], False
    readings: list[list[tuple[str, int]]] = []
    for counts in _counts(tokens, n):
        options = []
        for t, k in zip(tokens, counts):
            p = _pieces(t, k)
            if not p:
                break
            options.append([(cells, t.pos) for cells in p])
        else:
            # Cartesian product of the per-token cuts, built iteratively.
            combos: list[list[tuple[str, int]]] = [[]]
            for opts in options:
                combos = [c + [(cell, pos) for cell in cells] for c in combos for cells, pos in opts]
                if len(combos) > _MAX_READINGS:
                    return None, False
            readings.extend(combos)
            if len(readings) > _MAX_READINGS:
                return None, False
    if len(readings) == 1:
        return readings[0], False
    if len(readings) > 1 and check is not None:
        fitting = [r for r in readings if _safe_check(check, [c for c, _ in r])]
        if len(fitting) == 1:
            return fitting[0], True
    return None, False


def _leading_zero(text: str) -> bool:
    if len(text) < 2 or "0" not in text:
        return False  # no multi-digit run that starts with 0
    m = _SPLITTABLE.fullmatch(text)
    return bool(m) and len(m["digits"]) > 1 and m["digits"][0] == "0" and not m["tail"].startswith(".")


def _safe_check(check, cells: list[str]) -> bool:
    try:
        return check(cells)
    except (ValueError, TypeError):
        return False
