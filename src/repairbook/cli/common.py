"""Shared pieces of the CLI: the workbook in use, passphrases, JSON output."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from repairbook.store import Workbook, resolve_workbook

ENV_PASSPHRASE = "REPAIRBOOK_PASSPHRASE"


class UserError(click.ClickException):
    """A mistake the user can fix; printed as one sentence."""


@dataclass
class State:
    workbook_arg: str | None

    @property
    def path(self) -> Path:
        return resolve_workbook(self.workbook_arg)

    def open(self) -> Workbook:
        return Workbook.open(self.path)


pass_ctx = click.make_pass_decorator(State)


def _set_workbook(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(State).workbook_arg = value


#: ``--workbook PATH`` on a command itself (``repairbook check --workbook PATH``), the same
#: as the group's global option. Put it on any command that uses the workbook.
workbook_option = click.option(
    "--workbook",
    type=click.Path(file_okay=False),
    default=None,
    expose_value=False,
    is_eager=True,
    callback=_set_workbook,
    help="The workbook folder (default: $REPAIRBOOK_WORKBOOK, else your user data folder).",
)


def kind_argument(*, required: bool = True) -> Any:
    """A KIND argument checked against the known kinds with a one-sentence error."""

    def check(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if value is None:
            return None
        from repairbook.entries import model_for

        model_for(value)  # raises EntryError with the list of kinds
        return value

    return click.argument(
        "kind", required=required, callback=check, metavar="KIND" if required else "[KIND]"
    )


def get_passphrase(name: str, *, confirm: bool = False) -> str:
    """From REPAIRBOOK_PASSPHRASE, else a hidden prompt. Never from the command line."""
    env = os.environ.get(ENV_PASSPHRASE)
    if env:
        return env
    return str(
        click.prompt(
            f"Passphrase for {name}", hide_input=True, confirmation_prompt=confirm, err=True
        )
    )


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


def parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        from repairbook.content import messages

        raise UserError(messages.BAD_JSON.format(detail=err.msg.lower())) from None
