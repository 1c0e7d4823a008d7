"""The scores as text, for `attrib eval`."""

from __future__ import annotations

from typing import Optional

from attrib.evaluate.scores import PRF, EvalReport


def _prf_row(label: str, prf: PRF) -> str:
    return f"{label:<22}{100 * prf.precision:>7.1f}{100 * prf.recall:>7.1f}{100 * prf.f1:>7.1f}{prf.tp:>7}{prf.gold:>7}{prf.pred:>7}"


def _optional(value: Optional[float], spec: str) -> str:
    return "-" if value is None else format(value, spec)


def format_report(report: EvalReport) -> str:
    """A plain-text table of the report: P/R/F1 in percent, calibration on the 0-1 scale."""
    header = f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>7}{'gold':>7}{'pred':>7}"
    lines = [f"documents: {report.docs}", "", header]
    for role, flavours in report.roles.items():
        for flavour, prf in flavours.items():
            lines.append(_prf_row(f"{role} {flavour}", prf))
    lines.append(_prf_row("attribution", report.attribution))
    lines.append(_prf_row("end-to-end", report.end_to_end))
    lines += [
        "",
        f"speaker accuracy: {100 * report.speaker.rate:.1f}% ({report.speaker.right}/{report.speaker.total} matched with a gold source)",
        f"no-source gold: {100 * report.no_source.rate:.1f}% ({report.no_source.right}/{report.no_source.total} matched, predicted without a mention)",
        "",
        f"calibration: ECE {_optional(report.calibration.ece, '.4f')}, AUROC {_optional(report.calibration.auroc, '.4f')}",
        f"{'confidence':<12}{'n':>7}{'mean conf':>11}{'accuracy':>10}",
    ]
    for b in report.calibration.bins:
        lines.append(
            f"{b.low:.1f}-{b.high:.1f}{'':<5}{b.count:>7}{_optional(b.mean_confidence, '.3f'):>11}{_optional(b.accuracy, '.3f'):>10}"
        )
    lines += ["", f"{'publisher':<16}{'docs':>5}{'attr P':>8}{'R':>7}{'F1':>7}{'e2e P':>8}{'R':>7}{'F1':>7}"]
    for name, p in report.publishers.items():
        a, e = p.attribution, p.end_to_end
        lines.append(
            f"{name:<16}{p.docs:>5}{100 * a.precision:>8.1f}{100 * a.recall:>7.1f}{100 * a.f1:>7.1f}"
            f"{100 * e.precision:>8.1f}{100 * e.recall:>7.1f}{100 * e.f1:>7.1f}"
        )
    if report.unknown_docs:
        lines += ["", f"not scored (no gold): {', '.join(report.unknown_docs)}"]
    return "\n".join(lines)
