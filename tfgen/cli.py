"""The command line: options in, one call into the core, an exit code out."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from tfgen import __version__
from tfgen.commands import STDOUT
from tfgen.diagnostics import Report, Severity
from tfgen.errors import UsageError
from tfgen.report.printable import printable
from tfgen.report.registry import Options

if TYPE_CHECKING:
    from tfgen.commands.run_fix import FileFix
    from tfgen.support.config import Config

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
        except BrokenPipeError:
            # The reader of the output went away (`tfgen validate | head`): stop writing and
            # exit 1, as Python's documentation advises, with nothing more said.
            _quiet_stdout()
            ctx.exit(EXIT_PROBLEMS)
        except Exception as exc:  # the boundary: anything else is our bug, reported in one line
            from tfgen.support.crash_log import write_crash_log

            where = write_crash_log(exc)
            saved = f"; the traceback is in {printable(where)}" if where else ""
            click.echo(
                f"tfgen: internal error: {type(exc).__name__}: {printable(str(exc))}{saved}",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


def _quiet_stdout() -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):  # not a file (CliRunner)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


EPILOG = """\b
Exit codes: 0 no errors found; 1 problems found (or a stale render --check); 2 a usage
error (a bad option, a path with nothing to check); 3 an internal error (one line here,
the traceback in a log file it names).
\b
Configuration: .tfgen.toml, or [tool.tfgen] in pyproject.toml, the nearest to the first
path checked (or --config FILE): disable, severity, exclude, spec-pattern."""


@click.group(cls=_Boundary, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tfgen")
def cli() -> None:
    """Catch mistakes in Terraform configurations of OpenAI batch jobs before Terraform runs."""


def _use_color(settings: Settings, stream: Any = None) -> bool:
    """--color, then NO_COLOR and FORCE_COLOR (each counts when set and not empty), then
    whether the stream is a terminal."""
    if settings.color != "auto":
        return settings.color == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool((stream or sys.stdout).isatty())


@dataclass(frozen=True)
class Settings:
    """The options every checking command shares."""

    color: str = "auto"  # auto | always | never
    strict: bool = False  # warnings fail too
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config: str | None = None

    def for_paths(self, paths: Iterable[str]) -> Config:
        from tfgen.support.config import chosen_config

        return chosen_config(paths, self.config, self.select, self.ignore)

    def exit_code(self, report: Report) -> int:
        failing = report.has_errors or (self.strict and report.count(Severity.WARNING) > 0)
        return EXIT_PROBLEMS if failing else EXIT_OK


def _settings(command: Callable[..., Any]) -> Callable[..., Any]:
    """--color/--no-color, --strict, --select, --ignore and --config, gathered as `settings`."""

    @functools.wraps(command)
    def gathered(
        *args: Any,
        color: str,
        no_color: bool,
        strict: bool,
        select: tuple[str, ...],
        ignore: tuple[str, ...],
        config_file: str | None,
        **kwargs: Any,
    ) -> Any:
        chosen = Settings("never" if no_color else color, strict, select, ignore, config_file)
        return command(*args, settings=chosen, **kwargs)

    options = [
        click.option(
            "--color",
            type=click.Choice(["auto", "always", "never"]),
            default="auto",
            show_default=True,
            help="Colour in text output; auto: on a terminal, unless NO_COLOR is set "
            "(FORCE_COLOR turns it on).",
        ),
        click.option("--no-color", is_flag=True, help="The same as --color never."),
        click.option("--strict", is_flag=True, help="Exit 1 on warnings too."),
        click.option(
            "--select",
            multiple=True,
            metavar="CODE,...",
            help="Report only these codes (repeatable).",
        ),
        click.option(
            "--ignore", multiple=True, metavar="CODE,...", help="Never report these codes."
        ),
        click.option(
            "--config",
            "config_file",
            type=click.Path(exists=True, dir_okay=False),
            help="Use this .tfgen.toml or pyproject.toml instead of the nearest one to the "
            "first path checked.",
        ),
    ]
    for option in reversed(options):
        gathered = option(gathered)
    return gathered


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
    help="Also write the report in FORMAT to PATH ('-': stdout; repeatable).",
)


def _emit(
    report: Report,
    output_format: str | None,
    options: Options,
    output_files: list[tuple[str, str]],
    err: bool = False,
) -> None:
    """The report on stdout (stderr with err; nowhere without a format), and in every extra
    format asked for, written atomically."""
    from tfgen.report import format_report
    from tfgen.support.atomic import write_atomic

    read = {os.path.realpath(source) for source in report.sources}
    for name, path in output_files:
        if path != STDOUT and os.path.realpath(path) in read:
            raise UsageError(f"{path}: refusing to write the {name} report over a file it checks")
    if output_format is not None:
        # click strips colour codes from output that is not a terminal unless told otherwise.
        text = format_report(output_format, report, options)
        click.echo(text, nl=False, err=err, color=options.color)
    for name, path in output_files:
        if path == STDOUT:  # `-` is stdout, as everywhere on the command line
            click.echo(format_report(name, report, Options()), nl=False)
            continue
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


@cli.command(cls=_VariablesInOrder, epilog=EPILOG)
@click.argument("paths", nargs=-1, type=click.Path())
@_format_option
@_variable_options
@_output_file
@_settings
@click.option("-q", "--quiet", is_flag=True, help="Print the summary only (text format).")
@click.option(
    "--fix",
    is_flag=True,
    help='Make the edits of the findings with one "did you mean", then report what is left.',
)
@click.option("--diff", is_flag=True, help="Print those edits as a diff; write nothing.")
@click.pass_context
def validate(
    ctx: click.Context,
    paths: tuple[str, ...],
    output_format: str,
    variables: tuple[str, ...],
    var_files: tuple[str, ...],
    output_files: list[tuple[str, str]],
    settings: Settings,
    quiet: bool,
    fix: bool,
    diff: bool,
) -> None:
    """Check openai_batch resource and data blocks in .tf and .tf.json files.

    PATHS are files or directories (searched recursively, skipping .terraform/ and hidden
    folders); the default is the current directory.
    """
    from tfgen.commands.run_validate import validate as run
    from tfgen.terraform.variable_sources import VariableSources

    inputs = VariableSources(ctx.meta["ordered_variables"], dict(os.environ))
    paths = paths or (".",)
    show_progress = output_format == "text" and not quiet and sys.stderr.isatty()
    with contextlib.ExitStack() as stack:
        bars = _module_bars(stack) if show_progress else None
        report = run(paths, inputs, settings.for_paths(paths), bars)
    if diff or fix:
        from tfgen.commands.run_fix import planned_fixes

        changes = planned_fixes(report)
        if diff:
            click.echo("".join(printable_lines(c.diff()) for c in changes), nl=False)
            sys.exit(EXIT_PROBLEMS if changes else EXIT_OK)
        _write_fixes(changes)
        if changes:  # what is left, as a run after the fix reports it
            report = run(paths, inputs, settings.for_paths(paths))
    _emit(report, output_format, Options(color=_use_color(settings), quiet=quiet), output_files)
    sys.exit(settings.exit_code(report))


def _module_bars(
    stack: contextlib.ExitStack[Any],
) -> Callable[[int], Callable[[int, int], None] | None]:
    """A progress bar on stderr for a run of MANY_MODULES modules or more."""

    def progress_for(modules: int) -> Callable[[int, int], None] | None:
        if modules < MANY_MODULES:
            return None
        return _progress_bar(stack, modules, "Checking modules")

    return progress_for


def _progress_bar(
    stack: contextlib.ExitStack[Any], length: int, label: str
) -> Callable[[int, int], None]:
    """A bar on stderr, closed with stack, and the (done, total) callback that moves it."""
    bar = stack.enter_context(click.progressbar(length=length, label=label, file=sys.stderr))
    return lambda done, total: bar.update(done - bar.pos)


def _write_fixes(changes: list[FileFix]) -> None:
    from tfgen.report.printable import plural
    from tfgen.support.atomic import write_atomic

    for change in changes:
        try:
            # The user's file, edited: its permissions stay as they were.
            write_atomic(change.path, change.after, os.stat(change.path).st_mode & 0o7777)
        except OSError as exc:
            raise UsageError(f"{change.path}: cannot write the fix: {exc.strerror}") from None
        click.echo(f"fixed {plural(change.count, 'finding')} in {printable(change.path)}", err=True)


@cli.command(epilog=EPILOG)
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
@_output_file
@_settings
def render(
    specs: tuple[str, ...],
    out: str | None,
    check: bool,
    force: bool,
    output_format: str,
    output_files: list[tuple[str, str]],
    settings: Settings,
) -> None:
    """Render YAML specs into Terraform JSON, checked before anything is written.

    Several SPECs (as a pre-commit hook passes them) are rendered one by one; with a
    `spec-pattern` in the project configuration, files it does not match are skipped. In
    text, each spec's findings and --check's diff are printed as they come; a machine format
    is one document for all the specs (a stale output is its render-stale-output finding),
    and the diff goes to stderr.
    """
    from tfgen.commands.run_render import run_render
    from tfgen.report import Options, format_report

    if out is not None and len(specs) > 1:
        raise UsageError("-o/--output takes one SPEC")
    config = settings.for_paths(specs)
    machine = output_format != "text"
    options = Options(color=_use_color(settings))
    everything = Report()
    exit_code = EXIT_OK
    for spec in specs if len(specs) == 1 else [s for s in specs if config.is_spec(s)]:
        outcome = run_render(spec, out, check=check, force=force, config=config)
        everything.add(outcome.report)
        if outcome.stale is not None:
            everything.diagnostics.append(outcome.stale)
        if outcome.report.diagnostics and not machine:
            # With `-o -` stdout carries the document alone.
            text = format_report(output_format, outcome.report, options)
            click.echo(text, nl=False, err=out == STDOUT, color=options.color)
        if outcome.stdout:
            # The document itself (`-o -`) is JSON, escaped already; a diff shows file content.
            shown = outcome.stdout if out == STDOUT else printable_lines(outcome.stdout)
            click.echo(shown, nl=False, err=machine and out != STDOUT)
        if outcome.message:
            click.echo(printable(outcome.message), err=True)
        exit_code = max(exit_code, outcome.exit_code, settings.exit_code(outcome.report))
    if machine:
        _emit(everything, output_format, options, output_files, err=out == STDOUT)
    else:
        _emit(everything, None, options, output_files)
    sys.exit(exit_code)


def printable_lines(text: str) -> str:
    return "\n".join(printable(line) for line in text.split("\n"))


def _endpoints() -> list[str]:
    from tfgen.checks.schemas import batch_endpoints

    return list(batch_endpoints())


LARGE_INPUT = 20 * 1024 * 1024  # below this a check takes well under a second: no bar
MANY_MODULES = 20  # fewer are checked in a few seconds at most: no bar


@cli.command("check-input", epilog=EPILOG)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--endpoint",
    type=click.Choice(_endpoints()),
    help="The batch's endpoint; default: the url most requests use.",
)
@_format_option
@_output_file
@_settings
@click.option("-q", "--quiet", is_flag=True, help="Print the summary only (text format).")
def check_input(
    files: tuple[str, ...],
    endpoint: str | None,
    output_format: str,
    output_files: list[tuple[str, str]],
    settings: Settings,
    quiet: bool,
) -> None:
    """Check OpenAI batch input files (JSONL) before they are uploaded."""
    from tfgen.commands.run_check_input import run_check_input

    show_progress = output_format == "text" and sys.stderr.isatty()
    with contextlib.ExitStack() as stack:

        def progress_for(path: str) -> Callable[[int, int], None] | None:
            if not show_progress or os.path.getsize(path) < LARGE_INPUT:
                return None
            return _progress_bar(stack, os.path.getsize(path), f"Checking {path}")

        report = run_check_input(files, endpoint, settings.for_paths(files), progress_for)
    _emit(report, output_format, Options(color=_use_color(settings), quiet=quiet), output_files)
    sys.exit(settings.exit_code(report))


@cli.command("eval", cls=_VariablesInOrder, epilog=EPILOG)
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
        options = Options(color=_use_color(Settings("never" if no_color else "auto"), sys.stderr))
        report = format_report("text", evaluation.report, options)
        click.echo(report, nl=False, err=True, color=options.color)
    click.echo(outputs_json(evaluation.outputs))
    sys.exit(EXIT_PROBLEMS if evaluation.report.has_errors else EXIT_OK)


SCHEMAS = ["resource", "data", "file", "spec", "request-bodies", "terraform-json"]


@cli.command()
@click.argument("name", type=click.Choice(SCHEMAS), default="resource")
@click.option("-o", "--output", "out", metavar="FILE", help="Write it to FILE ('-': stdout).")
def schema(name: str, out: str | None) -> None:
    """Print a JSON Schema (for editors and other tools).

    spec describes a render spec (point yaml-language-server at the file `-o` writes);
    terraform-json a whole *.tf.json document, with the block schemas in their places.
    """
    import json

    from tfgen.checks.schemas import schema_text

    if name == "terraform-json":
        from tfgen.checks.editor_schema import terraform_json_schema

        text = json.dumps(terraform_json_schema(), indent=2) + "\n"
    else:
        text = schema_text(name)
    if out is None or out == STDOUT:
        click.echo(text, nl=False)
        return
    from tfgen.support.atomic import write_atomic

    try:
        write_atomic(out, text)
    except OSError as exc:
        raise UsageError(f"{out}: cannot write the schema: {exc.strerror}") from None


@cli.command()
@click.option("--stdio", is_flag=True, help="Talk over stdin and stdout (the only transport).")
def lsp(stdio: bool) -> None:
    """Run the language server: live findings, fixes and hover in an editor.

    Checks .tf, .tf.json and *.tfvars files (each with its module and the modules that call
    it), batch input .jsonl files and render specs as the editor holds them, saved or not.
    It never writes to the workspace. Needs the lsp extra: pip install 'tfgen[lsp]'.
    """
    try:
        from tfgen.lsp.server import serve
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise UsageError(
                f"tfgen lsp needs {exc.name}, which is not installed: pip install 'tfgen[lsp]'"
            ) from None
        raise
    serve()


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
