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

# ---- tanh, correct ----------------------------------------------------------------------------
Ez = (ep - en) / (ep + en)        # tanh written with exponentials
add(Case("tanh_quotient_aligned.tex", [
    D(r"\tanh(z) =", t),
    D(r"\frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}", Ez),
    P(r"\frac{(e^{z}+e^{-z})(e^{z}+e^{-z}) - (e^{z}-e^{-z})(e^{z}-e^{-z})}",
      ((ep + en) * (ep + en) - (ep - en) * (ep - en)) / (ep + en) ** 2),
    P(r"1 - \frac{(e^{z}-e^{-z})^2}{(e^{z}+e^{-z})^2}", 1 - (ep - en) ** 2 / (ep + en) ** 2),
    P(r"1 - g(z)^2", 1 - t ** 2),
]))
add(Case("tanh_sinh_cosh_x.tex", [
    D(r"\frac{\sinh(x)}{\cosh(x)}", sinh(z) / cosh(z)),
    P(r"\frac{\cosh(x)\cosh(x) - \sinh(x)\sinh(x)}{\cosh^2(x)}", (cosh(z) ** 2 - sinh(z) ** 2) / cosh(z) ** 2),
    P(r"\frac{\cosh^2(x) - \sinh^2(x)}{\cosh^2(x)}", (cosh(z) ** 2 - sinh(z) ** 2) / cosh(z) ** 2),
    P(r"\frac{1}{\cosh^2(x)}", 1 / cosh(z) ** 2),
    P(r"\operatorname{sech}^2(x)", sech(z) ** 2),
    P(r"1 - \tanh^2(x)", 1 - t ** 2),
]))
add(Case("tanh_y_notes.md", [
    D(r"$$y = \tanh z$$", t),
    P(r"\mathrm{sech}^2 z", sech(z) ** 2),
    P(r"\frac{1}{\cosh^2 z}", 1 / cosh(z) ** 2),
    P(r"1 - \tanh^2 z", 1 - t ** 2),
    P(r"1 - y^2$$", 1 - t ** 2),
]))
add(Case("tanh_via_sigmoid.tex", [
    D(r"2\sigma(2z) - 1", 2 * sig(2 * z) - 1),
    P(r"2\cdot 2\,\sigma(2z)\bigl(1-\sigma(2z)\bigr)", 2 * 2 * sig(2 * z) * (1 - sig(2 * z))),
    P(r"4\sigma(2z) - 4\sigma^2(2z)", 4 * sig(2 * z) - 4 * sig(2 * z) ** 2),
    P(r"1 - \bigl(2\sigma(2z)-1\bigr)^2", 1 - (2 * sig(2 * z) - 1) ** 2),
    P(r"1 - g(z)^2", 1 - t ** 2),
]))
add(Case("tanh_unicode_prime.txt", [
    D("tanh(x)", t),
    P("sech²(x)", sech(z) ** 2),
    P("1 − tanh²(x)", 1 - t ** 2),
    P("1 − f(x)²", 1 - t ** 2),
]))
e2 = exp(-2 * z)
add(Case("tanh_exp_2z.tex", [
    D(r"\frac{1-e^{-2z}}{1+e^{-2z}}", (1 - e2) / (1 + e2)),
    P(r"\frac{2e^{-2z}(1+e^{-2z}) + 2e^{-2z}(1-e^{-2z})}", (2 * e2 * (1 + e2) + 2 * e2 * (1 - e2)) / (1 + e2) ** 2),
    P(r"\frac{4e^{-2z}}{(1+e^{-2z})^2}", 4 * e2 / (1 + e2) ** 2),
    P(r"1 - g(z)^2", 1 - t ** 2),
]))
add(Case("tanh_python_h_t.txt", [
    D("(exp(t) - exp(-t))/(exp(t) + exp(-t))", Ez),
    P("4/(exp(t) + exp(-t))**2", 4 / (ep + en) ** 2),
    P("1 - h(t)**2", 1 - t ** 2),
]))
add(Case("tanh_second_derivative.tex", [
    D(r"\tanh z \\", t),
    P(r"1 - \tanh^2 z \\", 1 - t ** 2),
    PP(r"-2\tanh z \cdot \left(1-\tanh^2 z\right)", -2 * t * (1 - t ** 2)),
    PP(r"-2g(z)\left(1-g(z)^2\right)", -2 * t * (1 - t ** 2)),
]))
add(Case("tanh_gather_text_sech.tex", [
    D(r"\tanh(z)", t),
    P(r"\text{sech}^2(z)", sech(z) ** 2),
    P(r"\frac{4}{\left(e^{z}+e^{-z}\right)^2}", 4 / (ep + en) ** 2),
]))
add(Case("tanh_alignat_annotated.tex", [
    D(r"\tanh(z)", t),
    P(r"\frac{d}{dz}\,\frac{\sinh z}{\cosh z}", d(sinh(z) / cosh(z))),
    P(r"\frac{\cosh^2 z - \sinh^2 z}{\cosh^2 z}", (cosh(z) ** 2 - sinh(z) ** 2) / cosh(z) ** 2),
    P(r"1 - \tanh^2(z)", 1 - t ** 2),
]))
add(Case("tanh_multline.tex", [
    D(r"\[ g(z) = \frac{e^{z}-e^{-z}}{e^{z}+e^{-z}} \]", Ez),
    P(r"g'(z) = \frac{\left(e^{z}+e^{-z}\right)\left(e^{z}+e^{-z}\right)}",
      (ep + en) * (ep + en) / (ep + en) ** 2 - (ep - en) * (ep - en) / (ep + en) ** 2),
    P(r"= 1 - g(z)^2", 1 - t ** 2),
]))
add(Case("artanh_inverse.tex", [
    D(r"\operatorname{artanh} z", atanh(z)),
    D(r"\tanh^{-1}(z)", atanh(z)),
    D(r"\tfrac{1}{2}\ln\frac{1+z}{1-z}", half * log((1 + z) / (1 - z))),
    P(r"\tfrac{1}{2}\left(\frac{1}{1+z} + \frac{1}{1-z}\right)", half * (1 / (1 + z) + 1 / (1 - z))),
    P(r"\frac{1}{1-z^2}", 1 / (1 - z ** 2)),
], points=(0.05, 0.9)))
add(Case("tanh_bigl_2z.tex", [
    D(r"\tanh 2z \\", tanh(2 * z)),
    P(r"2\operatorname{sech}^2 2z", 2 * sech(2 * z) ** 2),
    P(r"2\bigl(1-\tanh^2 2z\bigr)", 2 * (1 - tanh(2 * z) ** 2)),
    P(r"2\bigl(1-g(z)^2\bigr)", 2 * (1 - tanh(2 * z) ** 2)),
]))
add(Case("tanh_dfrac_notes.tex", [
    D(r"&= \tanh(z)", t),
    P(r"\dfrac{1}{\cosh^{2}(z)}", 1 / cosh(z) ** 2),
    P(r"\dfrac{4}{\left(e^{z}+e^{-z}\right)^{2}}", 4 / (ep + en) ** 2),
]))
add(Case("tanh_product_form.txt", [
    D("tanh(z)", t),
    P("1 − tanh²(z)", 1 - t ** 2),
    P("(1 − tanh(z)) × (1 + tanh(z))", (1 - t) * (1 + t)),
    P("(1 − g(z))(1 + g(z))", (1 - t) * (1 + t)),
]))

