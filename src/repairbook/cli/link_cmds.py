"""`repairbook link`: a partner's personal link, shown, renewed or revoked."""

from __future__ import annotations

import click

from repairbook.cli.common import State, UserError, echo, get_passphrase, pass_ctx
from repairbook.content import shared as S


@click.command("link")
@click.option("--partner", "partner", required=True, help="Whose personal link.")
@click.option("--renew", is_flag=True, help="Make a new link; the old one stops working.")
@click.option("--revoke", is_flag=True, help="Stop the link working (open pages close).")
@pass_ctx
def link(state: State, partner: str, renew: bool, revoke: bool) -> None:
    """Make, renew or revoke a partner's personal link (for their own phone).

    The address itself is printed by `repairbook serve`. Renewing or revoking speaks for the
    partner: it asks for their passphrase when they have one."""
    from repairbook.couple import make_link, revoke_link

    if renew and revoke:
        raise UserError(S.LINK_RENEW_OR_REVOKE)
    with state.open() as wb:
        name = wb.partner(partner)
        if (renew or revoke) and wb.has_passphrase(name):
            wb.unlock(name, get_passphrase(name))
        if revoke:
            revoke_link(wb, name)
            echo(S.LINK_REVOKED.format(name=name))
            return
        make_link(wb, name, renew=renew)
        echo((S.LINK_RENEWED if renew else S.LINK_READY).format(name=name))


def register(group: click.Group) -> None:
    group.add_command(link)
