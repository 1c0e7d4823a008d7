"""Score predicted attributions against gold annotations, following the PolNeAR rules.

Gold is read by `read_gold` from PolNeAR's gold JSONL, a seed gold `.json` file (one
article in the attribution contract shape, text in `<doc>.txt` beside it) or a brat
standoff folder. `score` compares spans as character sets after trimming whitespace
and punctuation at fragment edges: *exact* means the same set, *overlap* means Dice
>= 0.5. It reports role-level P/R/F1 (source, cue, content; distinct spans per article,
matched one-to-one), attribution-level P/R/F1 (predictions matched one-to-one to gold
by content overlap, best Dice first), speaker accuracy, end-to-end P/R/F1 (matched and
speaker right), calibration of `confidence` against end-to-end rightness, and the
attribution and end-to-end scores per publisher. `per_prediction_outcomes` exposes the
per-prediction rightness that `score` is built on, so a confidence model fitted on it
measures exactly what is scored. In `EvalReport.to_dict()` precision, recall, F1 and
speaker accuracy are percentages with one decimal (as papers report them); ECE, AUROC
and the reliability table are 0-1 floats with four decimals (the confidence scale).
A ratio with a zero denominator is reported as 0.0, with its counts alongside.
`annotator_agreement` scores annotators against each other by the same rules, on the
articles of a brat folder that several of them marked (`read_brat_annotators`).

By job: `gold` reads gold, `matching` compares spans, `scores` scores, `agreement`
scores annotators against each other, `text_report` writes the scores as text;
`statements` scores the statement sense, `predictions` reads saved predictions.
"""

from attrib.evaluate.agreement import (
    annotator_agreement, gold_as_predictions, multiply_annotated, score_against_each_annotator,
)
from attrib.evaluate.gold import (
    ROLES, GoldAttribution, GoldDocument, GoldFormatError, read_brat_annotators, read_gold,
)
from attrib.evaluate.matching import SpanError, covered_chars, dice_overlap
from attrib.evaluate.scores import (
    EXACT, OVERLAP, PRF, Calibration, EvalReport, PredictionOutcome, calibration, per_prediction_outcomes, score,
)
from attrib.evaluate.text_report import format_report

__all__ = [
    "annotator_agreement", "gold_as_predictions", "multiply_annotated", "score_against_each_annotator",
    "ROLES", "GoldAttribution", "GoldDocument", "GoldFormatError", "read_brat_annotators", "read_gold",
    "SpanError", "covered_chars", "dice_overlap",
    "EXACT", "OVERLAP", "PRF", "Calibration", "EvalReport", "PredictionOutcome", "calibration",
    "per_prediction_outcomes", "score", "format_report",
]