# ---- other activations, correct ----------------------------------------------------------------
from sympy import Piecewise  # noqa: E402

tenth = Rational(1, 10)
elu = Piecewise((z, z > 0), (exp(z) - 1, True))
add(Case("softplus_aligned.tex", [
    D(r"\ln\left(1+e^{z}\right)", log(1 + ep)),
    P(r"\frac{1}{1+e^{z}}\cdot e^{z}", 1 / (1 + ep) * ep),
    P(r"\frac{e^{z}}{1+e^{z}}", ep / (1 + ep)),
    P(r"\frac{1}{1+e^{-z}}", 1 / (1 + em)),
    P(r"\sigma(z)", s),
]))
add(Case("softplus_plain_log.txt", [
    D("log(1 + exp(x))", log(1 + ep)),
    P("exp(x)/(1 + exp(x))", ep / (1 + ep)),
    P("1/(1 + exp(-x))", 1 / (1 + em)),
]))
add(Case("softplus_scaled_md.md", [
    D(r"\frac{1}{2}\ln\left(1+e^{2x}\right)", half * log(1 + exp(2 * z))),
    P(r"\frac{1}{2}\cdot\frac{2e^{2x}}{1+e^{2x}}", half * 2 * exp(2 * z) / (1 + exp(2 * z))),
    P(r"= \frac{e^{2x}}{1+e^{2x}}", exp(2 * z) / (1 + exp(2 * z))),
    P(r"\sigma(2x)", sig(2 * z)),
]))
add(Case("swish_product.tex", [
    D(r"z\,\sigma(z)", z * s),
    P(r"\sigma(z) + z\,\sigma(z)\bigl(1-\sigma(z)\bigr)", s + z * s * (1 - s)),
    P(r"\sigma(z)\bigl(1 + z(1-\sigma(z))\bigr)", s * (1 + z * (1 - s))),
    P(r"g(z) + \sigma(z)\bigl(1-g(z)\bigr)", z * s + s * (1 - z * s)),
]))
add(Case("silu_leibniz_bracket.md", [
    D(r"$$f(x) = x\,\sigma(x)$$", z * s),
    P(r"1\cdot\sigma(x) + x\cdot\sigma(x)\left(1-\sigma(x)\right)", 1 * s + z * s * (1 - s)),
    P(r"\sigma(x)\left(1 + x - x\,\sigma(x)\right)", s * (1 + z - z * s)),
]))
add(Case("swish_quotient.txt", [
    D("z/(1 + e^-z)", z / (1 + em)),
    P("((1 + e^-z) + z·e^-z)/(1 + e^-z)²", ((1 + em) + z * em) / (1 + em) ** 2),
]))
add(Case("elu_cases.tex", [
    D(r"\begin{cases} z & z > 0 \\ e^{z}-1", elu),
    P(r"\begin{cases} 1 & z > 0 \\ e^{z} & z \le 0", Piecewise((1, z > 0), (exp(z), True))),
    P(r"\begin{cases} 1 & z > 0 \\ g(z)+1", Piecewise((1, z > 0), (elu + 1, True))),
]))
add(Case("relu_max.tex", [
    D(r"\max(0, z)", Piecewise((0, z < 0), (z, True))),
    P(r"\begin{cases} 0 & \text{if } z < 0 \\ 1", Piecewise((0, z < 0), (1, True))),
]))
add(Case("leaky_relu_cases.md", [
    D(r"\max(0.1z,\, z)", Piecewise((tenth * z, z < 0), (z, True))),
    P(r"\begin{cases} 1, & z > 0 \\ 0.1, & z < 0", Piecewise((1, z > 0), (tenth, True))),
]))
add(Case("softsign_abs.tex", [
    D(r"\frac{z}{1+|z|}", z / (1 + Abs(z))),
    P(r"\frac{(1+|z|) - z\,\operatorname{sgn}(z)}{(1+|z|)^2}", ((1 + Abs(z)) - z * sign(z)) / (1 + Abs(z)) ** 2),
    P(r"\frac{1}{\left(1+\left|z\right|\right)^2}", 1 / (1 + Abs(z)) ** 2),
]))
gauss = exp(-z ** 2)
add(Case("gaussian.tex", [
    D(r"e^{-z^2} \\", gauss),
    P(r"e^{-z^2}\cdot\frac{d}{dz}\left(-z^2\right)", gauss * d(-z ** 2)),
    P(r"-2z\,e^{-z^2}", -2 * z * gauss),
    P(r"-2z\,g(z)", -2 * z * gauss),
]))
add(Case("gaussian_second.md", [
    D(r"$$g(z) = e^{-z^2}$$", gauss),
    P(r"$$g'(z) = -2z\,e^{-z^2}$$", -2 * z * gauss),
    PP(r"-2e^{-z^2} + 4z^2 e^{-z^2}", -2 * gauss + 4 * z ** 2 * gauss),
    PP(r"(4z^2-2)\,g(z)", (4 * z ** 2 - 2) * gauss),
]))
add(Case("arctan_via_tan.tex", [
    D(r"\arctan z \\", atan(z)),
    P(r"\frac{1}{1+\tan^2(\arctan z)}", 1 / (1 + tan(atan(z)) ** 2)),
    P(r"\frac{1}{1+z^2}", 1 / (1 + z ** 2)),
]))
add(Case("arctan_plain_y.txt", [
    D("arctan(x)", atan(z)),
    P("1/(1 + x²)", 1 / (1 + z ** 2)),
]))
add(Case("gelu_like_tanh.tex", [
    D(r"\frac{z}{2}\left(1+\tanh(z)\right)", z / 2 * (1 + t)),
    P(r"\frac{1}{2}\left(1+\tanh(z)\right) + \frac{z}{2}\operatorname{sech}^2(z)", half * (1 + t) + z / 2 * sech(z) ** 2),
    P(r"\frac{1}{2}\left(1 + \tanh(z) + z\left(1-\tanh^2(z)\right)\right)", half * (1 + t + z * (1 - t ** 2))),
]))
add(Case("gelu_erf.tex", [
    D(r"\frac{z}{2}\left[1+\operatorname{erf}\left(\frac{z}{\sqrt{2}}\right)\right] \\", z / 2 * (1 + erf(z / sqrt(2)))),
    P(r"\frac{1}{2}\left[1+\operatorname{erf}\left(\frac{z}{\sqrt{2}}\right)\right] + \frac{z}{\sqrt{2\pi}}",
      half * (1 + erf(z / sqrt(2))) + z / sqrt(2 * pi) * exp(-z ** 2 / 2)),
]))
add(Case("bipolar_sigmoid.tex", [
    D(r"\frac{1-e^{-z}}{1+e^{-z}}", (1 - em) / (1 + em)),
    P(r"\frac{2e^{-z}}{(1+e^{-z})^2}", 2 * em / (1 + em) ** 2),
    P(r"\frac{1}{2}\left(1-g(z)^2\right)", half * (1 - ((1 - em) / (1 + em)) ** 2)),
]))
lecun = Rational(17159, 10000)
add(Case("lecun_tanh.tex", [
    D(r"1.7159\tanh\left(\tfrac{2}{3}z\right)", lecun * tanh(Rational(2, 3) * z)),
    P(r"1.7159\cdot\tfrac{2}{3}\operatorname{sech}^2", lecun * Rational(2, 3) * sech(Rational(2, 3) * z) ** 2),
    P(r"\tfrac{3.4318}{3}\left(1-\tanh^2", Rational(34318, 10000) / 3 * (1 - tanh(Rational(2, 3) * z) ** 2)),
]))
e2 = exp(-2 * z)
add(Case("sigmoid_exp_neg2z.tex", [
    D(r"\frac{1}{1+e^{-2z}}", 1 / (1 + e2)),
    P(r"\frac{2e^{-2z}}{(1+e^{-2z})^2}", 2 * e2 / (1 + e2) ** 2),
    P(r"2\,g(z)\bigl(1-g(z)\bigr)", 2 * sig(2 * z) * (1 - sig(2 * z))),
]))
add(Case("softplus_derivative_chain.txt", [
    D("ln(1 + e^z)", log(1 + ep)),
    P("e^z/(1 + e^z)", ep / (1 + ep)),
    PP("e^z/(1 + e^z)²", ep / (1 + ep) ** 2),
]))

