"""`attrib analyze` and `attrib eval`: attributions of articles, and their scores."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

import attrib
from attrib.cli import ActOption, InputFailures, ModelOption, acts_or_exit, app, load_pipeline_or_exit, print_error
from attrib.cli.options import INPUTS_HELP, min_confidence_option
from attrib.cli.output import CsvFormulasOption, one_format, write_csv, write_json, write_nl
from attrib.cli.safe_text import one_line
from attrib.cli.table import render_table
from attrib.cli.terminal import color_wanted, terminal_width
from attrib.errors import AttribError, unreadable


def format_table(attributions: list[attrib.Attribution]) -> str:
    """The attributions as a table fitted to the terminal (attrib/cli/table.py)."""
    rows = [
        {"speaker": a.speaker.name if a.speaker else "(no source)", "tier": a.tier, "kind": a.kind,
         "confidence": a.confidence, "content": a.content.text}
        for a in attributions
    ]
    if not rows:
        return ""
    table, _ = render_table(rows, width=terminal_width(), color=color_wanted(sys.stdout))
    return table


def csv_row(a: attrib.Attribution) -> dict:
    """An attribution as one flat CSV row: the contract's fields, spans as JSON text."""
    def spans(role):
        return json.dumps([list(span) for span in role.spans]) if role is not None else ""

    mention = a.speaker.mention if a.speaker else None
    return {
        "doc": a.doc, "id": a.id, "kind": a.kind, "act": a.act,
        "speaker": a.speaker.name if a.speaker else "", "speaker_type": a.speaker.type if a.speaker else "",
        "via": a.via.name if a.via else "", "via_type": a.via.type if a.via else "", "channel": a.channel or "",
        "tier": a.tier, "confidence": round(float(a.confidence), 4),
        "cue": a.cue.text if a.cue else "", "content": a.content.text,
        "content_spans": spans(a.content), "cue_spans": spans(a.cue), "mention": mention.text if mention else "",
        "mention_spans": spans(mention),
    }


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help=INPUTS_HELP)],
    model: ModelOption = None,
    min_confidence: Annotated[float, min_confidence_option()] = 0.0,
    act: ActOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Write a JSON array of attributions, in the contract shape.")] = False,
    as_nl: Annotated[bool, typer.Option("--nl", help="Write JSON Lines: one attribution a line, in the contract shape.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Write CSV with a header row: an attribution a row, spans as JSON.")] = False,
    csv_formulas: CsvFormulasOption = False,
) -> None:
    """Find every quotation and reported statement in articles, with its speaker."""
    one_format(as_json, as_nl, as_csv)
    acts = acts_or_exit(act)
    nlp = load_pipeline_or_exit(model)
    failures = InputFailures()
    analysed = (
        (article, [a for a in attributions if a.confidence >= min_confidence and a.act in acts])
        for article, attributions in attrib.analyze_articles(failures.articles(paths), nlp=nlp, on_error=failures.failed)
    )
    out = sys.stdout
    if as_json:
        write_json((a.to_dict() for _, kept in analysed for a in kept), out)
    elif as_nl:
        for _, kept in analysed:  # an article at a time, as it is analysed
            write_nl((a.to_dict() for a in kept), out)
            out.flush()
    elif as_csv:
        write_csv((csv_row(a) for _, kept in analysed for a in kept), out, formulas=csv_formulas)
    else:
        for article, kept in analysed:
            title = one_line(article.title or article.id)
            out.write(f"{title}: {len(kept)} attributions\n{format_table(kept)}\n")
            out.flush()
    failures.exit_if_any()


