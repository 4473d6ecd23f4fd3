"""Safe conditions over document measures: ``caps_ratio > 0.6 and letters >= 20``.

Rule files are untrusted, so a condition is never ``eval``-ed: it is parsed
with :mod:`ast`, only comparisons, ``and``/``or``/``not``, arithmetic,
numbers and known measure names are accepted, and it is compiled once into a
closure that reads measures from the post on demand.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Collection
from typing import Any

_CMP: dict[type, Callable[[Any, Any], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_BIN: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: lambda a, b: a / b if b else 0.0,
}
MAX_LENGTH = 500

Getter = Callable[[str], float]


def compile_condition(source: str, names: Collection[str]) -> tuple[Callable[[Getter], Any], tuple[str, ...]]:
    """Compile ``source``; return ``(evaluate, names used)``.

    ``evaluate(get)`` calls ``get(name)`` for each measure it needs.
    Raises ValueError naming the first unsupported piece.
    """
    if len(source) > MAX_LENGTH:
        raise ValueError(f"condition longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"cannot parse condition {source!r}: {exc.msg}") from None
    used: list[str] = []

    def build(node: ast.AST) -> Callable[[Getter], Any]:
        if isinstance(node, ast.BoolOp):
            parts = [build(v) for v in node.values]
            if len(parts) == 2:  # the common case, without a generator per call
                a, b = parts
                if isinstance(node.op, ast.And):
                    return lambda get: bool(a(get)) and bool(b(get))
                return lambda get: bool(a(get)) or bool(b(get))
            if isinstance(node.op, ast.And):
                return lambda get: all(p(get) for p in parts)
            return lambda get: any(p(get) for p in parts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            inner = build(node.operand)
            return lambda get: not inner(get)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            inner = build(node.operand)
            return lambda get: -inner(get)
        if isinstance(node, ast.Compare):
            left = build(node.left)
            ops = [
                (_CMP[type(op)], build(right)) for op, right in zip(node.ops, node.comparators, strict=True) if type(op) in _CMP
            ]
            if len(ops) != len(node.ops):
                raise ValueError("only <, <=, >, >=, ==, != compare")
            if len(ops) == 1:  # "words >= 12": one comparison, no loop
                ((fn, right),) = ops
                if isinstance(node.left, ast.Name) and isinstance(node.comparators[0], ast.Constant):
                    name, constant = node.left.id, node.comparators[0].value
                    return lambda get: fn(get(name), constant)
                return lambda get: fn(left(get), right(get))

            def compare(get: Getter) -> bool:
                current = left(get)
                for fn, right in ops:
                    value = right(get)
                    if not fn(current, value):
                        return False
                    current = value
                return True

            return compare
        if isinstance(node, ast.BinOp) and type(node.op) in _BIN:
            fn, a, b = _BIN[type(node.op)], build(node.left), build(node.right)
            return lambda get: fn(a(get), b(get))
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            value = node.value
            return lambda get: value
        if isinstance(node, ast.Name):
            if node.id not in names:
                raise ValueError(f"unknown measure '{node.id}' (known: {', '.join(sorted(names))})")
            name = node.id
            if name not in used:
                used.append(name)
            return lambda get: get(name)
        raise ValueError(f"unsupported expression: {ast.unparse(node)!r}")

    return build(tree.body), tuple(used)
