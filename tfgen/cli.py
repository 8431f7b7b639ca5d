"""The command line: options in, one call into the core, an exit code out."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from tfgen import __version__
from tfgen.diagnostics import Report
from tfgen.errors import UsageError
from tfgen.report.printable import printable
from tfgen.report.registry import Options

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Boundary(click.Group):
    """The one place failures become exit codes: no traceback ever reaches the user."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            click.echo(f"Error: {printable(str(exc))}", err=True)
            ctx.exit(EXIT_USAGE)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("tfgen: interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:  # the boundary: anything else is our bug, reported in one line
            from tfgen.support.crash_log import write_crash_log

            where = write_crash_log(exc)
            saved = f"; the traceback is in {printable(where)}" if where else ""
            click.echo(
                f"tfgen: internal error: {type(exc).__name__}: {printable(str(exc))}{saved}",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Boundary, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tfgen")
def cli() -> None:
    """Catch mistakes in Terraform configurations of OpenAI batch jobs before Terraform runs."""


def _use_color(no_color: bool) -> bool:
    return not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()


def _formats() -> list[str]:
    from tfgen.report import REPORTERS

    return sorted(REPORTERS)


_VARIABLE_OPTIONS = {"variables": "var", "var_files": "var-file"}  # parameter -> kind


class _VariablesInOrder(click.Command):
    """`--var` and `--var-file` apply in the order given, mixed, as Terraform applies them.

    click keeps each option's values apart; its own parser also returns the order in which the
    options came, which is kept here, so nothing re-reads the raw arguments.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            values, _, order = self.make_parser(ctx).parse_args(args=list(args))
        except click.UsageError:
            values, order = {}, []  # click reports it properly in the parse below
        pending = {name: list(values.get(name) or ()) for name in _VARIABLE_OPTIONS}
        ctx.meta["ordered_variables"] = tuple(
            (_VARIABLE_OPTIONS[param.name], pending[param.name].pop(0))
            for param in order
            if param.name in _VARIABLE_OPTIONS and pending[param.name]
        )
        return super().parse_args(ctx, args)


def _check_output_files(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        name, _, path = value.partition("=")
        if not path or name not in _formats():
            raise click.BadParameter(
                f"{value!r} is not FORMAT=PATH with FORMAT one of {', '.join(_formats())}",
                ctx,
                param,
            )
        pairs.append((name, path))
    return pairs


_format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(_formats()),
    default="text",
    show_default=True,
    help="Output format of the findings.",
)
_no_color_option = click.option(
    "--no-color", is_flag=True, help="Plain text output, even on a terminal."
)
_output_file = click.option(
    "--output-file",
    "output_files",
    multiple=True,
    callback=_check_output_files,
    metavar="FORMAT=PATH",
    help="Also write the report in FORMAT to PATH (repeatable).",
)


def _emit(
    report: Report, output_format: str, options: Options, output_files: list[tuple[str, str]]
) -> None:
    """The report on stdout, and in every extra format asked for, written atomically."""
    from tfgen.report import format_report
    from tfgen.support.atomic import write_atomic

    read = {os.path.realpath(source) for source in report.sources}
    for name, path in output_files:
        if os.path.realpath(path) in read:
            raise UsageError(f"{path}: refusing to write the {name} report over a file it checks")
    click.echo(format_report(output_format, report, options), nl=False)
    for name, path in output_files:
        try:
            write_atomic(path, format_report(name, report, Options()))
        except OSError as exc:
            raise UsageError(f"{path}: cannot write the {name} report: {exc.strerror}") from None


def _check_var(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    for value in values:
        if "=" not in value or not value.partition("=")[0].strip():
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", ctx, param)
    return values


def _variable_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--var` and `--var-file`, as validate and eval take them (see _VariablesInOrder)."""
    var_file = click.option(
        "--var-file",
        "var_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="Read variable values from a .tfvars or .tfvars.json file (repeatable).",
    )
    var = click.option(
        "--var",
        "variables",
        multiple=True,
        callback=_check_var,
        metavar="NAME=VALUE",
        help="Set a root module variable (repeatable; later wins).",
    )
    return var(var_file(command))


@cli.command(cls=_VariablesInOrder)
@click.argument("paths", nargs=-1, type=click.Path())
@_format_option
@_variable_options
@_output_file
@_no_color_option
@click.option("-q", "--quiet", is_flag=True, help="Print the summary only (text format).")
@click.pass_context
def validate(
    ctx: click.Context,
    paths: tuple[str, ...],
    output_format: str,
    variables: tuple[str, ...],
    var_files: tuple[str, ...],
    output_files: list[tuple[str, str]],
    no_color: bool,
    quiet: bool,
) -> None:
    """Check openai_batch resource and data blocks in .tf and .tf.json files.

    PATHS are files or directories (searched recursively, skipping .terraform/ and hidden
    folders); the default is the current directory.
    """
    from tfgen.commands.run_validate import validate as run
    from tfgen.support.config import find_config
    from tfgen.terraform.variable_sources import VariableSources

    inputs = VariableSources(ctx.meta["ordered_variables"], dict(os.environ))
    report = run(paths or (".",), inputs, find_config(Path.cwd()))
    _emit(report, output_format, Options(color=_use_color(no_color), quiet=quiet), output_files)
    sys.exit(EXIT_PROBLEMS if report.has_errors else EXIT_OK)


@cli.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    "out",
    metavar="OUT",
    help="Where to write ('-' for stdout); default: SPEC with .tf.json.",
)
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 with a diff when OUT is missing or stale."
)
@click.option("--force", is_flag=True, help="Overwrite OUT even if tfgen did not generate it.")
@_format_option
@_no_color_option
def render(
    specs: tuple[str, ...],
    out: str | None,
    check: bool,
    force: bool,
    output_format: str,
    no_color: bool,
) -> None:
    """Render YAML specs into Terraform JSON, checked before anything is written.

    Several SPECs (as a pre-commit hook passes them) are rendered one by one; with a
    `spec-pattern` in the project configuration, files it does not match are skipped.
    """
    from tfgen.commands.run_render import STDOUT, run_render
    from tfgen.report import Options, format_report
    from tfgen.support.config import find_config

    if out is not None and len(specs) > 1:
        raise UsageError("-o/--output takes one SPEC")
    config = find_config(Path.cwd())
    exit_code = EXIT_OK
    for spec in specs if len(specs) == 1 else [s for s in specs if config.is_spec(s)]:
        outcome = run_render(spec, out, check=check, force=force, config=config)
        if outcome.report.diagnostics or output_format != "text":
            options = Options(color=_use_color(no_color))
            text = format_report(output_format, outcome.report, options)
            # With `-o -` stdout carries the document alone.
            click.echo(text, nl=False, err=out == STDOUT)
        if outcome.stdout:
            # The document itself (`-o -`) is JSON, escaped already; a diff shows file content.
            shown = outcome.stdout if out == STDOUT else _printable_lines(outcome.stdout)
            click.echo(shown, nl=False)
        if outcome.message:
            click.echo(printable(outcome.message), err=True)
        exit_code = max(exit_code, outcome.exit_code)
    sys.exit(exit_code)


