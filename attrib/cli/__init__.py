"""The `attrib` command line: a thin shell over the library.

Each command parses its options, calls one library function and formats the result.
Data goes to stdout, messages to stderr; library errors become one-line messages and
a non-zero exit status, and the rest of the work goes on. This module holds the app
and what the commands share; each command group lives in a module of its own and
registers itself on `app` when imported at the bottom.

Help is plain text (no boxes, flags without a type), and a usage mistake is one line
on stderr naming the option, with exit status 2: `AttribGroup` catches the framework's
usage errors before it prints its own boxes.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any, Iterator, Optional, Sequence

import typer
from typer._click import exceptions as click_exceptions
from typer.core import TyperArgument, TyperGroup

import attrib
from attrib.errors import AttribError

# The framework's wording for a value its own conversion refused (a choice, say): the
# message after it is ours or plain enough.
FRAMEWORK_PREFIX = "Value error, "


def usage_message(error: click_exceptions.UsageError) -> str:
    """A usage error as one line: the option it is about, what is wrong, and where help is."""
    if isinstance(error, click_exceptions.BadParameter) and not isinstance(error, click_exceptions.MissingParameter):
        message = error.message.removeprefix(FRAMEWORK_PREFIX).rstrip(".")
        hint = error.param_hint
        if hint is None and error.param is not None:
            param = error.param
            hint = max(param.opts, key=len) if param.param_type_name == "option" else param.human_readable_name
        if isinstance(hint, (list, tuple)):
            hint = " / ".join(hint)
        text = f"{hint}: {message}" if hint else message
    else:
        text = error.format_message().rstrip(".")
    text = " ".join(text.split())
    if error.ctx is not None:
        # The command as typed: `attrib` and the subcommand (whatever the program's name).
        command = " ".join(["attrib", *error.ctx.command_path.split()[1:]])
        text += f" (see `{command} --help`)"
    return text


class PlainArgument(TyperArgument):
    """An argument shown as `PATH...` or `[PATH]...`: the framework adds its type
    (`<list[str]>`) and braces, which say nothing to a reader."""

    def _name(self) -> str:
        return self.metavar or (self.name or "").upper()

    def _usage_display_name(self) -> str:
        name = self._name() if self.required else f"[{self._name()}]"
        return name + ("..." if self.nargs != 1 else "")

    def get_help_record(self, ctx: Any) -> tuple[str, str]:
        return self._name(), self.help or ""


def plain_arguments(command: Any) -> None:
    """Show the arguments of `command` and its subcommands as PlainArguments (same
    state, another class: Typer builds the arguments itself and takes no class for them)."""
    for param in command.params:
        if type(param) is TyperArgument:
            param.__class__ = PlainArgument
    for subcommand in getattr(command, "commands", {}).values():
        plain_arguments(subcommand)


class AttribGroup(TyperGroup):
    """The `attrib` group: plain help, and usage errors in one line on stderr."""

    def __init__(self, **attrs: Any):
        super().__init__(**attrs)
        plain_arguments(self)

    def main(self, args: Optional[Sequence[str]] = None, prog_name: Optional[str] = None,
             complete_var: Optional[str] = None, standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            # Not standalone: errors come back here instead of being printed, and an
            # exit status comes back as the value (every command returns None).
            status = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click_exceptions.NoArgsIsHelpError as error:
            error.show()
            sys.exit(error.exit_code)
        except click_exceptions.UsageError as error:
            print_error(usage_message(error))
            sys.exit(error.exit_code)
        except typer.Abort:
            print_error("aborted")
            sys.exit(1)
        except click_exceptions.ClickException as error:
            print_error(" ".join(error.format_message().split()))
            sys.exit(error.exit_code)
        sys.exit(status or 0)


app = typer.Typer(
    cls=AttribGroup,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Who said what in news coverage: find quotes and reported statements and their speakers.",
)

ModelOption = Annotated[
    Optional[str],
    typer.Option(
        "--model", metavar="NAME", help="Installed spaCy pipeline to use (default: $ATTRIB_MODEL, else en_core_web_sm)."
    ),
]


ActOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--act",
        metavar="ACT",
        help="What to show: statement (the default: what sources said or wrote), thought, knowledge, "
        "intention, other; repeat it for several, or all.",
    ),
]


def acts_or_exit(values: Optional[list[str]]) -> frozenset[str]:
    from attrib.model import chosen_acts

    try:
        return chosen_acts(values)
    except ValueError as exc:
        print_error(f"--act: {exc}")
        raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"attrib {attrib.__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    from attrib.budget import time_budget

    # A bad $ATTRIB_TIME_BUDGET is said once, before any work, not in the middle of it.
    try:
        time_budget()
    except AttribError as error:
        print_error(str(error))
        raise typer.Exit(2)


def print_error(message: str) -> None:
    from attrib.cli.safe_text import terminal_safe

    # Messages name files, articles and the text given: escaped, like all output.
    typer.echo(f"attrib: {terminal_safe(message)}", err=True)


class InputFailures:
    """The inputs of a command that analyses files: each one that can't be read or
    analysed is said on stderr as it comes and counted, its warnings said too; the
    rest go on."""

    def __init__(self) -> None:
        self.count = 0

    def articles(self, paths: Sequence[str]) -> Iterator["attrib.Article"]:
        from attrib.errors import InputError
        from attrib.readers import read_articles

        for item in read_articles(paths):
            if isinstance(item, InputError):
                self.failed(item)
            else:
                if item.warning:
                    print_error(item.warning)
                yield item

    def failed(self, error: AttribError) -> None:
        self.count += 1
        print_error(str(error))

    def exit_if_any(self, *, summary: bool = True) -> None:
        """Exit status 1 when an input failed, after a line that counts them."""
        if self.count:
            if summary:
                print_error(f"{self.count} input(s) could not be read or analysed")
            raise typer.Exit(1)


def load_pipeline_or_exit(model: Optional[str]):
    try:
        return attrib.load_pipeline(model)
    except AttribError as exc:
        print_error(str(exc))
        raise typer.Exit(2)


def main() -> None:
    """The `attrib` command. A reader that stops reading (`attrib quotes | head -1`)
    ends it quietly: Click exits 1 when a write meets the closed pipe, which here is
    status 0 (the reader has what it asked for); output still buffered at the end
    goes nowhere, without Python's "Exception ignored" message."""
    try:
        app()
    except SystemExit:
        # Click's (or the copy Typer carries) PacifyFlushWrapper: it met a closed pipe.
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":
            _discard_stdout()
            sys.exit(0)
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _discard_stdout()
        raise


def _discard_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.__stdout__.fileno())


# Command modules register themselves on `app`.
from attrib.cli import analyze  # noqa: E402,F401
from attrib.cli import store  # noqa: E402,F401
from attrib.cli import report  # noqa: E402,F401
from attrib.cli import corrections  # noqa: E402,F401
from attrib.cli import show  # noqa: E402,F401
