"""Pictures: continuous functions drawn without gaps across their kinks (read from the
figure's own Line2D data), true jumps with dots, and SVG bytes equal run to run."""

import os

import pytest
from click.testing import CliRunner

from derive import derive
from derive.cli import cli

if not os.environ.get("CI"):
    pytest.importorskip("matplotlib")

#: continuous piecewise activations and their kinks, written here independently of the catalog
CONTINUOUS = {"hardswish": (-3, 3), "hard tanh": (-1, 1), "elu": (0,), "relu": (0,), "relu6": (0, 6),
              "hard sigmoid": (-3, 3), "leaky relu": (0,), "softshrink": (-0.5, 0.5), "celu": (0,)}


def _figure(name):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from derive.render.plot import figure

    return plt, figure(derive(name), plt)


@pytest.mark.parametrize("name", sorted(CONTINUOUS))
def test_continuous_activation_is_drawn_without_a_gap(name):
    plt, fig = _figure(name)
    try:
        g = [line for line in fig.axes[0].get_lines() if line.get_gid() and line.get_gid().startswith("g-")]
        assert len(g) == 1, f"{name}: g drawn in {len(g)} pieces"
        zs, vs = (list(map(float, a)) for a in g[0].get_data())
        for kink in CONTINUOUS[name]:
            near = [i for i, z in enumerate(zs) if abs(z - kink) < 0.3]
            assert near, f"no samples near {kink}"
            for i in near[:-1]:
                assert zs[i + 1] - zs[i] < 0.1  # sampled densely across the kink
                assert abs(vs[i + 1] - vs[i]) < 0.2, (name, kink, zs[i], vs[i], vs[i + 1])  # no jump drawn
    finally:
        plt.close(fig)


def test_a_true_jump_has_an_open_and_a_filled_dot():
    """threshold (theta = 1, v = 0): g(1) = 0 (PyTorch keeps z only above the threshold),
    so a filled dot at (1, 0) and an open one at (1, 1), the limit from the right."""
    plt, fig = _figure("threshold")
    try:
        g = [line for line in fig.axes[0].get_lines() if line.get_gid() and line.get_gid().startswith("g-")]
        assert len(g) == 2  # two stretches: the jump is not drawn as a steep line
        dots = [line for line in fig.axes[0].get_lines() if line.get_linestyle() == "None"]
        blue = [line for line in dots if line.get_markeredgecolor() == "tab:blue"]
        filled = {(float(x), float(y)) for line in blue if line.get_markerfacecolor() != "white"
                  for x, y in zip(*line.get_data())}
        empty = {(float(x), float(y)) for line in blue if line.get_markerfacecolor() == "white"
                 for x, y in zip(*line.get_data())}
        assert filled == {(1.0, 0.0)} and empty == {(1.0, 1.0)}
    finally:
        plt.close(fig)


@pytest.mark.parametrize("name", sorted(CONTINUOUS))
def test_the_notes_picture_draws_a_continuous_function_as_one_line(name):
    """The pgfplots picture of the notes: g is one \\addplot, its coordinates without a gap."""
    import re

    from derive.render.document import picture

    tex = picture(derive(name))
    g = [line for line in tex.splitlines() if line.startswith(r"\addplot[blue, thick")]
    assert len(g) == 1, name
    points = [tuple(map(float, p)) for p in re.findall(r"\(([-\d.]+),([-\d.]+)\)", g[0])]
    for (z0, v0), (z1, v1) in zip(points, points[1:]):
        assert z1 - z0 < 0.1 and abs(v1 - v0) < 0.2, (name, z0, v0, v1)


def test_svg_is_byte_identical_across_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["plot", "hardswish", "-o", "a.svg"]).exit_code == 0
    assert runner.invoke(cli, ["plot", "hardswish", "-o", "b.svg"]).exit_code == 0
    a, b = (tmp_path / "a.svg").read_bytes(), (tmp_path / "b.svg").read_bytes()
    assert a == b and b"<dc:date>" not in a
