"""The command line: ``derive NAME`` and its subcommands. Only wiring: options in,
the engine's derivation out through a renderer.

Each command imports the engine and its renderer inside its function, when it runs:
``--help`` and ``--version`` load no SymPy, and a command loads only the renderer it
prints with (rich for the terminal, the LaTeX printer for LaTeX, ...)."""

from __future__ import annotations

import os
import sys

import click

from . import __version__, limits
from .errors import DeriveError, EngineFault
from .limits import OutOfMemory, OutOfTime, deadline, out_of_memory, start_command, stop_command
from .output import atomic, emit, format_from, refuse_existing

FORMATS = ("text", "latex", "json", "beamer", "markdown", "html", "python")
#: what an output file's extension means where --format is not given
BY_EXTENSION = {".tex": "latex", ".md": "markdown", ".json": "json", ".txt": "text", ".html": "html",
                ".py": "python"}


#: what a shell reports for a process ended by SIGPIPE: the reader of the output went away
EXIT_BROKEN_PIPE = 141


class UsageFailure(click.ClickException):
    """A DeriveError on its way out: one line, exit code 2, inside click's own handling
    (so that CliRunner and ``main`` see the same thing)."""

    exit_code = 2
    #: after a deadline or out of memory: exit without freeing what the derivation built
    urgent = False

    def show(self, file=None) -> None:
        click.echo(f"derive: error: {self.message}", err=True)


def _urgent(message: str) -> UsageFailure:
    failure = UsageFailure(message)
    failure.urgent = True
    return failure


