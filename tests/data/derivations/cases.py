"""Hand transcriptions of every derivation in this directory: one Case per file, one Step per
right-hand side (see make_truth.py).  sigma(z) is written out as s = 1/(1 + e^{-z}); the
file's variable (x, t) is z here."""

from make_truth import (Abs, Case, D, P, PP, Rational, atan, atanh, cosh, d, em, en, ep, erf, exp, log,
                        pi, s, sech, sig, sign, sinh, sqrt, t, tan, tanh, z)

half = Rational(1, 2)
sp = s * (1 - s)                  # sigma'(z), the known form
CASES: list[Case] = []
add = CASES.append

# ---- sigmoid, correct -------------------------------------------------------------------------
add(Case("sigmoid_quotient_aligned.tex", [
    D(r"\frac{1}{1+e^{-z}}", 1 / (1 + em)),
    P(r"\frac{0\cdot(1+e^{-z}) - 1\cdot(-e^{-z})}", (0 * (1 + em) - 1 * (-em)) / (1 + em) ** 2),
    P(r"\frac{e^{-z}}{(1+e^{-z})^2}", em / (1 + em) ** 2),
    P(r"\frac{1}{1+e^{-z}}\cdot\frac{e^{-z}}{1+e^{-z}}", 1 / (1 + em) * em / (1 + em)),
    P(r"g(z)\,(1-g(z))", s * (1 - s)),
]))
add(Case("sigmoid_chain_sigma_x.tex", [
    D(r"\left[1 + e^{-x}\right]^{-1}", (1 + em) ** -1),
    P(r"-\left[1 + e^{-x}\right]^{-2} \cdot \frac{d}{dx}", -(1 + em) ** -2 * d(1 + em)),
    P(r"-\left[1 + e^{-x}\right]^{-2} \cdot \left(-e^{-x}\right)", -(1 + em) ** -2 * (-em)),
    P(r"\frac{e^{-x}}{\left[1 + e^{-x}\right]^{2}}", em / (1 + em) ** 2),
    P(r"\sigma(x)\left[1 - \sigma(x)\right]", s * (1 - s)),
]))
add(Case("sigmoid_blog_post.md", [
    D(r"$$g(z) = \frac{1}{1 + e^{-z}}$$", 1 / (1 + em)),
    P(r"$$g'(z) = \frac{e^{-z}}{(1 + e^{-z})^2}$$", em / (1 + em) ** 2),
    P(r"\frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}}", 1 / (1 + em) * em / (1 + em)),
    P(r"g(z)\,\bigl(1 - g(z)\bigr)$$", s * (1 - s)),
]))
add(Case("sigmoid_pasted_pdf.txt", [
    D("1/(1 + e^−x)", 1 / (1 + em)),
    P("e^−x / (1 + e^−x)²", em / (1 + em) ** 2),
    P("σ(x) · (1 − σ(x))", s * (1 - s)),
]))
add(Case("sigmoid_python_style.txt", [
    D("1/(1 + exp(-x))", 1 / (1 + em)),
    P("exp(-x)/(1 + exp(-x))**2", em / (1 + em) ** 2),
    P("f(x)*(1 - f(x))", s * (1 - s)),
]))
add(Case("sigmoid_article_split.tex", [
    D(r"\frac{1}{1+\mathrm{e}^{-z}} \\", 1 / (1 + em)),
    P(r"\frac{\mathrm{e}^{-z}}{\left(1+\mathrm{e}^{-z}\right)^{2}}", em / (1 + em) ** 2),
    P(r"\frac{1}{1+\mathrm{e}^{-z}}\left(1 - \frac{1}{1+\mathrm{e}^{-z}}\right)", 1 / (1 + em) * (1 - 1 / (1 + em))),
    P(r"\sigma(z)\bigl(1-\sigma(z)\bigr)", s * (1 - s)),
]))
add(Case("sigmoid_exp_gather.tex", [
    D(r"\frac{\exp(z)}{1+\exp(z)}", ep / (1 + ep)),
    P(r"\frac{\exp(z)\,(1+\exp(z)) - \exp(z)\exp(z)}", (ep * (1 + ep) - ep * ep) / (1 + ep) ** 2),
    P(r"\frac{\exp(z)}{(1+\exp(z))^2}", ep / (1 + ep) ** 2),
    P(r"g(z)\,\bigl(1-g(z)\bigr)", s * (1 - s)),
]))
add(Case("sigmoid_rm_e_tag.tex", [
    D(r"\Big[ 1 + {\rm e}^{-z} \Big]^{-1}", (1 + em) ** -1),
    P(r"(-1)\Big[ 1 + {\rm e}^{-z} \Big]^{-2} \cdot \big(-{\rm e}^{-z}\big)", (-1) * (1 + em) ** -2 * (-em)),
    P(r"\frac{{\rm e}^{-z}}{\Big[ 1 + {\rm e}^{-z} \Big]^{2}}", em / (1 + em) ** 2),
]))
add(Case("sigmoid_annotated.md", [
    D(r"\frac{1}{1+e^{-z}}", 1 / (1 + em)),
    P(r"\frac{d}{dz}\left(1+e^{-z}\right)^{-1}", d((1 + em) ** -1)),
    P(r"-\left(1+e^{-z}\right)^{-2}\cdot\left(-e^{-z}\right)", -(1 + em) ** -2 * (-em)),
    P(r"\sigma(z)\left(1-\sigma(z)\right)", s * (1 - s)),
]))
add(Case("sigmoid_second_lagrange.tex", [
    D(r"\frac{1}{1+e^{-z}}", 1 / (1 + em)),
    P(r"g(z)\,(1-g(z))", sp),
    PP(r"g'(z)\,(1-g(z)) - g(z)\,g'(z)", sp * (1 - s) - s * sp),
    PP(r"g'(z)\,(1-2g(z))", sp * (1 - 2 * s)),
    PP(r"g(z)\,(1-g(z))\,(1-2g(z))", s * (1 - s) * (1 - 2 * s)),
]))
add(Case("sigmoid_second_leibniz.tex", [
    D(r"\sigma(z) \\", s),
    P(r"\sigma(z)\bigl(1-\sigma(z)\bigr) =", s * (1 - s)),
    P(r"\sigma(z) - \sigma^2(z)", s - s ** 2),
    PP(r"\sigma(z)\bigl(1-\sigma(z)\bigr) - 2\sigma(z)\cdot", s * (1 - s) - 2 * s * s * (1 - s)),
    PP(r"\sigma(z)\bigl(1-\sigma(z)\bigr)\bigl(1-2\sigma(z)\bigr)", s * (1 - s) * (1 - 2 * s)),
]))
add(Case("sigmoid_scaled_3z.tex", [
    D(r"\sigma(3z) =", sig(3 * z)),
    D(r"\frac{1}{1+e^{-3z}}", 1 / (1 + exp(-3 * z))),
    P(r"\frac{3e^{-3z}}{\left(1+e^{-3z}\right)^2}", 3 * exp(-3 * z) / (1 + exp(-3 * z)) ** 2),
    P(r"3\,\sigma(3z)\bigl(1-\sigma(3z)\bigr)", 3 * sig(3 * z) * (1 - sig(3 * z))),
    P(r"3\,g(z)\bigl(1-g(z)\bigr)", 3 * sig(3 * z) * (1 - sig(3 * z))),
]))
add(Case("sigmoid_no_brackets_2z.tex", [
    D(r"\sigma 2z \\", sig(2 * z)),
    P(r"2\,\sigma 2z\,\bigl(1-\sigma 2z\bigr)", 2 * sig(2 * z) * (1 - sig(2 * z))),
    P(r"\frac{2e^{-2z}}{(1+e^{-2z})^2}", 2 * exp(-2 * z) / (1 + exp(-2 * z)) ** 2),
]))
add(Case("sigmoid_defined_colon.md", [
    D(r"\frac{1}{1+\mathrm{e}^{-t}}$$", 1 / (1 + em)),
    P(r"\frac{\mathrm{e}^{-t}}{(1+\mathrm{e}^{-t})^2}", em / (1 + em) ** 2),
    P(r"\sigma(t)\,(1-\sigma(t)).", s * (1 - s)),
]))
add(Case("sigmoid_ascii_homework.txt", [
    D("1/(1+e^-z)", 1 / (1 + em)),
    P("e^-z/(1+e^-z)^2", em / (1 + em) ** 2),
    P("(1/(1+e^-z)) * (e^-z/(1+e^-z))", (1 / (1 + em)) * (em / (1 + em))),
    P("g(z)(1-g(z))", s * (1 - s)),
]))
add(Case("sigmoid_via_tanh_half.tex", [
    D(r"\tfrac{1}{2}\left(1+\tanh\tfrac{z}{2}\right)", half * (1 + tanh(z / 2))),
    P(r"\tfrac{1}{2}\cdot\tfrac{1}{2}\operatorname{sech}^2\tfrac{z}{2}", half * half * sech(z / 2) ** 2),
    P(r"\tfrac{1}{4}\left(1-\tanh^2\tfrac{z}{2}\right)", Rational(1, 4) * (1 - tanh(z / 2) ** 2)),
]))
add(Case("sigmoid_partial.tex", [
    D(r"\frac{1}{1+\exp(-z)}", 1 / (1 + em)),
    P(r"\frac{\exp(-z)}{\bigl(1+\exp(-z)\bigr)^2}", em / (1 + em) ** 2),
    P(r"g(z)\bigl(1-g(z)\bigr)", s * (1 - s)),
]))
add(Case("sigmoid_prime_superscript.tex", [
    D(r"\frac{1}{1+e^{-z}}", 1 / (1 + em)),
    P(r"\frac{1}{1+e^{-z}} \times \frac{e^{-z}}{1+e^{-z}}", 1 / (1 + em) * em / (1 + em)),
    P(r"g(z) \times \left(1 - g(z)\right)", s * (1 - s)),
]))
add(Case("sigmoid_braces_ast.tex", [
    D(r"\left\{1+e^{-z}\right\}^{-1}", (1 + em) ** -1),
    P(r"\left\{1+e^{-z}\right\}^{-2} \ast e^{-z}", (1 + em) ** -2 * em),
    P(r"g(z)^2 \ast e^{-z}", s ** 2 * em),
]))
add(Case("sigmoid_equiv.tex", [
    D(r"\frac{1}{1+e^{-z}}", 1 / (1 + em)),
    P(r"\frac{e^{-z}}{\left(1+e^{-z}\right)^{2}}", em / (1 + em) ** 2),
    P(r"g(z) - g(z)^2", s - s ** 2),
]))
add(Case("sigmoid_beamer.tex", [
    D(r"\frac{1}{1+e^{-z}} \]", 1 / (1 + em)),
    P(r"\frac{e^{-z}}{(1+e^{-z})^2}", em / (1 + em) ** 2),
    P(r"g(z)\,\bigl(1-g(z)\bigr)", s * (1 - s)),
]))
