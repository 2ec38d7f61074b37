"""The activation functions derive knows by name.

An entry stores what a user would look up in a framework's documentation: the
formula as the framework writes it (in the typed grammar of ``derive.parse``), its
parameters with their defaults, and, for piecewise functions, which one-sided
derivative the framework's backward pass takes at a kink.  Chains, derivatives and
forms in g are always computed, never stored.  The table is plain data, so that names
resolve (and ``--help`` runs) without importing SymPy.
"""

from __future__ import annotations

import difflib

from .record import Record, record
from .errors import DeriveError


@record
class Parameter(Record):
    name: str  # as it appears in the formula: alpha, beta, lambda, k
    default: str | None  # None: kept as a symbol unless set with --param
    meaning: str
    positive: bool = True  # the formula needs a positive value (a slope, a scale, a width)


@record
class Activation(Record):
    name: str
    aliases: tuple[str, ...]
    summary: str
    formula: str  # the typed grammar: "sigmoid(z)", "max(0, z)"
    params: tuple[Parameter, ...] = ()
    expand: bool = False  # show the definition in exponentials after the name (sigma, tanh)
    source: str = ""  # where the definition and the defaults come from
    #: at each kink, left to right, the side whose derivative PyTorch's backward kernel
    #: uses there ("left" or "right"), read from ATen's *_backward kernels; empty where
    #: PyTorch has no backward for it (sqnl, isrlu, binary step: differentiable there or
    #: flat on both sides, so either side gives the same slope)
    kinks: tuple[str, ...] = ()
    multivariate: bool = False  # softmax: a vector function, derived by its own method

    def parameter(self, name: str) -> Parameter:
        for p in self.params:
            if p.name == name:
                return p
        if not self.params:
            raise DeriveError(f"{self.name} has no parameters (given: {name!r})")
        names = ", ".join(p.name for p in self.params)
        raise DeriveError(f"{self.name} has no parameter {name!r}; its parameters: {names}")


def _p(name, default, meaning, positive=True):
    return Parameter(name, default, meaning, positive)


SELU_ALPHA = "1.6732632423543772848170429916717"
SELU_SCALE = "1.0507009873554804934193349852946"

