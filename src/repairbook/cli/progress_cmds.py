"""Progress commands: `repairbook progress` and `repairbook signals`.

Without --partner only shared entries are used. With --partner NAME, that partner's
passphrase (prompt or REPAIRBOOK_PASSPHRASE) opens their private entries, and the signals
and wins built on them are added; nothing private of the other partner is ever read.
"""

from __future__ import annotations

import textwrap
from datetime import datetime
from pathlib import Path

import click

from repairbook.cli.common import State, UserError, echo, echo_json, get_passphrase, pass_ctx
from repairbook.content import progress as W
from repairbook.content import signals as S
from repairbook.couple.paths import workbook_zone
from repairbook.progress import MARKERS, Report, progress_report
from repairbook.store import Workbook


def _report(wb: Workbook, partner: str | None) -> tuple[Report, str | None]:
    viewer = None
    if partner:
        viewer = wb.partner(partner)
        if wb.has_passphrase(viewer):
            wb.unlock(viewer, get_passphrase(viewer))
    entries = wb.list(viewer=viewer)
    zone = workbook_zone(wb)  # the couple's day, as on their page
    return progress_report(entries, wb.partners, datetime.now(zone).date(), zone=zone), viewer


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, 88, initial_indent=indent, subsequent_indent=indent)


def _print_signals(report: Report, viewer: str | None) -> None:
    items = report.signals_for(viewer)
    if not items:
        echo(_wrap(W.CLI_NO_SIGNALS))
        return
    for s in items:
        echo(f"  {s.title}")
        for r in s.reasons:
            echo(_wrap(f"- {r}", "    "))
        echo(_wrap(s.text, "    "))
        if s.private:
            echo(_wrap(S.ONLY_YOU, "    "))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the whole report as JSON.")
@click.option("--partner", default=None, help="Also use this partner's private entries.")
@click.option(
    "--png",
    "png_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write every chart (and the overview) as PNG files into this folder.",
)
@pass_ctx
def progress(state: State, as_json: bool, partner: str | None, png_dir: Path | None) -> None:
    """How things have gone: markers, rituals, small wins, the timeline and signals."""
    if png_dir is not None and png_dir.exists() and not png_dir.is_dir():
        raise UserError(W.CLI_PNG_NOT_DIR.format(path=png_dir))
    with state.open() as wb:
        report, viewer = _report(wb, partner)
    if png_dir is not None:
        written = _write_pngs(report, viewer, png_dir)
        if not as_json:
            echo(W.CLI_WROTE_PNG.format(n=len(written), folder=png_dir), err=True)
    if as_json:
        echo_json(report.to_json(viewer))
        return
    echo(report.timeline.title)
    echo(_wrap(report.timeline.here))
    echo(_wrap(report.timeline.note))
    echo("")
    echo(W.CLI_HEADING_SUMMARIES)
    for key in MARKERS:
        echo(_wrap(f"{W.MARKERS[key]['title']}: {report.summaries[key]}"))
    wins = report.wins_for(viewer)
    echo("")
    echo(W.CLI_HEADING_WINS)
    if not wins:
        echo(_wrap(W.MARKERS["wins"]["empty"]))
    for w in reversed(wins[-10:]):
        echo(_wrap(f"{w.day.isoformat()}  {w.title}"))
    echo("")
    echo(W.CLI_HEADING_SIGNALS)
    _print_signals(report, viewer)


def _write_pngs(report: Report, viewer: str | None, folder: Path) -> list[Path]:
    from repairbook.charts import all_charts, overview_chart, to_png_bytes

    try:
        folder.mkdir(parents=True, exist_ok=True)
        out = []
        for chart in [*all_charts(report, viewer), overview_chart(report, viewer)]:
            path = folder / f"{chart.key}.png"
            path.write_bytes(to_png_bytes(chart.figure))
            out.append(path)
        return out
    except OSError as err:
        raise UserError(
            W.CLI_PNG_CANNOT_WRITE.format(path=folder, reason=err.strerror or err)
        ) from None


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of signals.")
@click.option("--partner", default=None, help="Also use this partner's private entries.")
@pass_ctx
def signals(state: State, as_json: bool, partner: str | None) -> None:
    """Gentle signals, each with the reasons drawn from your entries."""
    with state.open() as wb:
        report, viewer = _report(wb, partner)
    if as_json:
        echo_json([s.to_json() for s in report.signals_for(viewer)])
        return
    _print_signals(report, viewer)


def register(group: click.Group) -> None:
    group.add_command(progress)
    group.add_command(signals)