# ---- more correct ones: \ln g(z), sigma' inside a line, d/dx, en dashes, bare \{ \} --------------
add(Case("sigmoid_log_derivative.tex", [   # g' = g (ln g)'
    D(r"\frac{1}{1+e^{-z}}", 1 / (1 + em)),
    P(r"g(z)\,\frac{d}{dz}\ln g(z)", s * d(log(s))),
    P(r"g(z)\,\frac{d}{dz}\Bigl(-\ln\bigl(1+e^{-z}\bigr)\Bigr)", s * d(-log(1 + em))),
    P(r"g(z)\,\frac{e^{-z}}{1+e^{-z}}", s * em / (1 + em)),
    P(r"g(z)\bigl(1-g(z)\bigr)", s * (1 - s)),
]))
add(Case("sigmoid_entropy_term.tex", [
    D(r"-\sigma(z)\ln\sigma(z)", -s * log(s)),
    P(r"-\sigma'(z)\ln\sigma(z) - \sigma(z)\cdot\frac{\sigma'(z)}{\sigma(z)}", -sp * log(s) - s * sp / s),
    P(r"-\sigma(z)\bigl(1-\sigma(z)\bigr)\bigl(\ln\sigma(z) + 1\bigr)", -s * (1 - s) * (log(s) + 1)),
]))
add(Case("tanh_second_pdf.txt", [
    D("tanh(z)", t),
    P("1 – tanh²(z)", 1 - t ** 2),
    PP("–2·tanh(z)·(1 – tanh²(z))", -2 * t * (1 - t ** 2)),
    PP("2·tanh³(z) – 2·tanh(z)", 2 * t ** 3 - 2 * t),
]))
add(Case("sigmoid_ddx_plain.txt", [
    D("1/(1+e^-x)", 1 / (1 + em)),
    P("d/dx (1+e^-x)^-1", d((1 + em) ** -1)),
    P("-(1+e^-x)^-2 · d/dx (1+e^-x)", -(1 + em) ** -2 * d(1 + em)),
    P("-(1+e^-x)^-2 · (-e^-x)", -(1 + em) ** -2 * (-em)),
    P("f(x)(1 - f(x))", s * (1 - s)),
]))
add(Case("tanh_chain_reciprocal.tex", [   # tanh = 2 sigma(2z) - 1, by the chain rule
    D(r"\frac{2}{1+e^{-2z}} - 1", 2 / (1 + exp(-2 * z)) - 1),
    P(r"-2\left(1+e^{-2z}\right)^{-2}\cdot\frac{d}{dz}\left(1+e^{-2z}\right)", -2 * (1 + exp(-2 * z)) ** -2 * d(1 + exp(-2 * z))),
    P(r"-2\left(1+e^{-2z}\right)^{-2}\cdot\left(-2e^{-2z}\right)", -2 * (1 + exp(-2 * z)) ** -2 * (-2 * exp(-2 * z))),
    P(r"\frac{4e^{-2z}}{\left(1+e^{-2z}\right)^{2}}", 4 * exp(-2 * z) / (1 + exp(-2 * z)) ** 2),
    P(r"1 - g(z)^2", 1 - t ** 2),
]))
add(Case("sigmoid_bare_braces.tex", [
    D(r"\{1 + e^{-z}\}^{-1}", (1 + em) ** -1),
    P(r"\{1 + e^{-z}\}^{-2}\, e^{-z}", (1 + em) ** -2 * em),
    P(r"e^{-z}\, g(z)^2", em * s ** 2),
]))
add(Case("sigmoid_sigma_prime_x.tex", [
    D(r"\frac{1}{1+e^{-x}}", 1 / (1 + em)),
    P(r"\frac{e^{-x}}{(1+e^{-x})^{2}}", em / (1 + em) ** 2),
    P(r"\sigma(x)\,\bigl(1-\sigma(x)\bigr)", s * (1 - s)),
]))
add(Case("swish_sigma_prime.tex", [   # sigma'(x) inside a line: the sigmoid's derivative
    D(r"x\,\sigma(x)", z * s),
    P(r"\sigma(x) + x\,\sigma'(x)", s + z * sp),
    P(r"\sigma(x) + x\,\sigma(x)\bigl(1-\sigma(x)\bigr)", s + z * s * (1 - s)),
]))