class DefaultGroup(click.Group):
    """A group where ``derive sigmoid`` means ``derive show sigmoid``."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # the reader went away (derive list | head -1): quiet, as SIGPIPE is
            raise SystemExit(EXIT_BROKEN_PIPE) from None
        except MemoryError:

            raise _urgent(str(out_of_memory())) from None
        except DeriveError as e:

            raise (_urgent if isinstance(e, (OutOfTime, OutOfMemory)) else UsageFailure)(str(e)) from None
        except click.UsageError as e:  # one line, like every other error
            where = "derive" if e.ctx is None or e.ctx.parent is None else f"derive {e.ctx.info_name}"
            raise UsageFailure(f"{e.format_message()} (see '{where} --help')") from None
        finally:  # the deadline ends with the command, even one whose options failed to parse

            stop_command()

    default_command = "show"

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        try:
            return super().parse_args(ctx, args)
        except BrokenPipeError:  # --help or --version into a closed pipe
            raise SystemExit(EXIT_BROKEN_PIPE) from None

    def format_usage(self, ctx, formatter):
        formatter.write_usage("derive", "NAME [OPTIONS] | COMMAND [ARGS]...")


class FormulaCommand(click.Command):
    """A command whose arguments may be formulas that begin with a minus: in
    ``derive "-log(sigmoid(-z))"`` the argument is a formula, not the option -l.  An
    argument that starts with '-' is an option only if it names one of the command's
    options (-n2, --order=2, --format); otherwise it is a formula, handed on with a space
    before it so that click does not read it as an option (the parser ignores the space)."""

    def parse_args(self, ctx, args):
        names = {n: p for p in self.get_params(ctx) if isinstance(p, click.Option) for n in p.opts + p.secondary_opts}
        out, value_next = [], False
        for arg in args:
            if arg == "--":
                out.append(arg)
                value_next = False
                continue
            if not value_next and arg.startswith("-") and len(arg) > 1 and not self._is_option(arg, names):
                arg = " " + arg
            option = names.get(arg)
            value_next = option is not None and not option.is_flag and not option.count
            out.append(arg)
        return super().parse_args(ctx, out)

    @staticmethod
    def _is_option(arg: str, names: dict) -> bool:
        if arg.startswith("--"):
            return True  # a formula never starts with two minus signs worth reading
        return arg[:2] in names  # -n, -n2, -fjson, -pbeta=2


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="derive", message="%(prog)s %(version)s")
def cli() -> None:
    """Derive the derivative of an activation function step by step, as a lecture does,
    and rewrite it in terms of the activation itself.

    \b
    Examples:
      derive sigmoid                          the chain, in the terminal
      derive tanh --format latex              an amsmath aligned block for notes
      derive sigmoid --format json            for other tools
      derive leaky-relu --param alpha=0.2     a parameter set by hand
      derive elu --symbolic                   alpha kept as a symbol
      derive "1/(1+exp(-2z))"                 any formula you type
      derive '\\frac{1}{1+e^{-z}}'             or its LaTeX
      derive sigmoid --order 2                the second derivative, in g
      derive notes sigmoid tanh -o notes.tex  lecture notes that compile
      derive check my-derivation.tex          check a hand derivation
      derive list                             the activations derive knows
    """


PARAM = click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
                     help="Set a parameter, e.g. --param alpha=0.1 (repeatable); 'derive list' shows them.")


OUTPUT = click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
                      help="Write to FILE instead of the terminal; its extension chooses the format "
                           "where --format is not given.")
FORCE = click.option("--force", is_flag=True, help="Overwrite an existing output file.")
NO_CACHE = click.option("--no-cache", is_flag=True,
                        help="Do not use or fill the cache of outputs (also DERIVE_NO_CACHE=1).")


def _start_deadline(ctx: click.Context, param: click.Parameter, seconds: float) -> float:
    """--timeout: one deadline for the whole command (derivation, facts, rendering, writing)."""

    start_command(seconds, f"on derive {ctx.info_name}")
    ctx.call_on_close(stop_command)
    return seconds


TIMEOUT = click.option("--timeout", type=click.FloatRange(0.1, 3600), default=20.0, show_default=True,
                       callback=_start_deadline,
                       help="Give up after this many seconds (the whole command), with one line saying so.")


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


@cli.command("show", cls=FormulaCommand, short_help="Derive an activation step by step (the default: derive NAME).")
@click.argument("function", metavar="NAME|FORMULA")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="text (default): the chain laid out like the slide; latex: an aligned block; json: the "
                   "data; beamer: slides revealing a line at a time; markdown: for GitHub and Jupyter; "
                   "html: one self-contained web page (MathML, a button revealing a line at a time); "
                   "python: NumPy code, a forward and a backward from the saved output g.")
@click.option("--standalone", is_flag=True, help="latex and beamer: a whole document that compiles.")
@PARAM
@click.option("--symbolic", is_flag=True, help="Keep the activation's parameters as symbols (alpha, beta, ...).")
@click.option("-n", "--order", type=click.IntRange(1, 12), default=1, show_default=True,
              help="Which derivative: 2 for g''(z), written in g where g' is.")
@click.option("--var", default="z", show_default=True, help="The variable of a typed formula.")
@click.option("--latex-input", "latex", is_flag=True, default=None,
              help="Read the formula as LaTeX (otherwise LaTeX is recognised by a backslash or brace).")
@click.option("--steps", "--detail", "steps", is_flag=True,
              help="Also show the full tree of rules (text; JSON always has it under \"steps\").")
@click.option("--notes/--no-notes", default=True, show_default=True, help="Explain each line beside it (text).")
@click.option("--reveal", is_flag=True, help="On a terminal, show one line per key press "
                                             "(space/enter: next line, q: quit).")
@OUTPUT
@FORCE
@TIMEOUT
@NO_CACHE
def show(function: str, fmt: str | None, standalone: bool, params: tuple[str, ...], symbolic: bool, order: int,
         var: str, latex: bool | None, steps: bool, notes: bool, reveal: bool, output: str | None,
         force: bool, timeout: float, no_cache: bool) -> None:
    """Derive an activation step by step: a name from 'derive list' (sigmoid,
    leaky-relu, GELU, ...) or a formula in z, typed (z*sigmoid(z), 1/(1+e^-z),
    max(0, z), where(z > 0, z, 0.1z)) or in LaTeX.

    In a formula, juxtaposition multiplies (2z, z(1+z)), ^ and ** are powers, e is
    Euler's number and decimals are exact (0.1 = 1/10). Functions: exp, log/ln,
    sqrt, abs or |z|, sign, tanh, sinh, cosh, sech, sin, cos, tan, atan, asinh, erf,
    erfc, sigmoid/sigma, softplus, heaviside, max, min, where(condition, then, else).
    Any other name is a constant parameter.

    Every line printed has been checked equal to the line before it, by a symbolic
    proof or, failing that, at sample points with 30 significant digits.
    """
    fmt = fmt or format_from(output, BY_EXTENSION, "text")
    refuse_existing(output, force)
    if standalone and fmt not in ("latex", "beamer"):
        raise UsageFailure("--standalone applies to --format latex and beamer")
    to_terminal = fmt == "text" and output is None
    options = {"function": function, "format": fmt, "standalone": standalone, "params": sorted(params),
               "symbolic": symbolic, "order": order, "var": var, "latex": latex, "steps": steps, "notes": notes}
    name = None
    if not no_cache and not (reveal and to_terminal):
        from . import cache

        name = cache.key("show", options, terminal=to_terminal)
        hit = cache.load(name)
        if hit is not None:  # no SymPy, no rich: the bytes as they were
            emit(hit, output, force)
            return
    from .api import derive

    with deadline(timeout, f"deriving {_shown(function)}"):
        derivation = derive(function, var=var, params=_parameters(params), symbolic=symbolic, latex=latex,
                            order=order)
    if to_terminal:
        text = _show_text(derivation, notes=notes, steps=steps, reveal=reveal)
    else:
        text = _rendered(derivation, fmt, standalone=standalone, notes=notes, steps=steps,
                         name=_requested_name(function))
        emit(text, output, force)
    if name is not None and text is not None:
        from . import cache

        cache.store(name, text.encode("utf-8"))


def _rendered(derivation, fmt: str, *, standalone: bool, notes: bool, steps: bool, name: str | None) -> str:
    """The derivation in a format for a file or a pipe; ``name``: the catalog name as typed
    (``swish``, not ``silu``), for the formats that title it or name functions after it."""
    if fmt == "latex":
        from .render.document import article
        from .render.latex import aligned

        return article([derivation], names=[name]) if standalone else aligned(derivation) + "\n"
    if fmt == "beamer":
        from .render.beamer import beamer

        return beamer([derivation], standalone=standalone, names=[name])
    if fmt == "markdown":
        from .render.markdown import markdown

        return markdown(derivation, name=name)
    if fmt == "python":
        from .render.python import python

        return python(derivation, name=name)
    if fmt == "json":
        from .render.json import dumps

        return dumps(derivation) + "\n"
    if fmt == "html":
        from .render.html import page

        return page([derivation], names=[name])
    from rich.console import Group

    from .render.text import DerivationView, StepsView

    views = [DerivationView(derivation, notes=notes)]
    if steps and derivation.steps is not None:
        views += ["", StepsView(derivation.step_tree)]
    return _rendered_view(Group(*views), output="a file")


def _show_text(derivation, *, notes: bool, steps: bool, reveal: bool) -> str | None:
    """The chain on the terminal; returns what was printed (for the cache), or None if revealed."""
    from .render.text import DerivationView, StepsView

    console = _console()
    if reveal and console.is_terminal and sys.stdin.isatty():
        from .render.text import reveal as reveal_lines

        reveal_lines(console, DerivationView(derivation, notes=notes), next_key=click.getchar)
        return None
    with console.capture() as captured:
        console.print(DerivationView(derivation, notes=notes))
        if steps and derivation.steps is not None:
            console.print()
            console.print(StepsView(derivation.step_tree))
    text = captured.get()
    sys.stdout.write(text)
    sys.stdout.flush()
    return text


@cli.command("notes", cls=FormulaCommand, short_help="Lecture notes for several activations, one section each.")
@click.argument("functions", nargs=-1, required=True, metavar="NAME|FORMULA...")
@click.option("-f", "--format", "fmt", type=click.Choice(["latex", "markdown", "beamer", "html"]), default=None,
              help="latex (default): an article with prose, the chains, findings and pictures; "
                   "markdown; beamer: a frame per function; html: one self-contained web page.")
@click.option("-n", "--order", type=click.IntRange(1, 12), default=1, show_default=True,
              help="Also the derivatives up to this order (2: the second derivative too).")
@click.option("--title", default="Derivatives of activation functions", show_default=True, help="The title.")
@OUTPUT
@FORCE
@TIMEOUT
def notes_(functions: tuple[str, ...], fmt: str | None, order: int, title: str, output: str | None,
           force: bool, timeout: float) -> None:
    """Write lecture notes: for each function a short introduction, the chain with
    each step explained, the form in g, the points where it is not differentiable,
    and a picture of g and g'. 'derive notes sigmoid tanh relu softplus -o notes.tex'.
    """
    from .api import derive

    fmt = fmt or format_from(output, {".tex": "latex", ".md": "markdown", ".html": "html"}, "latex")
    refuse_existing(output, force)

    derivations, names = [], []
    with deadline(timeout, "writing the notes"):  # every function together
        for name in functions:
            derivations.append(derive(name))
            names.append(_requested_name(name))
            if derivations[-1].steps is not None:
                derivations.extend(derive(name, order=k) for k in range(2, order + 1))
                names.extend(names[-1] for _ in range(2, order + 1))
    if fmt == "latex":
        from .render.document import notes as document

        text = document(derivations, title=title, names=names)
    elif fmt == "beamer":
        from .render.beamer import beamer

        text = beamer(derivations, names=names)
    elif fmt == "html":
        from .render.html import page

        text = page(derivations, title=title, names=names)
    else:
        from .render.markdown import document

        text = document(derivations, title=title, names=names)
    emit(text, output, force)


def _requested_name(typed: str) -> str | None:
    """The catalog name as the user asked for it (swish, not silu); None for a formula."""
    from .catalog import find, normalise

    entry = find(typed)
    if entry is None:
        return None
    return next(n for n in (entry.name, *entry.aliases) if normalise(n) == normalise(typed))


@cli.command("plot", cls=FormulaCommand, short_help="Plot g and g' (needs matplotlib: pip install 'derive[plot]').")
@click.argument("function", metavar="NAME|FORMULA")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True,
              help="The picture: .png, .pdf, .svg or .pgf (the extension chooses the format).")
@click.option("-f", "--format", "fmt", type=click.Choice(["png", "pdf", "svg", "pgf"]), default=None,
              help="Where the extension does not say.")
@PARAM
@click.option("-n", "--order", type=click.IntRange(1, 12), default=1, show_default=True, help="Which derivative.")
@FORCE
@TIMEOUT
def plot_(function: str, output: str, fmt: str | None, params: tuple[str, ...], order: int, force: bool,
          timeout: float) -> None:
    """Plot g(z) and g'(z) on one figure, g' written in terms of g in the legend,
    over a range chosen for the function (wide enough to show every kink)."""
    from .api import derive
    from .render.plot import plot

    fmt = fmt or format_from(output, {".png": "png", ".pdf": "pdf", ".svg": "svg", ".pgf": "pgf"}, "png")
    refuse_existing(output, force)

    with deadline(timeout, f"deriving {_shown(function)}"):
        derivation = derive(function, params=_parameters(params), order=order)
    with atomic(output, suffix="." + fmt, force=force) as temporary:
        plot(derivation, temporary, fmt=fmt, name=_requested_name(function))


@cli.command("list", short_help="List the activations derive knows.")
@NO_CACHE
@OUTPUT
@FORCE
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=20.0, show_default=True,
              callback=_start_deadline, expose_value=False,
              help="Give up after this many seconds, with one line saying so.")
def list_(no_cache: bool, output: str | None, force: bool) -> None:
    """List the activations derive knows: names, parameters and defaults, the formula,
    and g'(z) in terms of g(z) as the engine derives it now (a form in g and z, or per
    piece, where no form in g alone exists)."""
    from . import cache

    refuse_existing(output, force)
    name = None if no_cache else cache.key("list", {"file": output is not None}, terminal=output is None)
    hit = cache.load(name) if name else None
    if hit is not None:
        emit(hit, output, force)
        return
    from .catalog import CATALOG
    from .parallel import summarise_each
    from .render.slopes import slope_texts

    # g' and its forms only, on every core, each written as the table shows it where it was
    # derived (only the text travels back); the table's renderer (rich) loads meanwhile
    slopes = summarise_each([entry.name for entry in CATALOG], meanwhile=_table_renderer, kept=slope_texts)
    text = _rendered_view(_table_renderer()(list(zip(CATALOG, slopes))), output)
    emit(text, output, force)
    if name:
        cache.store(name, text.encode("utf-8"))


def _table_renderer():
    """derive list's renderer, imported when first asked for."""
    from .render.catalog import CatalogTable

    return CatalogTable


