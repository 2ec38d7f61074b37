"""Independent review harness for derive's chains (review4).

Runs `python -m derive ... --format json --no-cache`, parses every printed line
(JSON `expr` strings with sympy's parse_expr, LaTeX with latex2sympy2_extended) in
THIS harness only, and checks at random points of both signs:
  * each line in a block headed g(z) / g'(z) / g''(z) ... equals sympy's truth
    (the formula typed by the reviewer, differentiated by sympy.diff),
  * the form in g (and in g and z, and the cases) equals g^(n) with g substituted,
  * each LaTeX line, read back, equals the JSON line.
"""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys

import mpmath
import sympy as sp
from sympy.parsing.sympy_parser import parse_expr, standard_transformations

WT = "/work/wt/review4"
z = sp.Symbol("z", real=True)

FUNCS = {
    "exp": sp.exp, "log": sp.log, "sqrt": sp.sqrt, "Abs": sp.Abs, "sign": sp.sign,
    "tanh": sp.tanh, "sinh": sp.sinh, "cosh": sp.cosh, "sech": sp.sech, "sin": sp.sin,
    "cos": sp.cos, "tan": sp.tan, "atan": sp.atan, "asinh": sp.asinh, "erf": sp.erf,
    "erfc": sp.erfc, "Max": sp.Max, "Min": sp.Min, "Piecewise": sp.Piecewise,
    "Heaviside": sp.Heaviside, "Derivative": sp.Derivative, "pi": sp.pi, "E": sp.E,
    "Eq": sp.Eq, "Ne": sp.Ne, "True": True, "False": False, "oo": sp.oo,
    "Rational": sp.Rational, "Integer": sp.Integer, "Float": sp.Float, "sec": sp.sec,
    "csch": sp.csch, "coth": sp.coth, "asin": sp.asin, "acos": sp.acos, "cot": sp.cot,
    "atanh": sp.atanh, "acosh": sp.acosh, "re": sp.re, "im": sp.im, "I": sp.I,
    "floor": sp.floor, "ceiling": sp.ceiling, "LambertW": sp.LambertW, "exp_polar": sp.exp_polar,
    "root": sp.root, "erfinv": sp.erfinv, "Pow": sp.Pow, "Mul": sp.Mul, "Add": sp.Add,
    "sigmoid": lambda x: 1 / (1 + sp.exp(-x)),
    "softplus": lambda x: sp.log(1 + sp.exp(x)),
}


def parse_line(s: str, g_def=None, gfun_vals=None):
    """Parse a sympy-str line (harness only). g(z) -> the definition."""
    s = re.sub(r"\blambda\b", "lambda_", s)
    names = set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", s))
    local = {}
    for n in names:
        if n in FUNCS:
            local[n] = FUNCS[n]
        elif n == "z":
            local[n] = z
        elif n == "g" and g_def is not None:
            local[n] = sp.Lambda(z, g_def) if re.search(r"\bg\(", s) else g_def
        else:
            local[n] = sp.Symbol(n, positive=True)
    return parse_expr(s, local_dict=local, global_dict={"Integer": sp.Integer, "Float": sp.Float,
                      "Rational": sp.Rational, "Symbol": sp.Symbol}, transformations=standard_transformations)


def value(expr, at: dict, dps=30):
    e = expr
    if e.has(sp.Derivative):
        e = e.doit()
    e = e.subs(at)
    with mpmath.workdps(dps):
        v = sp.N(e, dps)
    return complex(v) if v.is_number else None


def points(n=8, seed=1):
    rnd = random.Random(seed)
    pts = []
    for i in range(n):
        mag = rnd.choice([0.1, 0.5, 1.0, 2.0, 3.5])
        x = rnd.uniform(0.05, 1.0) * mag
        pts.append(sp.Rational(str(round(x if i % 2 else -x, 6))))
    return pts


def close(a, b, tol=1e-12):
    if a is None or b is None:
        return a is b
    return abs(a - b) <= tol * (1 + abs(b))