# ---- one planted mistake each ------------------------------------------------------------------
e2 = exp(-2 * z)
s2 = sig(2 * z)
add(Case("mistake_sign_reciprocal.tex", [   # the reciprocal rule's own minus dropped
    D(r"(1+e^{-z})^{-1}", (1 + em) ** -1),
    P(r"(1+e^{-z})^{-2}\,\frac{d}{dz}(1+e^{-z})", (1 + em) ** -2 * d(1 + em)),
    P(r"(1+e^{-z})^{-2}\,(-e^{-z})", (1 + em) ** -2 * (-em)),
    P(r"-\frac{e^{-z}}{(1+e^{-z})^2}", -em / (1 + em) ** 2),
], first=2, kind="sign", intended=-(1 + em) ** -2 * d(1 + em)))
add(Case("mistake_sign_reciprocal_pdf.txt", [   # the reciprocal rule's minus dropped, inner derivative right
    D("(1 + e^−x)^−1", (1 + em) ** -1),
    P("(1 + e^−x)^−2 · (−e^−x)", (1 + em) ** -2 * (-em)),
    P("−σ(x)² · e^−x", -s ** 2 * em),
], first=2, kind="sign", intended=-(1 + em) ** -2 * (-em)))
add(Case("mistake_sign_two_minuses.tex", [   # two minuses multiplied to a minus
    D(r"\frac{1}{1+e^{-z}}", 1 / (1 + em)),
    P(r"-\left(1+e^{-z}\right)^{-2}\left(-e^{-z}\right)", -(1 + em) ** -2 * (-em)),
    P(r"-\frac{e^{-z}}{\left(1+e^{-z}\right)^{2}}", -em / (1 + em) ** 2),
    P(r"-g(z)\bigl(1-g(z)\bigr)", -s * (1 - s)),
], first=3, kind="sign", intended=em / (1 + em) ** 2))
add(Case("mistake_sign_softplus_neg.md", [
    D(r"\ln\left(1+e^{-x}\right)", log(1 + em)),
    P(r"\frac{1}{1+e^{-x}}\cdot\left(-e^{-x}\right)", 1 / (1 + em) * (-em)),
    P(r"= \frac{e^{-x}}{1+e^{-x}}", em / (1 + em)),
], first=3, kind="sign", intended=-em / (1 + em)))
add(Case("mistake_chain_factor_2z.tex", [   # the inner factor 2 of e^{-2z} forgotten
    D(r"\frac{1}{1+e^{-2z}}", 1 / (1 + e2)),
    P(r"-\frac{1}{(1+e^{-2z})^2}\cdot\left(-e^{-2z}\right)", -1 / (1 + e2) ** 2 * (-e2)),
    P(r"\frac{e^{-2z}}{(1+e^{-2z})^2}", e2 / (1 + e2) ** 2),
], first=2, kind="chain_factor", factor=2, intended=-1 / (1 + e2) ** 2 * (-2 * e2)))
add(Case("mistake_chain_factor_tanh2z.md", [   # sech^2(2z) without the 2
    D(r"$$g(z) = \tanh(2z)$$", tanh(2 * z)),
    P(r"\operatorname{sech}^2(2z)", sech(2 * z) ** 2),
    P(r"1 - \tanh^2(2z)", 1 - tanh(2 * z) ** 2),
], first=2, kind="chain_factor", factor=2, intended=2 * sech(2 * z) ** 2))
add(Case("mistake_chain_factor_gauss.tex", [   # (e^u)' = e^u, u' = -z forgotten
    D(r"e^{-z^2/2} \\", exp(-z ** 2 / 2)),
    P(r"g'(z) &= e^{-z^2/2}", exp(-z ** 2 / 2)),
], first=2, kind="chain_factor", factor=-z, intended=-z * exp(-z ** 2 / 2)))
add(Case("mistake_chain_factor_reciprocal.txt", [   # the inner derivative -e^{-z} forgotten entirely
    D("1/(1 + e^-z)", 1 / (1 + em)),
    P("-1/(1 + e^-z)^2", -1 / (1 + em) ** 2),
], first=2, kind="chain_factor", factor=-em, intended=-1 / (1 + em) ** 2 * (-em)))
add(Case("mistake_chain_factor_sigma3x.md", [   # the inner factor 3 forgotten
    D(r"\sigma(3x)$$", sig(3 * z)),
    P(r"\sigma(3x)\bigl(1-\sigma(3x)\bigr)", sig(3 * z) * (1 - sig(3 * z))),
], first=2, kind="chain_factor", factor=3, intended=3 * sig(3 * z) * (1 - sig(3 * z))))
add(Case("mistake_exponent_reciprocal.tex", [   # the power -1 not lowered to -2
    D(r"\left(1+e^{-z}\right)^{-1}", (1 + em) ** -1),
    P(r"-\left(1+e^{-z}\right)^{-1}\cdot\left(-e^{-z}\right)", -(1 + em) ** -1 * (-em)),
    P(r"\frac{e^{-z}}{1+e^{-z}}", em / (1 + em)),
], first=2, kind="exponent", intended=-(1 + em) ** -2 * (-em)))
add(Case("mistake_exponent_gauss.tex", [   # d/dz z^2 = 2z^2: the power not lowered
    D(r"e^{-z^2} \\", gauss),
    P(r"e^{-z^2}\cdot\frac{d}{dz}\left(-z^2\right)", gauss * d(-z ** 2)),
    P(r"e^{-z^2}\cdot\left(-2z^{2}\right)", gauss * (-2 * z ** 2)),
], first=3, kind="exponent", intended=gauss * (-2 * z)))
add(Case("mistake_quotient_reversed_tanh.tex", [   # (u v' - u' v)/v^2
    D(r"\frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}", Ez),
    P(r"\frac{(e^{z}-e^{-z})(e^{z}-e^{-z}) - (e^{z}+e^{-z})(e^{z}+e^{-z})}",
      ((ep - en) * (ep - en) - (ep + en) * (ep + en)) / (ep + en) ** 2),
    P(r"\frac{-4}{(e^{z}+e^{-z})^2}", -4 / (ep + en) ** 2),
], first=2, kind="quotient_rule", intended=((ep + en) ** 2 - (ep - en) ** 2) / (ep + en) ** 2))
add(Case("mistake_quotient_denominator.tex", [   # the denominator not squared
    D(r"\frac{1}{1+e^{-z}}", 1 / (1 + em)),
    P(r"\frac{0\cdot(1+e^{-z}) - 1\cdot(-e^{-z})}{1+e^{-z}}", (0 * (1 + em) - 1 * (-em)) / (1 + em)),
    P(r"\frac{e^{-z}}{1+e^{-z}}", em / (1 + em)),
], first=2, kind="quotient_rule", intended=(0 * (1 + em) - 1 * (-em)) / (1 + em) ** 2))
add(Case("mistake_quotient_swish.txt", [   # (u v' - u' v)/v^2
    D("z/(1 + e^−z)", z / (1 + em)),
    P("(z·(−e^−z) − (1 + e^−z))/(1 + e^−z)²", (z * (-em) - (1 + em)) / (1 + em) ** 2),
], first=2, kind="quotient_rule", intended=((1 + em) - z * (-em)) / (1 + em) ** 2))
add(Case("mistake_product_missing_term.tex", [   # u'v missing
    D(r"z\,\sigma(z) \\", z * s),
    P(r"z\,\sigma(z)\bigl(1-\sigma(z)\bigr)", z * s * (1 - s)),
], first=2, kind="product_rule", intended=s + z * s * (1 - s)))
add(Case("mistake_product_both_differentiated.md", [   # (uv)' = u'v'
    D(r"x\,\sigma(x)$$", z * s),
    P(r"1\cdot\sigma(x)\left(1-\sigma(x)\right)", 1 * s * (1 - s)),
    P(r"\sigma(x) - \sigma^2(x)", s - s ** 2),
], first=2, kind="product_rule", intended=s + z * s * (1 - s)))
add(Case("mistake_product_sign_between.tex", [   # u'v - uv'
    D(r"z\tanh z \\", z * t),
    P(r"\tanh z - z\operatorname{sech}^2 z", t - z * sech(z) ** 2),
], first=2, kind="product_rule", intended=t + z * sech(z) ** 2))
add(Case("mistake_product_missing_term_gelu.tex", [   # u'v missing
    D(r"\frac{z}{2}\bigl(1+\tanh z\bigr)", z / 2 * (1 + t)),
    P(r"\frac{z}{2}\operatorname{sech}^2 z", z / 2 * sech(z) ** 2),
], first=2, kind="product_rule", intended=half * (1 + t) + z / 2 * sech(z) ** 2))
add(Case("mistake_elementary_sigma_squared.tex", [   # sigma' = sigma^2
    D(r"\sigma(z) \\", s),
    P(r"\sigma^2(z)", s ** 2),
], first=2, kind="elementary_derivative", intended=s * (1 - s)))
add(Case("mistake_elementary_sigma_squared_g.txt", [   # g' = g^2 for the sigmoid
    D("1/(1 + e^-z)", 1 / (1 + em)),
    P("g(z)^2", s ** 2),
], first=2, kind="elementary_derivative", intended=s * (1 - s)))
add(Case("mistake_elementary_tanh_sech.tex", [   # tanh' = sech
    D(r"\tanh(z) \\", t),
    P(r"\operatorname{sech}(z)", sech(z)),
    P(r"\frac{1}{\cosh z}", 1 / cosh(z)),
], first=2, kind="elementary_derivative", intended=sech(z) ** 2))
add(Case("mistake_elementary_tanh_plus.md", [   # tanh' = 1 + tanh^2, in g
    D(r"\tanh z$$", t),
    P(r"1 + g(z)^2", 1 + t ** 2),
], first=2, kind="elementary_derivative", intended=1 - t ** 2))
add(Case("mistake_elementary_arctan.tex", [   # arctan' = 1/(1 - x^2)
    D(r"\arctan x \\", atan(z)),
    P(r"\frac{1}{1-x^2}", 1 / (1 - z ** 2)),
], first=2, kind="elementary_derivative", intended=1 / (1 + z ** 2)))
add(Case("mistake_algebra_square_sum.tex", [   # (1 + e^{-z})^2 = 1 + e^{-2z}
    D(r"\frac{1}{1+e^{-z}}", 1 / (1 + em)),
    P(r"\frac{e^{-z}}{(1+e^{-z})^2}", em / (1 + em) ** 2),
    P(r"\frac{e^{-z}}{1+e^{-2z}}", em / (1 + exp(-2 * z))),
], first=3, kind="algebra", intended=em / (1 + 2 * em + exp(-2 * z))))
add(Case("mistake_algebra_cross_term.tex", [   # (e^z - e^{-z})^2 expanded without -2
    D(r"\frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}", Ez),
    P(r"\frac{(e^{z}+e^{-z})^2 - (e^{z}-e^{-z})^2}{(e^{z}+e^{-z})^2}", ((ep + en) ** 2 - (ep - en) ** 2) / (ep + en) ** 2),
    P(r"\frac{(e^{2z}+2+e^{-2z}) - (e^{2z}+e^{-2z})}",
      ((exp(2 * z) + 2 + exp(-2 * z)) - (exp(2 * z) + exp(-2 * z))) / (ep + en) ** 2),
    P(r"\frac{2}{(e^{z}+e^{-z})^2}", 2 / (ep + en) ** 2),
], first=3, kind="algebra", intended=((exp(2 * z) + 2 + exp(-2 * z)) - (exp(2 * z) - 2 + exp(-2 * z))) / (ep + en) ** 2))
add(Case("mistake_algebra_cross_term_sigma.tex", [   # (2s - 1)^2 = 4s^2 + 1
    D(r"2\sigma(2z) - 1", 2 * s2 - 1),
    P(r"4\sigma(2z)\bigl(1-\sigma(2z)\bigr)", 4 * s2 * (1 - s2)),
    P(r"1 - \bigl(2\sigma(2z)-1\bigr)^2", 1 - (2 * s2 - 1) ** 2),
    P(r"1 - 4\sigma^2(2z) - 1", 1 - 4 * s2 ** 2 - 1),
], first=4, kind="algebra", intended=1 - (4 * s2 ** 2 - 4 * s2 + 1)))
add(Case("mistake_algebra_cancel.tex", [   # (a + b - 1)/a^2 "cancelled" to -1/a
    D(r"\frac{1}{1+e^{-z}}", 1 / (1 + em)),
    P(r"\frac{e^{-z}}{(1+e^{-z})^2}", em / (1 + em) ** 2),
    P(r"\frac{1 + e^{-z} - 1}{(1+e^{-z})^2}", (1 + em - 1) / (1 + em) ** 2),
    P(r"\frac{-1}{1+e^{-z}}", -1 / (1 + em)),
], first=4, kind="algebra", intended=1 / (1 + em) - 1 / (1 + em) ** 2))
add(Case("mistake_constant_bipolar.tex", [   # the -1 of the definition differentiated to -1
    D(r"2\sigma(z) - 1", 2 * s - 1),
    P(r"2\sigma(z)\bigl(1-\sigma(z)\bigr) - 1", 2 * s * (1 - s) - 1),
], first=2, kind="constant", intended=2 * s * (1 - s)))
add(Case("mistake_constant_scaled.md", [   # the factor 3 dropped
    D(r"3\sigma(z)$$", 3 * s),
    P(r"\sigma(z)\left(1-\sigma(z)\right)", s * (1 - s)),
], first=2, kind="constant", intended=3 * s * (1 - s)))

