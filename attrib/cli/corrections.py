"""`attrib speakers` (list, merge, rename, ignore), `attrib review` (confirm, reject,
correct one attribution) and `attrib corrections` (list, export, import): a human in
the loop. Corrections are stored in the database and applied to what is stored and
to everything stored later, re-analysis included (attrib/store/corrections.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer

from attrib.cli import ActOption, acts_or_exit, app, print_error
from attrib.cli.output import output_options
from attrib.cli.options import ConfirmedOption, DbOption, limit_option, tier_value
from attrib.cli.store import open_or_exit, read_or_exit
from attrib.errors import AttribError
from attrib.model import ACTS, SPEAKER_TYPES
from attrib.store import corrections, queries
from attrib.store.db import write_transaction

speakers_app = typer.Typer(
    invoke_without_command=True,
    help="Each speaker with its attributions by tier and its aliases; merge, rename or ignore a speaker.",
)
app.add_typer(speakers_app, name="speakers")
review_app = typer.Typer(no_args_is_help=True, help="Confirm, reject or correct one attribution, by its id (from `quotes`).")
app.add_typer(review_app, name="review")
corrections_app = typer.Typer(no_args_is_help=True, help="The corrections made by hand: list, export, import.")
app.add_typer(corrections_app, name="corrections")

NameArgument = Annotated[str, typer.Argument(help="A speaker's canonical name, any case.")]
IdArgument = Annotated[int, typer.Argument(help="The attribution's id (the `id` column of `attrib quotes`).")]


def _write(db: Optional[Path], change, message) -> None:
    """Run one change in a write transaction; say what it did on stderr."""
    database = open_or_exit(db)
    try:
        with write_transaction(database):
            result = change(database)
    except AttribError as error:
        print_error(str(error))
        raise typer.Exit(2)
    print_error(message(result))


@speakers_app.callback()
@output_options
def speakers(
    ctx: typer.Context,
    db: DbOption = None,
    limit: Annotated[int, limit_option("speakers")] = 50,
    confirmed: ConfirmedOption = False,
    act: ActOption = None,
) -> Optional[queries.Results]:
    """Each speaker with its attributions (statements unless --act asks for more)
    counted by sourcing tier, most quoted first, and its aliases with how often each was used."""
    if ctx.invoked_subcommand is not None:
        return None
    acts = acts_or_exit(act)
    return queries.speakers(read_or_exit(db), limit=limit, confirmed=confirmed, acts=acts)


@speakers_app.command("merge")
def merge(source: NameArgument, target: NameArgument, db: DbOption = None) -> None:
    """Make SOURCE one with TARGET: its attributions and aliases go to TARGET, now and
    in every article stored later."""
    _write(
        db,
        lambda database: corrections.merge_speakers(database, source, target),
        lambda moved: f"merged {source!r} into {target!r}: {moved} attribution(s) moved",
    )


@speakers_app.command("rename")
def rename(
    name: NameArgument,
    new_name: Annotated[str, typer.Argument(help="The speaker's new canonical name.")],
    type: Annotated[
        Optional[str], typer.Option("--type", metavar="TYPE", help=f"A new type too: {', '.join(SPEAKER_TYPES)}.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Give a speaker another canonical name (and type), now and in every article
    stored later."""
    _write(
        db,
        lambda database: corrections.rename_speaker(database, name, new_name, type),
        lambda _: f"renamed {name!r} to {new_name!r}",
    )


@speakers_app.command("ignore")
def ignore(name: NameArgument, db: DbOption = None) -> None:
    """Not a speaker: its attributions are kept with the speaker unknown, now and in
    every article stored later."""
    _write(
        db,
        lambda database: corrections.ignore_speaker(database, name),
        lambda count: f"ignored {name!r}: {count} attribution(s) now have no speaker",
    )


def _review(db: Optional[Path], attribution_id: int, review: corrections.Review) -> list[queries.Row]:
    database = open_or_exit(db)
    with write_transaction(database):
        return [corrections.review_attribution(database, attribution_id, review)]


@review_app.command("confirm")
@output_options
def confirm(attribution_id: IdArgument, db: DbOption = None) -> list[queries.Row]:
    """The attribution is right as it stands."""
    return _review(db, attribution_id, corrections.Review("confirmed"))


@review_app.command("reject")
@output_options
def reject(attribution_id: IdArgument, db: DbOption = None) -> list[queries.Row]:
    """The attribution is wrong: queries and reports leave it out."""
    return _review(db, attribution_id, corrections.Review("rejected"))


@review_app.command("correct")
@output_options
def correct(
    attribution_id: IdArgument,
    speaker: Annotated[Optional[str], typer.Option(metavar="NAME", help="The right speaker's name.")] = None,
    tier: Annotated[
        Optional[int], typer.Option(metavar="1-4", parser=tier_value, help="The right sourcing tier, 1-4.")
    ] = None,
    act: Annotated[Optional[str], typer.Option(metavar="ACT", help=f"The right act: {', '.join(ACTS)}.")] = None,
    db: DbOption = None,
) -> list[queries.Row]:
    """Correct the attribution's speaker, tier or act (and so confirm it)."""
    if speaker is None and tier is None and act is None:
        raise typer.BadParameter("give --speaker, --tier or --act")
    return _review(db, attribution_id, corrections.Review("confirmed", speaker, tier, act))


@corrections_app.command("list")
@output_options
def list_corrections(db: DbOption = None) -> list[queries.Row]:
    """Every correction, speakers' first, oldest first."""
    return corrections.list_corrections(read_or_exit(db))


@corrections_app.command("export")
def export(
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file (default: stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write every correction as JSON Lines, for `attrib corrections import` here or
    in another database."""
    records = corrections.export_corrections(read_or_exit(db))
    lines = (json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    if output is None:
        sys.stdout.writelines(lines)
        return
    try:
        output.write_text("".join(lines), encoding="utf-8")
    except OSError as error:
        print_error(f"{output}: cannot write ({error.strerror})")
        raise typer.Exit(2)


@corrections_app.command("import")
def import_(
    path: Annotated[str, typer.Argument(help="A JSON Lines file from `attrib corrections export`, or -.")],
    db: DbOption = None,
) -> None:
    """Record and apply exported corrections: to what is stored, and to articles
    stored later. A bad line is reported and skipped; the exit status is then 1."""
    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    except OSError as error:
        print_error(f"{path}: cannot read ({error.strerror})")
        raise typer.Exit(2)
    database = open_or_exit(db)
    bad: list[str] = []
    with stream:
        records = list(_records(stream, path, bad))
        try:
            with write_transaction(database):
                counts = corrections.import_corrections(database, records)
        except AttribError as error:
            print_error(str(error))
            raise typer.Exit(2)
    for message in bad + [f"{path}: {failure}" for failure in counts.failed]:
        print_error(message)
    counts.failed = bad + counts.failed
    print_error(str(counts))
    if counts.failed:
        raise typer.Exit(1)


def _records(stream, path: str, bad: list[str]) -> Iterator[tuple[int, object]]:
    try:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except (ValueError, RecursionError) as error:
                bad.append(f"{path}: line {number}: not JSON ({error})")
    except UnicodeDecodeError:
        bad.append(f"{path}: not UTF-8 text")
