"""The `repairbook` command: thin, it calls the package's modules.

Every command takes the global ``--workbook PATH`` (else ``REPAIRBOOK_WORKBOOK``, else a
per-user data folder). A user error prints one sentence on stderr and exits non-zero;
never a traceback.
"""

from __future__ import annotations

from typing import Any

import click

from repairbook.cli.common import UserError, echo, pass_ctx, plain
from repairbook.entries import EntryError
from repairbook.store import StoreError


class RepairbookGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (UserError, StoreError, EntryError) as err:
            echo(f"repairbook: {plain(_one_line(err))}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            echo("", err=True)
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
        "link_cmds",
        "progress_cmds",
        "coach_cmds",
        "calendar_cmds",
        "workshop_cmds",
        "research_cmds",
        "summary_cmds",
    ):
        try:
            mod = __import__(f"repairbook.cli.{name}", fromlist=["register"])
        except ModuleNotFoundError as err:
            if err.name != f"repairbook.cli.{name}":
                raise
            continue
        mod.register(cli)


_register()


# -- commands of their own: import a take-home file, write out the notebooks ------------------


@cli.command("import")
@click.argument("source", metavar="FILE", type=click.Path(dir_okay=False, exists=False))
@click.option(
    "--workbook",
    "target",
    type=click.Path(file_okay=False),
    default=None,
    help="Where to put the workbook (default: $REPAIRBOOK_WORKBOOK, else your user data folder).",
)
@pass_ctx
def import_(state: Any, source: str, target: str | None) -> None:
    """Open the take-home file from a workshop (`repairbook workshop handover`) as your
    workbook on this computer. Private entries stay locked with your own passphrases."""
    from repairbook.content import workshop as W
    from repairbook.store import Workbook, resolve_workbook
    from repairbook.workshop import WorkshopError
    from repairbook.workshop.handover import import_handover

    folder = resolve_workbook(target or state.workbook_arg)
    try:
        import_handover(source, folder)
    except WorkshopError as err:
        raise UserError(str(err)) from None
    with Workbook.open(folder) as wb:
        names = " and ".join(wb.partners)
    echo(W.IMPORTED.format(names=names, folder=folder))


@cli.command()
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help="The folder to write the notebooks into (made if missing).",
)
@click.option("--force", is_flag=True, help="Replace notebooks already in the folder.")
def notebooks(out: str, force: bool) -> None:
    """Write out the notebooks (the app, every module, the facilitator's and the
    researcher's) and deploy/jupyterhub_config.py, as shipped with this version."""
    from repairbook.content import workshop as W
    from repairbook.shipped import write_shipped

    try:
        written = write_shipped(out, force=force)
    except FileExistsError as err:
        raise UserError(W.NOTEBOOKS_EXIST.format(path=err.filename)) from None
    except OSError as err:
        raise UserError(f"{out} could not be written: {err.strerror}.") from None
    echo(W.NOTEBOOKS_WRITTEN.format(count=len(written), out=out))


def _guard_workshop_reads() -> None:
    """`list` and `show` on a workbook inside a workshop folder print nothing of the couple's
    entries: the facilitator sees only the numbers both partners share (`workshop summary`)."""
    from repairbook.cli.common import State

    for name in ("list", "show"):
        cmd = cli.commands.get(name)
        if cmd is None or cmd.callback is None:
            continue
        inner = cmd.callback

        def guarded(*args: Any, __inner: Any = inner, **kwargs: Any) -> Any:
            ctx = click.get_current_context()
            state = ctx.find_object(State)
            if state is not None:
                from repairbook.content import workshop as W
                from repairbook.workshop import workshop_of

                found = workshop_of(state.path)
                if found is not None:
                    ws, couple = found
                    raise UserError(
                        W.WORKSHOP_READ_REFUSED.format(
                            label=couple.label, name=ws.name, path=ws.root
                        )
                    )
            return __inner(*args, **kwargs)

        cmd.callback = guarded


_guard_workshop_reads()


def main() -> None:
    cli(prog_name="repairbook")


__all__ = ["cli", "main", "pass_ctx"]

if __name__ == "__main__":  # pragma: no cover
    main()
