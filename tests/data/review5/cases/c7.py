"""The product rule written out with operators: d/dz before an unbracketed product inside a sum."""
from harness import Case

SW = "z*sigma(z)"
DSW = "diff(z*sigma(z), z)"
CASES = [
    Case("y01_product_rule_operators_cdot", "tex", SW, [
        r"\begin{align*}",
        (r"g(z) &= z\,\sigma(z)\\", SW, "g"),
        (r"g'(z) &= \frac{d}{dz} z \cdot \sigma(z) + z \cdot \frac{d}{dz}\sigma(z)\\", DSW, "d1"),
        (r"&= \sigma(z) + z\,\sigma(z)\bigl(1-\sigma(z)\bigr)", DSW, "d1"),
        r"\end{align*}",
    ], note="the author means (d/dz z)·σ(z) + z·σ'(z) (right); read as d/dz (z σ(z)) + z σ' it was called wrong: unreadable, never guessed"),
    Case("y02_product_rule_operators_plain", "txt", SW, [
        ("g(z) = z*sigma(z)", SW, "g"),
        ("g'(z) = d/dz z * sigma(z) + z * d/dz sigma(z)", DSW, "d1"),
        ("= sigma(z) + z sigma(z)(1 - sigma(z))", DSW, "d1"),
    ], note="as y01, typed"),
    Case("y03_product_rule_bracketed_valid", "tex", SW, [
        r"\begin{align*}",
        (r"g(z) &= z\,\sigma(z)\\", SW, "g"),
        (r"g'(z) &= \frac{d}{dz}(z)\cdot\sigma(z) + z\cdot\frac{d}{dz}\bigl(\sigma(z)\bigr)\\", DSW, "d1"),
        (r"&= \sigma(z) + z\,\sigma(z)\bigl(1-\sigma(z)\bigr)", DSW, "d1"),
        r"\end{align*}",
    ]),
    Case("y04_product_rule_bracketed_term_dropped", "tex", SW, [
        r"\begin{align*}",
        (r"g(z) &= z\,\sigma(z)\\", SW, "g"),
        (r"g'(z) &= \frac{d}{dz}(z)\cdot\sigma(z) + z\cdot\frac{d}{dz}\bigl(\sigma(z)\bigr)\\", DSW, "d1"),
        (r"&= z\,\sigma(z)\bigl(1-\sigma(z)\bigr)", "z*sigma(z)*(1-sigma(z))", "d1"),
        r"\end{align*}",
    ], kind="product_rule"),
    Case("y05_whole_product_operator_alone_valid", "txt", SW, [
        ("g(z) = z*sigma(z)", SW, "g"),
        ("g'(z) = d/dz z sigma(z)", DSW, "d1"),
        ("= sigma(z) + z sigma(z)(1 - sigma(z))", DSW, "d1"),
    ], note="alone on its line, d/dz z σ(z) is the whole product's derivative (as a textbook writes it)"),
]
