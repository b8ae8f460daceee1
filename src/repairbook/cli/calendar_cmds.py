"""Documents to take away: `repairbook calendar` (.ics) and `repairbook contract-pdf`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from repairbook import documents
from repairbook.cli.common import State, UserError, echo, pass_ctx
from repairbook.content import documents as words


def _write(out: str, data: bytes) -> Path:
    """Write ``data`` to ``out`` in one step: a half-written file never replaces a good one."""
    path = Path(out).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(words.OUT_DIR_MISSING.format(folder=folder))
    if path.is_dir():
        raise UserError(words.OUT_NOT_WRITABLE.format(path=path, reason="it is a folder"))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".partial")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as err:
        reason = (err.strerror or str(err)).lower()
        raise UserError(words.OUT_NOT_WRITABLE.format(path=path, reason=reason)) from None
    return path


@click.command("calendar")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False),
    help="Where to save the calendar file (for example rhythms.ics).",
)
@pass_ctx
def calendar_cmd(state: State, out: str) -> None:
    """Save your rhythms as a calendar file (.ics) to import into your calendar app.

    It holds the daily check-in, the weekly repair check-in, the weekly fun date, a weekly
    look at open promises and the monthly contract revisit, at the times you chose."""
    with state.open() as wb:
        data = documents.rhythm_calendar_for(wb)
    path = _write(out, data)
    echo(words.CAL_WRITTEN.format(path=path))


@click.command("contract-pdf")
@click.option("--id", "contract_id", default=None, help="Which contract (default: the latest).")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False),
    help="Where to save the PDF (for example contract.pdf).",
)
@pass_ctx
def contract_pdf_cmd(state: State, contract_id: str | None, out: str) -> None:
    """Save your repair contract as a PDF to print or keep.

    It shows the current version with both partners' commitments, the signatures so far
    and a note of earlier versions."""
    with state.open() as wb:
        if contract_id is None:
            latest = documents.latest_contract(wb)
            if latest is None:
                raise UserError(words.NO_CONTRACT)
            contract_id = latest.id
        data = documents.contract_pdf_for(wb, contract_id)
        version = wb.version(contract_id)
    path = _write(out, data)
    echo(words.PDF_WRITTEN.format(version=version, path=path))


def register(group: click.Group) -> None:
    group.add_command(calendar_cmd)
    group.add_command(contract_pdf_cmd)