def _rendered_view(view, output: str | None) -> str:
    """A rich renderable as the terminal shows it, or as plain text for a file."""
    from rich.console import Console

    console = _console() if output is None else Console(file=open(os.devnull, "w"), width=100, emoji=False,  # noqa: SIM115
                                                         color_system=None, highlight=False)
    with console.capture() as captured:
        console.print(view)
    text = captured.get()
    if output is None and console.is_terminal:
        return text
    # a file or a pipe: rich pads tables to the width, plain text has no trailing spaces
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


@cli.command("check", short_help="Check a hand derivation line by line; grade many.")
@click.argument("files", nargs=-1, required=True, metavar="FILE... | -")
@click.option("--function", "function", metavar="NAME|FORMULA",
              help="The function, when the text does not define it (a name from 'derive list' or a formula).")
@click.option("--var", default=None, help="The variable, when the text does not show it (default: z).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default=None,
              help="text (default): the verdicts, or a summary table for many files; json: the data, for "
                   "grading scripts; csv: one row per file, for a gradebook.")
@click.option("--summary", type=click.Choice(["table", "csv"]), default=None,
              help="Many files: a table (the default) or CSV, instead of each file's verdicts.")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=20.0, show_default=True,
              help="Seconds allowed for each file.")
@click.option("-j", "--jobs", type=click.IntRange(0, 64), default=0, show_default=True,
              help="Worker processes for many files (0: one per core).")
