"""The `repairbook` command: thin, it calls the package's modules.

Every command takes the global ``--workbook PATH`` (else ``REPAIRBOOK_WORKBOOK``, else a
per-user data folder). A user error prints one sentence on stderr and exits non-zero;
never a traceback.
"""

from __future__ import annotations

from typing import Any

import click

from repairbook.cli.common import UserError, pass_ctx
from repairbook.entries import EntryError
from repairbook.store import StoreError


class RepairbookGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (UserError, StoreError, EntryError) as err:
            click.echo(f"repairbook: {_one_line(err)}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("", err=True)
            ctx.exit(130)


def _one_line(err: Exception) -> str:
    if isinstance(err, EntryError):
        return " ".join(
            msg if field in ("_", "kind") else f"{msg}" for field, msg in err.problems.items()
        )
    return str(err)


@click.group(cls=RepairbookGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--workbook",
    "workbook",
    type=click.Path(file_okay=False),
    envvar="REPAIRBOOK_WORKBOOK",
    default=None,
    help="The workbook folder (default: $REPAIRBOOK_WORKBOOK, else your user data folder).",
)
@click.version_option(package_name="repairbook")
@click.pass_context
def cli(ctx: click.Context, workbook: str | None) -> None:
    """repairbook: a private workbook for two partners rebuilding trust."""
    from repairbook.cli.common import State

    ctx.obj = State(workbook)


def _register() -> None:
    from repairbook.cli import workbook_cmds

    workbook_cmds.register(cli)
    for name in (
        "serve_cmds",
        "progress_cmds",
        "coach_cmds",
        "calendar_cmds",
        "workshop_cmds",
        "research_cmds",
    ):
        try:
            mod = __import__(f"repairbook.cli.{name}", fromlist=["register"])
        except ModuleNotFoundError as err:
            if err.name != f"repairbook.cli.{name}":
                raise
            continue
        mod.register(cli)


_register()


def main() -> None:
    cli(prog_name="repairbook")


__all__ = ["cli", "main", "pass_ctx"]

if __name__ == "__main__":  # pragma: no cover
    main()
