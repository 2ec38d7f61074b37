"""A corrected line in the author's notation: β·g(z) where the text writes β, beta*g(z) in
an ASCII text (review3 12b: 'corrected: = 1 - e^(-beta*g(z))' after a definition with β)."""

from derive.api import check


def _corrected(tmp_path, text):
    path = tmp_path / "d.txt"
    path.write_text(text, encoding="utf-8")
    return [line["corrected"] for line in check(str(path))["lines"] if line["corrected"]]


def test_the_corrected_line_writes_beta_as_the_author_does(tmp_path):
    # softplus with β: g' = e^(βz)/(1 + e^(βz)) = 1 - e^(-βg) (by hand: 1 - 1/(1 + e^(βz))
    # and e^(-βg) = 1/(1 + e^(βz))); the line drops β with g
    unicode = _corrected(tmp_path, "g(z) = (1/β) ln(1 + e^(βz))\ng'(z) = e^(βz)/(1 + e^(βz))\n= 1 - e^(-g(z))\n")
    assert unicode == ["1 - e^(-β·g(z))"]
    ascii_only = _corrected(tmp_path, "g(z) = (1/beta) ln(1 + e^(beta z))\ng'(z) = e^(beta z)/(1 + e^(beta z))\n"
                                      "= 1 - e^(-g(z))\n")
    assert ascii_only == ["1 - e^(-beta*g(z))"]