@OUTPUT
@FORCE
def check(files: tuple[str, ...], function: str | None, var: str | None, fmt: str | None, summary: str | None,
          timeout: float, jobs: int, output: str | None, force: bool) -> None:
    """Check a hand derivation, line by line: LaTeX (an aligned block, equations, a
    whole document) or plain text (one step per line: g(z) = ..., = ..., g'(z) = ...).
    '-' reads standard input.

    The first line that defines the function names it (g(z), f(x), \\sigma(x)). Each
    line is checked against the line it follows from and against the true value at
    that point (the function, or its true derivative). A line that follows correctly
    from a wrong line carries the error forward; one that is right again after a wrong
    line is back on track: one mistake costs one line. Each wrong line is explained: a
    sign, a missing chain factor, a power, the quotient or product rule, a derivative
    from the table, the algebra, a constant; with the corrected line in your notation.

    \b
    Grading: derive check submissions/*.tex gives a score per file (lines right /
    lines), the first wrong line, the number of errors and totals; --summary csv or
    -o grades.csv a gradebook, -o report.json the data (the extension picks the format).
    Exit codes: 0 every line holds, 1 a wrong line, 2 unreadable input.
    """
    import json

    from .batch import check_file, check_many, check_text, exit_code, read_text
    from .render.check import CheckView, SummaryTable, check_data, summary_csv

    refuse_existing(output, force)
    fmt = fmt or ("csv" if summary == "csv" else format_from(output, CHECK_BY_EXTENSION, "text"))
    options = {"var": var, "function": function, "timeout": timeout}
    if len(files) == 1 and summary is None:
        path = files[0]
        text, problem = read_text(path)
        chain = None
        if text is not None:
            chain, problem = check_text(text, **options)
        data = {"file": "<stdin>" if path == "-" else path, **check_data(chain, problem)}
        if fmt == "json":
            emit(json.dumps(data, indent=2, ensure_ascii=False) + "\n", output, force)
        elif fmt == "csv":
            emit(summary_csv([data]), output, force)
        elif chain is None or chain.problem is not None:
            raise UsageFailure(f"{data['file']}: {problem or chain.problem}")
        else:
            emit(_rendered_view(CheckView(chain), output), output, force)
        sys.exit(exit_code([data]))

    if "-" in files:
        raise UsageFailure("'-' (standard input) can only be checked alone")
    results = _check_all(list(files), jobs or os.cpu_count() or 1, check_many, check_file, options)
    if fmt == "json":
        emit(json.dumps(results, indent=2, ensure_ascii=False) + "\n", output, force)
    elif fmt == "csv":
        emit(summary_csv(results), output, force)
    else:
        emit(_rendered_view(SummaryTable(results), output), output, force)
    sys.exit(exit_code(results))


