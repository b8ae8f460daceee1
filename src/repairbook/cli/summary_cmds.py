"""`repairbook summary`: a summary for a counsellor, as one partner makes it."""

from __future__ import annotations

import click

from repairbook.cli.calendar_cmds import _write
from repairbook.cli.common import State, UserError, echo, get_passphrase, pass_ctx
from repairbook.content import paths as P


@click.command("summary")
@click.option("--partner", required=True, help="Who makes the summary (their own entries).")
@click.option("--weeks", type=click.IntRange(1, 52), default=8, show_default=True)
@click.option(
    "--include",
    "include",
    multiple=True,
    help="The id of one of your own entries to include (repeat for more; default: none).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False),
    help="Where to save the PDF (for example summary.pdf).",
)
@pass_ctx
def summary_cmd(state: State, partner: str, weeks: int, include: tuple[str, ...], out: str) -> None:
    """Save a summary of the last weeks for a counsellor as a PDF: the markers as charts
    with their sentences, your agreements and contract, the signals and why, and only the
    entries of your own you include. The other partner's shared entries are in it only
    when they agreed; their private entries never are.

    The file is yours to carry and to delete."""
    from repairbook.couple import Couple

    c = Couple(state.path)
    if not c.ready:
        raise UserError(P.SUMMARY_NO_WORKBOOK)
    try:
        c.switch(partner)
        if include and c.has_passphrase():
            err = c.unlock(get_passphrase(c.me))
            if err:
                raise UserError(err)
        data = c.summary_pdf(weeks, list(include))
    finally:
        c.lock()
        if c.wb is not None:
            c.wb.close()
    path = _write(out, data)
    echo(P.SUMMARY_MADE.format(size=f"{len(data) // 1024} KB") + f" {path}")
    echo(P.SUMMARY_YOURS)


def register(group: click.Group) -> None:
    group.add_command(summary_cmd)
