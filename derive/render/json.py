"""JSON output: the contract other tools read (documented in the README)."""

from __future__ import annotations

import json

from sympy import sstr

from ..engine.derivation import Derivation, Line
from ..engine.forms import as_written
from ..engine.rules import Rule
from .latex import latex, line_latex
from .numbers import numbers
from .facts import facts
from .linear import linear, note_text


def _str(expr) -> str:
    """SymPy's own syntax, as written: lines keep their order and grouping."""
    return sstr(expr, order="none")


def _plain(expr) -> str:
    """SymPy's own syntax for an evaluated expression, in printing order."""
    return _str(as_written(expr))


def line_data(line: Line, mapping: dict | None = None) -> dict:
    """One line; its ``latex`` is what ``--format latex`` writes for it (unbroken), from
    the same function, with the numbers of the derivation the line belongs to."""
    return {
        "lhs": linear(line.lhs) if line.lhs is not None else "",
        "latex": line_latex(line.rhs, mapping or {}),
        "expr": _str(line.rhs),
        "rule": line.rule,
        "explanation": note_text(line.note),
        "check": line.check.verdict if line.check else None,
    }


def steps_data(rule: Rule) -> dict:
    return {
        "rule": rule.id,
        "expr": _plain(rule.expr),
        "var": _plain(rule.var),
        "result": _plain(rule.eval()),
        "substeps": [steps_data(s) for s in rule.substeps],
    }


def derivation_data(d: Derivation, mapping: dict | None = None) -> dict:
    """``mapping``: the numbers of the whole derivation, for a piece's (as --format latex)."""
    w = d.no_form_in_g
    mapping = numbers(d) if mapping is None else mapping
    return {
        "name": d.name,
        "variable": str(d.var),
        "order": d.order,
        "parameters": {name: _str(value) for name, value in d.params},
        "source": d.source or None,
        "same_as": d.same_as,
        "definition": _plain(d.definition),
        "lines": [line_data(line, mapping) for line in d.lines],
        "derivative": _plain(d.derivative),
        "in_terms_of_g": _str(d.in_terms_of_g) if d.in_terms_of_g is not None else None,
        "in_terms_of_g_and_z": _str(d.in_terms_of_g_and_z) if d.in_terms_of_g_and_z is not None else None,
        "no_form_in_g": None if w is None else {
            "z": [w.first, w.second], "g": w.value, "slopes": list(w.slopes),
        },
        "in_terms_of_g_cases": [{"form": _str(f), "condition": linear(c, unicode=False)}
                                for f, c in d.in_terms_of_g_cases],
        "in_g_remark": d.in_g_remark or None,
        "uses_z": d.uses_var,
        "branches": [
            {"interval": [_str(b.low), _str(b.high)], "condition": linear(b.condition(d.var), unicode=False),
             **derivation_data(b.derivation, mapping)}
            for b in d.branches
        ],
        "kinks": [
            {"point": _str(k.point), "value": _str(k.value), "limits": [_str(k.left), _str(k.right)],
             "slopes": [_str(k.left_slope), _str(k.right_slope)], "continuous": k.continuous,
             "differentiable": k.differentiable,
             "pytorch": _str(k.framework) if k.framework is not None else None}
            for k in d.kinks
        ],
        "alternatives": [{"expr": _str(form), "latex": latex(form), "text": linear(form), "name": name}
                         for form, name in d.alternatives],
        "facts": [note_text(f) for f in facts(d)],
        "steps": steps_data(d.step_tree) if d.steps is not None else None,
    }


def dumps(d: Derivation) -> str:
    return json.dumps(derivation_data(d), indent=2, ensure_ascii=False)
