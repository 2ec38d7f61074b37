"""Two ways a line used to escape the check (review 3): an '= …' row stating pieces as a
sentence dropped as prose (a wrong line never checked, the file 'valid'), and a word in a
line sampled as a new constant (answer = 0.73) instead of the line being unreadable."""

from derive.api import check


def _checked(tmp_path, text):
    path = tmp_path / "d.txt"
    path.write_text(text)
    return check(str(path))


def test_an_equals_row_with_pieces_as_a_sentence_is_checked(tmp_path):
    # ReLU' is 1 for z > 0 and 0 for z < 0 (by hand); the third line says 7: wrong at line 3
    wrong = _checked(tmp_path, "g(z) = max(0, z)\ng'(z) = 1 for z > 0, 0 for z < 0\n= 7 for z > 0, 0 for z < 0\n")
    assert wrong["valid"] is False and wrong["first_error"] == 3
    right = _checked(tmp_path, "g(z) = max(0, z)\ng'(z) = 1 for z > 0, 0 for z < 0\n= 1 if z > 0, 0 otherwise\n")
    assert right["valid"] is True and right["score"] == {"right": 2, "lines": 2}
    # ELU' in g for z <= 0 is g + alpha (alpha e^z = alpha(e^z - 1) + alpha); + 3 instead is wrong
    elu = ("g(z) = z for z > 0, alpha(e^z - 1) for z <= 0\ng'(z) = 1 for z > 0, alpha e^z for z <= 0\n"
           "= 1 if z > 0, g(z) + 3 otherwise\n")
    assert _checked(tmp_path, elu)["first_error"] == 3


def test_a_row_of_words_after_equals_is_still_prose(tmp_path):
    result = _checked(tmp_path, "g(z) = 1/(1+e^-z)\ng'(z) = g(z)(1 - g(z))\n= the answer we wanted, as the lecture says\n")
    assert result["valid"] is True and result["score"]["lines"] == 1


def test_a_word_in_a_line_is_no_new_constant(tmp_path):
    result = _checked(tmp_path, "g(z) = 1/(1+e^-z)\ng'(z) = answer g(z)\n")
    assert result["unreadable"] == 1 and result["errors"] == 0
    line = result["lines"][-1]
    assert line["verdict"] == "unreadable" and "'answer' is no name of the definition" in line["message"]


def test_parameters_of_the_definition_and_greek_names_are_read(tmp_path):
    # swish-beta: d/dz z sigma(beta z) = sigma(beta z) + beta z sigma(beta z)(1 - sigma(beta z))
    swish = ("g(z) = z sigmoid(beta z)\n"
             "g'(z) = sigmoid(beta z) + beta z sigmoid(beta z)(1 - sigmoid(beta z))\n")
    assert _checked(tmp_path, swish)["valid"] is True
    # a parameter named in the definition with a longer name is read in the lines after it
    scaled = "g(z) = slope z\ng'(z) = slope\n"
    assert _checked(tmp_path, scaled)["valid"] is True


def test_pieces_that_overlap_on_an_interval_are_unreadable(tmp_path):
    # read first match first, '0 for z < 0, 1 for z > -5' is ReLU' (review3 #2c): but for
    # -5 < z < 0 it says both 0 and 1, and the second piece would hide any value there
    plain = _checked(tmp_path, "g(z) = max(0, z)\ng'(z) = 0 for z < 0, 1 for z > -5\n")
    assert plain["unreadable"] == 1 and "overlap where -5 < z < 0" in plain["lines"][-1]["message"]
    tex = tmp_path / "d.tex"
    tex.write_text("\\[ g(z) = \\max(0, z) \\]\n\\[ g'(z) = \\begin{cases} 0 & z < 0 \\\\ 1 & z > -5 \\end{cases} \\]\n")
    latex = check(str(tex))
    assert latex["unreadable"] == 1 and "overlap" in latex["lines"][-1]["message"]
    # pieces that share a point only (the kink) are read: ReLU' is 0 for z < 0 and 1 for z > 0
    touching = _checked(tmp_path, "g(z) = max(0, z)\ng'(z) = 0 for z <= 0, 1 for z >= 0\n")
    assert touching["valid"] is True