#: what an output file's extension means for derive check
CHECK_BY_EXTENSION = {".json": "json", ".csv": "csv", ".txt": "text"}


def _check_all(paths, jobs, check_many, check_file, options):
    """Many files: worker processes and a progress bar on a terminal; one file, or one
    job, runs here."""
    if jobs == 1 or len(paths) == 1:
        return [check_file(p, **options) for p in paths]
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    err = Console(stderr=True, emoji=False)
    if not err.is_terminal:
        return check_many(paths, jobs=min(jobs, len(paths)), **options)
    columns = (TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("check", total=len(paths))
        return check_many(paths, jobs=min(jobs, len(paths)), done=lambda _: progress.advance(task), **options)


def _parameters(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {pair[:40]!r}", param_hint="--param")
        if name.strip() in out:
            raise click.BadParameter(f"{name.strip()!r} is given twice", param_hint="--param")
        out[name.strip()] = value.strip()
    return out


def _console():
    from rich.console import Console

    # rich leaves colour out when stdout is not a terminal, and honours NO_COLOR.
    # emoji=False: ":smile:" in a student's line stays as typed (and rich's emoji table is not loaded)
    return Console(highlight=False, emoji=False, no_color="NO_COLOR" in os.environ)


def main() -> None:
    """The ``derive`` script: the command line with the process's limits (limits.py), and
    every failure as one line: 2 for input, usage and the environment (a full disk, a closed
    output), 3 only for an internal check that failed, 130/143 interrupted, 141 broken pipe."""

    limits.install()
    code = 0
    try:
        _require_stdout()
        cli.main(standalone_mode=False)
        if sys.stdout is not None:
            sys.stdout.flush()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    except click.exceptions.Abort:
        code = 130
    except click.ClickException as e:
        _say(e.show)
        code = e.exit_code
        if getattr(e, "urgent", False):
            limits.end_now(code)
    except (OutOfTime, OutOfMemory) as e:
        _say(lambda: click.echo(f"derive: error: {e}", err=True))
        limits.end_now(2)
    except DeriveError as e:
        _say(lambda: click.echo(f"derive: error: {e}", err=True))
        code = 2
    except EngineFault as e:
        _say(lambda: click.echo(f"derive: internal error (a bug, please report it): {e}", err=True))
        code = 3
    except BrokenPipeError:
        code = EXIT_BROKEN_PIPE
    except MemoryError:
        _say(lambda: click.echo(f"derive: error: {limits.out_of_memory()}", err=True))
        limits.end_now(2)
    except OSError as e:  # the environment: a full disk, a closed or failing output
        where = "cannot write the output" if e.filename is None else str(e.filename)
        _say(lambda: click.echo(f"derive: error: {where}: {e.strerror or e}", err=True))
        code = 2
    except RecursionError:
        _say(lambda: click.echo("derive: error: the expression is nested too deeply to work with", err=True))
        code = 2
    except Exception as e:  # noqa: BLE001 -- never a traceback: one line, and a bug to report
        _say(lambda: click.echo(f"derive: internal error (a bug, please report it): {type(e).__name__}: {e}"[:300],
                                err=True))
        code = 3
    finally:
        limits.stop_command()
        limits.uninstall()
    if code in (2, EXIT_BROKEN_PIPE) and not _stdout_works():
        _quiet_stdout()  # what is left in its buffer cannot be written, and must not fail at exit
    sys.exit(code)


def _require_stdout() -> None:
    """A closed standard output (derive sigmoid >&-) is an error, not a silent success."""
    try:
        os.fstat(1)
        if sys.stdout is None:
            raise OSError
    except OSError:
        raise OSError(9, "standard output is closed") from None


def _say(show) -> None:
    """Print an error line; if even stderr fails, the exit code says it."""
    try:
        show()
    except (OSError, ValueError):
        pass


def _stdout_works() -> bool:
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
        return sys.stdout is not None
    except (OSError, ValueError):
        return False


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