def run(args: list[str], timeout=60):
    p = subprocess.run([sys.executable, "-m", "derive", *args, "--no-cache"], cwd=WT,
                       capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


DERIV_LHS = re.compile(r"^g('*)\(z\)$|^g\^\{?\((\d+)\)\}?\(z\)$")


def order_of(lhs: str):
    if lhs == "g(z)":
        return 0
    m = re.fullmatch(r"g('+)\(z\)", lhs)
    if m:
        return len(m.group(1))
    m = re.fullmatch(r"g\^?\(?(\d+)\)?\(z\)", lhs) or re.fullmatch(r"g\^\((\d+)\)\(z\)", lhs)
    if m:
        return int(m.group(1))
    return None


def param_value(name, params_at):
    if name in params_at:
        return params_at[name]
    name = name.rstrip("_")
    if name in params_at:
        return params_at[name]
    return sp.Rational(7, 5) + sp.Rational(sum(map(ord, name)) % 7, 3)


def fix_params(e, params_at):
    return e.subs({s: param_value(str(s), params_at) for s in e.free_symbols if s != z})


def check_json(truth, d, params_at, order, problems, tag=""):
    """truth: sympy expr in z (and positive symbols). d: derive's json dict."""
    syms = sorted(truth.free_symbols - {z}, key=str)
    at_params = {s: param_value(str(s), params_at) for s in syms}
    derivs = {0: truth}
    for k in range(1, order + 1):
        derivs[k] = sp.diff(derivs[k - 1], z)
    pts = points()
    cur = None
    for i, line in enumerate(d["lines"]):
        if line["lhs"]:
            cur = order_of(line["lhs"])
            if cur is None:
                problems.append(f"{tag}line {i}: unknown lhs {line['lhs']!r}")
                continue
        if cur is None:
            continue
        try:
            e = parse_line(line["expr"], g_def=truth)
        except Exception as ex:  # noqa
            problems.append(f"{tag}line {i}: harness could not parse {line['expr']!r}: {ex}")
            continue
        e = fix_params(e, params_at)
        t = derivs[cur].subs(at_params)
        for p in pts:
            try:
                a = value(e, {z: p}); b = value(t, {z: p})
            except Exception as ex:  # noqa
                problems.append(f"{tag}line {i}: eval error at z={p}: {ex}")
                break
            if not close(a, b):
                problems.append(f"{tag}S1? line {i} ({line['rule']}) {line['expr']!r} != g^({cur}) at z={p}: {a} vs {b}")
                break
        # LaTeX read-back
        lat = line.get("latex")
        if lat:
            try:
                le = parse_tex(lat, truth)
                le = fix_params(le, params_at)
                for p in pts[:4]:
                    a = value(le.subs(sp.Symbol("z"), z), {z: p}); b = value(t, {z: p})
                    if not close(a, b, 1e-9):
                        problems.append(f"{tag}LATEX? line {i}: {lat!r} reads as {le} : {a} vs {b} at z={p}")
                        break
            except Exception as ex:  # noqa
                problems.append(f"{tag}latex-unparsed line {i}: {lat!r} ({type(ex).__name__})")
    # last line reaches order
    if d["lines"] and cur != order and not d.get("branches"):
        problems.append(f"{tag}last block is order {cur}, expected {order}")
    # form in g
    dn = derivs[order].subs(at_params)
    for key in ("in_terms_of_g", "in_terms_of_g_and_z"):
        f = d.get(key)
        if f:
            try:
                e = parse_line(f, g_def=truth)
                e = fix_params(e, params_at)
                for p in pts:
                    a = value(e, {z: p}); b = value(dn, {z: p})
                    if not close(a, b):
                        problems.append(f"{tag}S1? {key} {f!r} wrong at z={p}: {a} vs {b}")
                        break
            except Exception as ex:  # noqa
                problems.append(f"{tag}harness: {key} {f!r}: {ex}")
    cases = d.get("in_terms_of_g_cases") or []
    if cases:
        g0 = truth.subs(at_params)
        for p in pts:
            try:
                gv = value(g0, {z: p}).real
                b = value(dn, {z: p})
            except Exception:  # noqa
                continue
            hit = None
            for c in cases:
                cond = c["condition"].replace("=", "==").replace("<==", "<=").replace(">==", ">=").replace("!==", "!=")
                cond = cond.replace("≠", "!=").replace("≤", "<=").replace("≥", ">=")
                env = {"g": gv, "z": float(p)}
                env.update({str(s): float(v) for s, v in at_params.items()})
                try:
                    ok = eval(cond.replace(";", " and "), {"__builtins__": {}}, env)  # harness only
                except Exception as ex:  # noqa
                    problems.append(f"{tag}harness: condition {c['condition']!r}: {ex}")
                    ok = False
                if ok:
                    hit = c
                    break
            if p == 0:
                continue
            if hit is None:
                problems.append(f"{tag}cases: no case holds at z={p} (g={gv})")
                continue
            e = parse_line(hit["form"], g_def=truth)
            e = fix_params(e, params_at)
            if e.free_symbols - {z}:
                e = e.subs(sp.Symbol("g", positive=True), g0)
            a = value(e, {z: p})
            if not close(a, b):
                problems.append(f"{tag}S1? case {hit} wrong at z={p}: {a} vs {b}")
    for j, br in enumerate(d.get("branches") or []):
        cond = br["condition"]
        # check each branch chain against truth on its interval
        lo, hi = br["interval"]
        lo = -sp.oo if lo == "-oo" else parse_line(lo); hi = sp.oo if hi == "oo" else parse_line(hi)
        sub = []
        bt = parse_line(br["definition"])

        # the branch's definition must equal the truth inside the interval
        for p in pts + [sp.Rational(1, 7), -sp.Rational(1, 7), 5, -5, 9, -9]:
            if lo.subs(at_params) < p < hi.subs(at_params):
                a = value(fix_params(bt, params_at), {z: p}); b = value(truth.subs(at_params), {z: p})
                if not close(a, b):
                    problems.append(f"{tag}S1? branch {cond}: definition {br['definition']} != g at {p}")
                    break
        check_json(bt, br, params_at, br.get("order", order), sub, tag=f"{tag}[branch {cond}] ")
        problems.extend(sub)



TEXT_FUNCS = {"erf": sp.erf, "erfc": sp.erfc, "sech": sp.sech, "sign": sp.sign, "atan": sp.atan,
              "softplus": lambda x: sp.log(1 + sp.exp(x)), "sigmoid": lambda x: 1 / (1 + sp.exp(-x)),
              "sgn": sp.sign, "asinh": sp.asinh, "arsinh": sp.asinh, "arctan": sp.atan, "csch": sp.csch,
              "coth": sp.coth, "arcsinh": sp.asinh, "Heaviside": sp.Heaviside, "H": sp.Heaviside,
              "\\sigma": lambda x: 1 / (1 + sp.exp(-x)), "sigma": lambda x: 1 / (1 + sp.exp(-x)),
              "\\theta": sp.Heaviside, "max": sp.Max, "min": sp.Min}


def _unbrace_functions(s: str) -> str:
    """operatorname{erf}{left(x right)} -> operatorname{erf} left(x right) (brace-matched)."""
    out = []
    i = 0
    pat = re.compile(r"\\(?:operatorname\{[A-Za-z]+\}|arc[a-z]+|csc|sec|cot|tanh|sinh|cosh|log|ln|exp|sin|cos|tan)(\^\{[^{}]*\})?\{")
    while True:
        m = pat.search(s, i)
        if not m:
            out.append(s[i:])
            break
        out.append(s[i:m.end() - 1])
        depth = 0
        j = m.end() - 1
        while j < len(s):
            if s[j] == "{":
                depth += 1
            elif s[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        inner = s[m.end():j]
        out.append(" " + _unbrace_functions(inner) + " ")
        i = j + 1
    return "".join(out)


PLACEHOLDERS = {  # names latex2sympy lacks -> macros it parses (mapped back below)
    r"\operatorname{erfc}": r"\arccos", r"\operatorname{erf}": r"\arcsin",
    r"\operatorname{sign}": r"\arccot", r"\operatorname{sgn}": r"\arccot",
    r"\operatorname{sech}": r"\csc", r"\sigma": r"\arcsec", r"\operatorname{atan}": r"\arctan",
    r"\operatorname{asinh}": r"\arcsinh", r"\operatorname{softplus}": r"\arccsc",
    r"\operatorname{atanh}": r"\arctanh",
}
BACK = {sp.asin: sp.erf, sp.acos: sp.erfc, sp.acot: sp.sign, sp.csc: sp.sech,
        sp.asec: lambda x: 1 / (1 + sp.exp(-x)), sp.acsc: lambda x: sp.log(1 + sp.exp(x))}


def _tex_one(s: str, truth):
    from latex2sympy2_extended import latex2sympy
    s = s.replace(r"\,", " ").replace(r"\!", "").replace(r"\;", " ").replace(r"\:", " ")
    for name, ph in PLACEHOLDERS.items():
        s = s.replace(name, ph)
    s = _unbrace_functions(s)
    s = s.replace("g'''(z)", r"\mathrm{gppp}(z)").replace("g''(z)", r"\mathrm{gpp}(z)").replace("g'(z)", r"\mathrm{gp}(z)")
    s = s.replace(r"\log", r"\ln")
    e = latex2sympy(s)
    reps = {}
    for f in e.atoms(sp.Function):
        n = type(f).__name__
        n2 = n.replace("\\text{", "").rstrip("}")
        if n2 in TEXT_FUNCS:
            reps[f] = TEXT_FUNCS[n2](*f.args)
        elif n == "g":
            reps[f] = truth.subs(z, f.args[0])
        elif n2 in ("gp", "gpp", "gppp"):
            reps[f] = sp.diff(truth, z, len(n2) - 1).subs(z, f.args[0])
    if reps:
        e = e.xreplace(reps)
    for _ in range(4):
        fs = [f for f in e.atoms(sp.Function) if type(f) in BACK]
        if not fs:
            break
        e = e.xreplace({f: BACK[type(f)](*f.args) for f in fs})
    # nested functions: repeat once
    for f in e.atoms(sp.Function):
        n2 = type(f).__name__.replace("\\text{", "").rstrip("}")
        if n2 in TEXT_FUNCS:
            e = e.xreplace({f: TEXT_FUNCS[n2](*f.args)})
    e = e.subs(sp.Symbol("z"), z)
    e = e.subs({s_: sp.Symbol(str(s_), positive=True) for s_ in e.free_symbols if s_ != z})
    return e


def parse_tex(lat: str, truth):
    m = re.fullmatch(r"\s*\\begin\{cases\}(.*)\\end\{cases\}\s*", lat, re.S)
    if not m:
        return _tex_one(lat, truth)
    rows = [r for r in re.split(r"\\\\", m.group(1)) if r.strip()]
    pieces = []
    for r in rows:
        val, cond = r.split("&", 1)
        cond = re.sub(r"\\text\{(for|if)\}", "", cond).strip()
        cond = cond.replace(r"\text{otherwise}", "").strip()
        v = _tex_one(val, truth)
        if not cond:
            pieces.append((v, True)); continue
        cond = cond.replace(r"\wedge", r" \land ")
        parts = re.split(r"\\land", cond)
        cs = []
        for p in parts:
            # chained a < z < b
            toks = re.split(r"(\\leq|\\geq|<|>|=|\\neq)", p)
            toks = [t.strip() for t in toks]
            for k in range(0, len(toks) - 2, 2):
                a, op, b = _tex_one(toks[k], truth), toks[k + 1], _tex_one(toks[k + 2], truth)
                cs.append({"<": sp.Lt, ">": sp.Gt, "\\leq": sp.Le, "\\geq": sp.Ge, "=": sp.Eq, "\\neq": sp.Ne}[op](a, b))
        pieces.append((v, sp.And(*cs)))
    return sp.Piecewise(*pieces)


def review(case: dict):
    """case: {'input': str, 'truth': str (sympy, harness only), 'order': int, 'args': [...]}"""
    order = case.get("order", 1)
    args = [case["input"], "--format", "json"] + (["--order", str(order)] if order != 1 else []) + case.get("args", [])
    rc, out, err = run(args)
    problems = []
    if rc != 0:
        return {"case": case, "rc": rc, "err": err.strip()[-300:], "problems": [f"exit {rc}: {err.strip()[-300:]}"]}
    d = json.loads(out)
    truth = parse_line(case["truth"]) if case.get("truth") else parse_line(d["definition"])
    params_at = {k: parse_line(v) for k, v in case.get("params_at", {}).items()}
    try:
        check_json(truth, d, params_at, order, problems)
        check_claims(truth, d, order, params_at, problems)
    except Exception as ex:  # noqa
        import traceback
        problems.append("harness crash: " + traceback.format_exc()[-400:])
    return {"case": case, "rc": rc, "problems": problems, "json": d}


def check_claims(truth, d, order, params_at, problems, tag=""):
    """The witness that no form in g exists, and the kinks' values, limits and slopes."""
    syms = sorted(truth.free_symbols - {z}, key=str)
    at = {s: param_value(str(s), params_at) for s in syms}
    g0 = truth.subs(at)
    dn = sp.diff(g0, z, order)
    w = d.get("no_form_in_g")
    if w:
        z1, z2 = (sp.Float(x, 30) for x in w["z"])
        a1, a2 = value(g0, {z: z1}).real, value(g0, {z: z2}).real
        s1, s2 = value(dn, {z: z1}).real, value(dn, {z: z2}).real
        if abs(a1 - a2) > 1e-9 * (1 + abs(a1)) or abs(a1 - w["g"]) > 1e-9 * (1 + abs(a1)):
            problems.append(f"{tag}S1? witness: g({z1})={a1}, g({z2})={a2}, claimed {w['g']}")
        if abs(s1 - w["slopes"][0]) > 1e-9 * (1 + abs(s1)) or abs(s2 - w["slopes"][1]) > 1e-9 * (1 + abs(s2)):
            problems.append(f"{tag}S1? witness slopes: {s1}, {s2}, claimed {w['slopes']}")
        if abs(s1 - s2) < 1e-6:
            problems.append(f"{tag}S1? witness slopes equal: {s1}, {s2}")
    for k in d.get("kinks") or []:
        p = fix_params(parse_line(k["point"]), params_at)
        eps = sp.Rational(1, 10**18)
        d1 = sp.diff(g0, z)
        lims = [sp.Float(value(g0, {z: p - eps}, 40).real, 12), sp.Float(value(g0, {z: p + eps}, 40).real, 12)]
        slopes = [sp.Float(value(d1, {z: p - eps}, 40).real, 12), sp.Float(value(d1, {z: p + eps}, 40).real, 12)]
        def num(s):
            return complex(sp.N(fix_params(parse_line(s), params_at), 20))
        for name, mine, theirs in (("limits", lims, k["limits"]), ("slopes", slopes, k["slopes"])):
            for m, t in zip(mine, theirs):
                if t in ("oo", "-oo", "zoo", "nan") or m.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
                    if str(m) != t:
                        problems.append(f"{tag}S1? kink {k['point']} {name}: sympy {mine} vs {theirs}")
                    continue
                if not close(complex(sp.N(m, 20)), num(t), 1e-6):
                    problems.append(f"{tag}S1? kink {k['point']} {name}: sympy {mine} vs {theirs}")
        cont = abs(lims[0] - lims[1]) < 1e-9
        if cont != k["continuous"]:
            problems.append(f"{tag}S1? kink {k['point']} continuous={k['continuous']} but limits {lims}")
        diff_ = cont and abs(slopes[0] - slopes[1]) < 1e-9
        if k["differentiable"] is not None and diff_ != k["differentiable"]:
            problems.append(f"{tag}S1? kink {k['point']} differentiable={k['differentiable']} but slopes {slopes}")


def check_python(case, problems):
    """Run derive's --format python (harness only) and compare forward/backward with sympy."""
    import inspect
    import numpy
    args = [case["input"], "--format", "python"] + case.get("args", [])
    rc, out, err = run(args)
    if rc != 0:
        problems.append(f"python format exit {rc}: {err.strip()[-200:]}")
        return
    ns = {}
    exec(out, ns)  # harness only: derive's own output
    fwd = [v for k, v in ns.items() if k.endswith("_forward")]
    bwd = [v for k, v in ns.items() if k.endswith("_backward")]
    if not fwd or not bwd:
        problems.append("python format: no forward/backward")
        return
    fwd, bwd = fwd[0], bwd[0]
    truth = parse_line(case["truth"]) if case.get("truth") else None
    if truth is None:
        rc, out, err = run([case["input"], "--format", "json"] + case.get("args", []))
        truth = parse_line(json.loads(out)["definition"])
    truth = fix_params(truth, {})
    d1 = sp.diff(truth, z)
    for p in points(10, seed=3):
        x = float(p)
        try:
            gv = float(value(truth, {z: p}).real)
            dv = float(value(d1, {z: p}).real)
        except Exception:
            continue
        with numpy.errstate(all="ignore"):
            fv = float(fwd(numpy.array([x]))[0])
            sig = list(inspect.signature(bwd).parameters)
            if sig[-1] == "g":
                bv = float(bwd(numpy.array([1.0]), numpy.array([gv]))[0])
            elif len(sig) == 3:
                bv = float(bwd(numpy.array([1.0]), numpy.array([gv]), numpy.array([x]))[0])
            else:
                bv = float(bwd(numpy.array([1.0]), numpy.array([x]))[0])
        if not abs(fv - gv) <= 1e-7 * (1 + abs(gv)):
            problems.append(f"S1? python forward at z={x}: {fv} vs {gv}")
            break
        if not abs(bv - dv) <= 1e-6 * (1 + abs(dv)):
            problems.append(f"S1? python backward{tuple(sig)} at z={x}: {bv} vs {dv}")
            break