add(Case("mistake_constant_elu_piece.tex", [   # on the piece z <= 0 the -1 kept: d/dz(e^z - 1) = e^z - 1
    D(r"\begin{cases} z & z > 0 \\ e^{z}-1", elu),
    P(r"\begin{cases} 1 & z > 0 \\ e^{z}-1 & z \le 0", Piecewise((1, z > 0), (exp(z) - 1, True))),
], first=2, kind="constant", intended=Piecewise((1, z > 0), (exp(z), True))))
add(Case("mistake_constant_elu_alpha.md", [   # on the piece z <= 0 the factor alpha = 2 dropped
    D(r"\begin{cases} z, & z > 0 \\ 2\left(e^{z}-1\right)", Piecewise((z, z > 0), (2 * (exp(z) - 1), True))),
    P(r"\begin{cases} 1, & z > 0 \\ e^{z}, & z \le 0", Piecewise((1, z > 0), (exp(z), True))),
], first=2, kind="constant", intended=Piecewise((1, z > 0), (2 * exp(z), True))))

# ---- a mistake, then a line that is right again (back on track) -------------------------------
add(Case("back_on_track_sign.tex", [
    D(r"\frac{1}{1+e^{-z}}", 1 / (1 + em)),
    P(r"\frac{e^{-z}}{(1+e^{-z})^2}", em / (1 + em) ** 2),
    P(r"-\frac{1}{1+e^{-z}}\cdot\frac{e^{-z}}{1+e^{-z}}", -1 / (1 + em) * em / (1 + em)),
    P(r"g(z)\bigl(1-g(z)\bigr)", s * (1 - s)),
], first=3, kind="sign", back=True, wrong=[3]))
add(Case("back_on_track_constant_tanh.tex", [
    D(r"\tanh z \\", t),
    P(r"\operatorname{sech}^2 z", sech(z) ** 2),
    P(r"\frac{2}{\cosh^2 z}", 2 / cosh(z) ** 2),
    P(r"1 - \tanh^2 z", 1 - t ** 2),
], first=3, kind="constant", back=True, wrong=[3]))
add(Case("back_on_track_algebra_softplus.md", [
    D(r"\ln\left(1+e^{z}\right)", log(1 + ep)),
    P(r"\frac{e^{z}}{1+e^{z}}", ep / (1 + ep)),
    P(r"\frac{1}{1+e^{z}}", 1 / (1 + ep)),
    P(r"\sigma(z)", s),
], first=3, kind="algebra", back=True, wrong=[3]))
add(Case("back_on_track_product.txt", [
    D("z·σ(z)", z * s),
    P("z·σ(z)·(1 − σ(z))", z * s * (1 - s)),
    P("σ(z) + z·σ(z)·(1 − σ(z))", s + z * s * (1 - s)),
], first=2, kind="product_rule", back=True, wrong=[2]))
add(Case("back_on_track_chain.tex", [
    D(r"\sigma(2z) \\", s2),
    P(r"&= \sigma(2z)\bigl(1-\sigma(2z)\bigr)", s2 * (1 - s2)),
    P(r"2\sigma(2z)\bigl(1-\sigma(2z)\bigr)", 2 * s2 * (1 - s2)),
    P(r"2g(z)\bigl(1-g(z)\bigr)", 2 * s2 * (1 - s2)),
], first=2, kind="chain_factor", factor=2, back=True, wrong=[2]))