CATALOG: tuple[Activation, ...] = (
    Activation("sigmoid", ("logistic", "sigma", "σ"), "the logistic function", "sigmoid(z)",
               expand=True, source="torch.nn.Sigmoid"),
    Activation("tanh", ("hyperbolic tangent",), "the hyperbolic tangent", "tanh(z)",
               expand=True, source="torch.nn.Tanh"),
    Activation("bipolar sigmoid", ("bipolar",), "the sigmoid stretched to (-1, 1)",
               "(1 - exp(-z))/(1 + exp(-z))"),
    Activation("logistic slope", ("logistic k", "sigmoid slope", "logistick"), "the logistic function with slope k",
               "1/(1 + exp(-k z))", (_p("k", None, "the slope at 0, times 4"),)),
    Activation("hard sigmoid", ("hardsigmoid",), "a piecewise-linear sigmoid",
               "max(0, min(1, z/6 + 1/2))", source="torch.nn.Hardsigmoid", kinks=("left", "right")),
    Activation("hard tanh", ("hardtanh",), "tanh clipped to a line", "max(-1, min(1, z))",
               source="torch.nn.Hardtanh", kinks=("left", "right")),
    Activation("relu", ("rectifier", "rectified linear unit"), "the rectified linear unit", "max(0, z)",
               source="torch.nn.ReLU", kinks=("left",)),
    Activation("relu6", (), "ReLU capped at 6", "min(max(0, z), 6)", source="torch.nn.ReLU6",
               kinks=("left", "right")),
    Activation("leaky relu", ("lrelu",), "ReLU with a small slope for z < 0", "max(0, z) + alpha min(0, z)",
               (_p("alpha", "0.01", "negative_slope in torch.nn.LeakyReLU", positive=False),),
               source="torch.nn.LeakyReLU", kinks=("left",)),
    Activation("prelu", ("parametric relu",), "leaky ReLU with a learned slope a", "max(0, z) + a min(0, z)",
               (_p("a", "0.25", "the learned slope (torch.nn.PReLU's init)", positive=False),),
               source="torch.nn.PReLU", kinks=("left",)),
    Activation("elu", (), "the exponential linear unit", "where(z > 0, z, alpha (exp(z) - 1))",
               (_p("alpha", "1", "alpha in torch.nn.ELU"),), source="torch.nn.ELU", kinks=("left",)),
    Activation("celu", (), "ELU, continuously differentiable for every alpha",
               "where(z > 0, z, alpha (exp(z/alpha) - 1))", (_p("alpha", "1", "alpha in torch.nn.CELU"),),
               source="torch.nn.CELU", kinks=("left",)),
    Activation("selu", (), "the scaled ELU", "lambda where(z > 0, z, alpha (exp(z) - 1))",
               (_p("lambda", SELU_SCALE, "scale in torch.nn.SELU"), _p("alpha", SELU_ALPHA, "alpha in torch.nn.SELU")),
               source="torch.nn.SELU", kinks=("left",)),
    Activation("gelu", ("gelu exact", "gelu erf"), "the Gaussian error linear unit, exact",
               "z/2 (1 + erf(z/sqrt(2)))", source="torch.nn.GELU(approximate='none')"),
    Activation("gelu tanh", ("gelu approximate", "gelu approx"), "GELU, the tanh approximation",
               "z/2 (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))", source="torch.nn.GELU(approximate='tanh')"),
    Activation("silu", ("swish",), "the sigmoid-weighted linear unit", "z sigmoid(beta z)",
               (_p("beta", "1", "beta in swish; torch.nn.SiLU is beta = 1"),), source="torch.nn.SiLU"),
    Activation("mish", (), "a self-gated smooth activation", "z tanh(log(1 + exp(z)))", source="torch.nn.Mish"),
    Activation("softplus", (), "a smooth ReLU", "1/beta log(1 + exp(beta z))",
               (_p("beta", "1", "beta in torch.nn.Softplus (its threshold is a numerical shortcut, left out)"),),
               source="torch.nn.Softplus"),
    Activation("softsign", (), "z over 1 + |z|", "z/(1 + |z|)", source="torch.nn.Softsign"),
    Activation("log sigmoid", ("logsigmoid",), "the logarithm of the sigmoid", "log(sigmoid(z))",
               source="torch.nn.LogSigmoid"),
    Activation("tanhshrink", ("tanh shrink",), "z minus tanh z", "z - tanh(z)", source="torch.nn.Tanhshrink"),
    Activation("softshrink", ("soft shrink",), "soft thresholding",
               "where(z > lambda, z - lambda, where(z < -lambda, z + lambda, 0))",
               (_p("lambda", "0.5", "lambd in torch.nn.Softshrink"),), source="torch.nn.Softshrink",
               kinks=("right", "left")),
    Activation("hardshrink", ("hard shrink",), "hard thresholding",
               "where(z > lambda, z, where(z < -lambda, z, 0))",
               (_p("lambda", "0.5", "lambd in torch.nn.Hardshrink"),), source="torch.nn.Hardshrink",
               kinks=("right", "left")),
    Activation("hardswish", ("hard swish",), "a piecewise swish", "z min(max(0, z + 3), 6)/6",
               source="torch.nn.Hardswish", kinks=("right", "left")),
    Activation("threshold", (), "z above a threshold, a constant below it", "where(z > theta, z, v)",
               (_p("theta", "1", "threshold in torch.nn.Threshold (it has no default)", positive=False),
                _p("v", "0", "value in torch.nn.Threshold (it has no default)", positive=False)),
               source="torch.nn.Threshold", kinks=("left",)),
    Activation("identity", ("linear",), "the identity", "z", source="torch.nn.Identity"),
    Activation("exponential", ("exp",), "the exponential", "exp(z)"),
    Activation("arctan", ("atan",), "the arctangent", "atan(z)"),
    Activation("gaussian", ("gauss",), "the Gaussian bump", "exp(-z^2)"),
    Activation("isru", ("inverse square root unit",), "z over sqrt(1 + alpha z^2), a smooth squashing",
               "z/sqrt(1 + alpha z^2)", (_p("alpha", "1", "alpha in the ISRU paper"),),
               source="Carlile et al. 2017, arXiv:1710.09967"),
    Activation("isrlu", ("inverse square root linear unit",), "the identity for z >= 0, ISRU below",
               "where(z >= 0, z, z/sqrt(1 + alpha z^2))", (_p("alpha", "1", "alpha in the ISRLU paper"),),
               source="Carlile et al. 2017, arXiv:1710.09967"),
    Activation("squareplus", (), "a smooth ReLU made of square roots", "(z + sqrt(z^2 + b))/2",
               (_p("b", "4", "b in the paper (its default 4 matches softplus near 0)"),),
               source="Barron 2021, arXiv:2112.11687"),
    Activation("bent identity", ("bent",), "the identity bent by a hyperbola", "(sqrt(z^2 + 1) - 1)/2 + z",
               source="Wikipedia, Activation function (table)"),
    Activation("lisht", ("linearly scaled tanh",), "z tanh z", "z tanh(z)",
               source="Roy et al. 2019, arXiv:1901.05894"),
    Activation("sqnl", ("square nonlinearity",), "a piecewise-quadratic tanh",
               "where(z > 2, 1, where(z >= 0, z - z^2/4, where(z >= -2, z + z^2/4, -1)))",
               source="Wuraola & Patel 2018, IJCNN (SQNL)"),
    Activation("binary step", ("step", "heaviside step"), "0 below 0, 1 from 0 on", "where(z >= 0, 1, 0)",
               source="Rosenblatt 1958, the perceptron; torch.heaviside(z, 1)"),
    Activation("cloglog", ("complementary log-log", "complementary log log"),
               "the inverse of the complementary log-log link", "1 - exp(-exp(z))",
               source="McCullagh & Nelder, Generalized Linear Models (1989)"),
    Activation("gumbel", (), "the Gumbel distribution's CDF", "exp(-exp(-z))",
               source="Gumbel 1935; the log-log link"),
    Activation("probit", ("normal cdf", "phi"), "the standard normal CDF", "(1 + erf(z/sqrt(2)))/2",
               source="Bliss 1934; torch.special.ndtr"),
    Activation("sinusoid", ("sine", "sin"), "the sine", "sin(z)",
               source="Sitzmann et al. 2020, SIREN, arXiv:2006.09661"),
    Activation("lecun tanh", ("scaled tanh", "lecun"), "LeCun's scaled tanh, 1.7159 tanh(2z/3)",
               "1.7159 tanh(2/3 z)", source="LeCun et al. 1998, Efficient BackProp"),
    Activation("generalized logistic", ("generalised logistic", "richards"),
               "the logistic to a power, with a slope", "1/(1 + exp(-beta z))^alpha",
               (_p("alpha", None, "the shape (type I generalized logistic; 1 is the sigmoid)"),
                _p("beta", "1", "the slope (the growth rate in Richards' curve)")),
               source="Richards 1959; type I generalized logistic"),
    Activation("swish-beta", ("swish beta",), "swish with its slope beta kept", "z sigmoid(beta z)",
               (_p("beta", None, "beta in swish, trainable in the paper"),),
               source="Ramachandran et al. 2017, arXiv:1710.05941"),
    Activation("rrelu", ("randomized relu", "rrelu eval"), "randomized leaky ReLU in eval mode: slope (lower + upper)/2",
               "max(0, z) + (lower + upper)/2 min(0, z)",
               (_p("lower", "1/8", "lower in torch.nn.RReLU"), _p("upper", "1/3", "upper in torch.nn.RReLU")),
               source="torch.nn.RReLU (eval mode); Xu et al. 2015", kinks=("left",)),
    Activation("softmax", (), "the normalised exponential of a vector", "exp(z_i)/sum_k exp(z_k)",
               source="torch.nn.Softmax", multivariate=True),
)


