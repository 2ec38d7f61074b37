"""The command line: ``derive NAME`` and its subcommands. Only wiring: options in,
the engine's derivation out through a renderer."""

from __future__ import annotations

import os
import sys

import click

from . import __version__
from .errors import DeriveError, EngineFault

FORMATS = ("text", "latex", "json")


class DefaultGroup(click.Group):
    """A group where ``derive sigmoid`` means ``derive show sigmoid``."""

    default_command = "show"

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx, formatter):
        formatter.write_usage("derive", "NAME [OPTIONS] | COMMAND [ARGS]...")


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="derive", message="%(prog)s %(version)s")
def cli() -> None:
    """Derive the derivative of an activation function step by step, as a lecture does,
    and rewrite it in terms of the activation itself.

    \b
    Examples:
      derive sigmoid                  the chain, in the terminal
      derive tanh --format latex      an amsmath aligned block for notes
      derive sigmoid --format json    for other tools
      derive sigmoid --steps          also the tree of rules behind each line
      derive list                     the activations derive knows
    """


@cli.command("show", short_help="Derive NAME step by step (the default: derive NAME).")
@click.argument("name")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: the chain laid out like the slide; latex: an aligned block; json: the data.")
@click.option("--steps", "--detail", "steps", is_flag=True, help="Also show the full tree of rules (text; JSON always has it under \"steps\").")
@click.option("--notes/--no-notes", default=True, show_default=True, help="Explain each line beside it (text).")
def show(name: str, fmt: str, steps: bool, notes: bool) -> None:
    """Derive NAME (e.g. sigmoid, tanh) step by step.

    Every line printed has been checked equal to the line before it, by a symbolic
    proof or, failing that, at sample points with 30 significant digits.
    """
    from .api import derive

    derivation = derive(name)
    if fmt == "latex":
        from .render.latex import aligned

        click.echo(aligned(derivation))
    elif fmt == "json":
        from .render.json import dumps

        click.echo(dumps(derivation))
    else:
        from .render.text import DerivationView, StepsView

        console = _console()
        console.print(DerivationView(derivation, notes=notes))
        if steps:
            console.print()
            console.print(StepsView(derivation.steps))


@cli.command("list", short_help="List the activations derive knows.")
def list_() -> None:
    """List the activations derive knows, with g'(z) in terms of g(z) as derived now."""
    from rich.table import Table
    from rich.text import Text

    from .api import derive
    from .catalog import CATALOG
    from .render.linear import linear

    table = Table("name", "aliases", "g(z)", "g'(z)")
    for entry in CATALOG:
        d = derive(entry.name)
        form = d.in_terms_of_g
        table.add_row(entry.name, ", ".join(entry.aliases), Text(linear(d.lines[0].rhs)),
                      Text(linear(form) if form is not None else "(no form in g found)"))
    _console().print(table)


def _console():
    from rich.console import Console

    # rich leaves colour out when stdout is not a terminal, and honours NO_COLOR.
    return Console(highlight=False, no_color="NO_COLOR" in os.environ)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except DeriveError as e:
        click.echo(f"derive: error: {e}", err=True)
        sys.exit(2)
    except EngineFault as e:
        click.echo(f"derive: internal error (a bug, please report it): {e}", err=True)
        sys.exit(3)
    except BrokenPipeError:
        sys.exit(0)
    except RecursionError:
        click.echo("derive: error: the expression is nested too deeply to work with", err=True)
        sys.exit(2)
    except Exception as e:  # noqa: BLE001 -- never a traceback: one line, and a bug to report
        click.echo(f"derive: internal error (a bug, please report it): {type(e).__name__}: {e}"[:300], err=True)
        sys.exit(3)