def _printable_lines(text: str) -> str:
    return "\n".join(printable(line) for line in text.split("\n"))


def _endpoints() -> list[str]:
    from tfgen.checks.schemas import batch_endpoints

    return list(batch_endpoints())


LARGE_INPUT = 20 * 1024 * 1024  # below this a check takes well under a second: no bar


@cli.command("check-input")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--endpoint",
    type=click.Choice(_endpoints()),
    help="The batch's endpoint; default: the url most requests use.",
)
@_format_option
@_output_file
@_no_color_option
@click.option("-q", "--quiet", is_flag=True, help="Print the summary only (text format).")
def check_input(
    files: tuple[str, ...],
    endpoint: str | None,
    output_format: str,
    output_files: list[tuple[str, str]],
    no_color: bool,
    quiet: bool,
) -> None:
    """Check OpenAI batch input files (JSONL) before they are uploaded."""
    from tfgen.commands.run_check_input import run_check_input
    from tfgen.support.config import find_config

    show_progress = output_format == "text" and sys.stderr.isatty()
    with contextlib.ExitStack() as stack:

        def progress_for(path: str) -> Callable[[int, int], None] | None:
            if not show_progress or os.path.getsize(path) < LARGE_INPUT:
                return None
            bar = stack.enter_context(
                click.progressbar(
                    length=os.path.getsize(path), label=f"Checking {path}", file=sys.stderr
                )
            )
            return lambda done, total: bar.update(done - bar.pos)

        report = run_check_input(files, endpoint, find_config(Path.cwd()), progress_for)
    _emit(report, output_format, Options(color=_use_color(no_color), quiet=quiet), output_files)
    sys.exit(EXIT_PROBLEMS if report.has_errors else EXIT_OK)


@cli.command("eval", cls=_VariablesInOrder)
@click.argument("directory", default=".", type=click.Path(exists=True, file_okay=False))
@_variable_options
@_no_color_option
@click.pass_context
def eval_outputs(
    ctx: click.Context,
    directory: str,
    variables: tuple[str, ...],
    var_files: tuple[str, ...],
    no_color: bool,
) -> None:
    """Print the outputs of the module in DIRECTORY as tfgen evaluates them.

    The JSON is shaped like `terraform output -json`: {"NAME": {"value": ...}}, with
    "known": false instead of a value where Terraform knows it only after apply. Findings
    met on the way go to stderr; the exit code is 1 when one is an error.
    """
    from tfgen.commands.run_eval import outputs_json, run_eval
    from tfgen.report import format_report
    from tfgen.terraform.variable_sources import VariableSources

    inputs = VariableSources(ctx.meta["ordered_variables"], dict(os.environ))
    evaluation = run_eval(directory, inputs)
    if evaluation.report.diagnostics:
        options = Options(color=_use_color(no_color) and sys.stderr.isatty())
        click.echo(format_report("text", evaluation.report, options), nl=False, err=True)
    click.echo(outputs_json(evaluation.outputs))
    sys.exit(EXIT_PROBLEMS if evaluation.report.has_errors else EXIT_OK)


@cli.command()
@click.argument("name", type=click.Choice(["resource", "data", "spec"]), default="resource")
def schema(name: str) -> None:
    """Print a JSON Schema (for editors and other tools)."""
    from tfgen.checks.schemas import schema_text

    click.echo(schema_text(name), nl=False)


def _terminated(signum: int, frame: object) -> None:
    # CI cancels a job with SIGTERM: unwind like Ctrl-C, so that no temporary file is left.
    raise SystemExit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _terminated)
    try:
        cli(prog_name="tfgen")
    except KeyboardInterrupt:  # before the boundary is in place (option parsing)
        click.echo("tfgen: interrupted", err=True)
        sys.exit(130)