def normalise(name: str) -> str:
    """Names match without regard to case, '-', '_' or spaces: Leaky_ReLU = leaky-relu."""
    return "".join(c for c in name.lower() if c not in "-_ ")


_BY_KEY: dict[str, Activation] = {normalise(n): a for a in CATALOG for n in (a.name, *a.aliases)}
#: each key as the catalog spells it (the name, or the alias a user would type: swish, not silu)
_SPELLING: dict[str, str] = {normalise(n): n for a in CATALOG for n in (*a.aliases, a.name)}


def find(name: str) -> Activation | None:
    return _BY_KEY.get(normalise(name))


def suggestions(name: str) -> list[str]:
    """The names or aliases closest to ``name`` (at most 3, one per entry), as spelled in the
    catalog: 'swishh' suggests 'swish' (an alias of silu), not 'silu', which was not meant."""
    key = normalise(name)
    score = {c: difflib.SequenceMatcher(None, key, c).ratio()
             for c in difflib.get_close_matches(key, list(_BY_KEY), n=len(_BY_KEY), cutoff=0.6)}
    if not score:
        return []
    best = max(score.values())
    # the closest, and any others just as close; an entry's own name first where it ties
    order = sorted((c for c in score if score[c] >= best - 0.02),
                   key=lambda c: (-score[c], _SPELLING[c] != _BY_KEY[c].name, c))
    shown: dict[Activation, str] = {}
    for c in order:
        shown.setdefault(_BY_KEY[c], _SPELLING[c])
    return list(shown.values())[:3]


def lookup(name: str) -> Activation:
    """The entry for a name or alias, or a DeriveError that suggests the closest names."""
    entry = find(name)
    if entry is not None:
        return entry
    close = suggestions(name)
    hint = f" — did you mean {' or '.join(map(repr, close))}?" if close else " (see 'derive list')"
    shown = name if len(name) <= 40 else name[:37] + "..."  # one readable line, whatever was typed
    raise DeriveError(f"unknown activation {shown!r}{hint}")