@app.command("eval")
def evaluate(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD", help="Gold: PolNeAR .jsonl, a seed .gold.json, a brat folder, or statement-sense .jsonl."
        ),
    ],
    pred: Annotated[
        Optional[Path],
        typer.Option(
            "--pred", metavar="FILE",
            help="Predictions from `attrib analyze --json` (an array) or `--nl` (JSON Lines); default: analyse the gold texts.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Write the scores as JSON.")] = False,
    model: ModelOption = None,
    act: ActOption = None,
) -> None:
    """Score attrib (or a predictions file) against gold attributions: PolNeAR's broad
    sense (every act) for PolNeAR and seed gold, the statement sense (statements unless
    --act asks for more) for gold annotated to ../shared/statements/GUIDE.md."""
    from attrib.evaluate import GoldDocument, GoldFormatError, format_report, read_gold, score
    from attrib.evaluate.predictions import read_predictions
    from attrib.evaluate.statements import format_statement_report, is_statement_gold, read_statement_gold, score_statements

    acts = acts_or_exit(act)
    statement_sense = is_statement_gold(gold)
    try:
        if statement_sense:
            statement_docs = read_statement_gold(gold)
            gold_docs = [GoldDocument(d.doc, d.text, ()) for d in statement_docs]
        else:
            gold_docs = read_gold(gold)
    except GoldFormatError as exc:
        print_error(str(exc))
        raise typer.Exit(2)
    except OSError as exc:
        print_error(unreadable(gold, exc))
        raise typer.Exit(2)
    predictions: dict[str, list[attrib.Attribution]] = {}
    failed: list[attrib.AnalysisError] = []
    if pred is not None:
        try:
            predictions = read_predictions(pred)
        except AttribError as exc:
            print_error(str(exc))
            raise typer.Exit(2)
    else:
        nlp = load_pipeline_or_exit(model)
        articles = (attrib.Article(id=d.doc, text=d.text, publisher=d.publisher, source_path=str(gold)) for d in gold_docs)
        for article, attributions in attrib.analyze_articles(articles, nlp=nlp, on_error=failed.append):
            predictions[article.id] = attributions
    report = score_statements(statement_docs, predictions, acts) if statement_sense else score(gold_docs, predictions)
    if statement_sense:
        typer.echo(json.dumps(report.to_dict(), indent=2) if as_json else format_statement_report(report))
    elif as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        typer.echo(format_report(report))
    # An article the engine failed on is scored as found nothing; say so, after the scores.
    for error in failed:
        print_error(str(error))
    if failed:
        print_error(f"{len(failed)} article(s) could not be analysed; they count as finding nothing")
        raise typer.Exit(1)


AGREEMENT_COLUMNS = (
    ("attribution", lambda r: r.attribution),
    ("end-to-end", lambda r: r.end_to_end),
    ("content exact", lambda r: r.roles["content"]["exact"]),
    ("source exact", lambda r: r.roles["source"]["exact"]),
    ("cue exact", lambda r: r.roles["cue"]["exact"]),
)


@app.command()
def agreement(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="FOLDER", help="A brat folder whose articles several annotators marked (e.g. PolNeAR's brat/dev)."
        ),
    ],
    with_attrib: Annotated[
        bool, typer.Option("--attrib", help="Also score attrib against each annotator of the same articles.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Write the scores as JSON.")] = False,
    model: ModelOption = None,
) -> None:
    """How far annotators agree with each other (F1 over every ordered pair), the ceiling
    for scores against one annotator; with --attrib, attrib against each of them too."""
    from attrib.evaluate import (
        GoldFormatError,
        annotator_agreement,
        multiply_annotated,
        read_brat_annotators,
        score_against_each_annotator,
    )

    try:
        articles = multiply_annotated(read_brat_annotators(gold))
    except GoldFormatError as exc:
        print_error(str(exc))
        raise typer.Exit(2)
    except OSError as exc:
        print_error(unreadable(gold, exc))
        raise typer.Exit(2)
    if not articles:
        print_error(f"{gold}: no article has two or more annotators")
        raise typer.Exit(2)
    reports = {"annotator against annotator": annotator_agreement(articles)}
    failed: list[attrib.AnalysisError] = []
    if with_attrib:
        nlp = load_pipeline_or_exit(model)
        first = [next(iter(by_annotator.values())) for by_annotator in articles]
        predictions = {
            article.id: attributions
            for article, attributions in attrib.analyze_articles(
                (attrib.Article(id=d.doc, text=d.text, publisher=d.publisher, source_path=str(gold)) for d in first),
                nlp=nlp, on_error=failed.append,
            )
        }
        reports["attrib against each annotator"] = score_against_each_annotator(articles, predictions)
    annotators = sorted({name for by_annotator in articles for name in by_annotator})
    if as_json:
        typer.echo(json.dumps({"articles": len(articles), "annotators": annotators,
                               **{label: report.to_dict() for label, report in reports.items()}}, indent=2))
    else:
        typer.echo(f"articles with two or more annotators: {len(articles)} ({len(annotators)} annotators)")
        typer.echo("F1 (exact: the same characters)")
        typer.echo(f"{'':<30}" + "".join(f"{name:>15}" for name, _ in AGREEMENT_COLUMNS))
        for label, report in reports.items():
            typer.echo(f"{label:<30}" + "".join(f"{100 * column(report).f1:>15.1f}" for _, column in AGREEMENT_COLUMNS))
    # As for `eval`: an article the engine failed on counts as finding nothing; say so.
    for error in failed:
        print_error(str(error))
    if failed:
        print_error(f"{len(failed)} article(s) could not be analysed; they count as finding nothing")
        raise typer.Exit(1)
