"""The single-user server of a couple under JupyterHub: the app and nothing else.

``deploy/jupyterhub_config.py`` starts each couple's server with
``--ServerApp.authorizer_class=repairbook.hub.AppOnlyAuthorizer``. Voilà's own pages
(``/voila/…``) only need a logged-in visitor and are not asked; of jupyter_server's resources a
couple may use only the kernel channels of the page Voilà opened for them (the websocket, action
``execute``). Everything else — ``/api/kernels`` (list, start, stop, restart), ``/api/contents``,
``/api/sessions``, ``/api/terminals``, ``/files``, ``/api/nbconvert``, ``/lab`` — is refused
with 403. What travels on that websocket is limited too:
``MappingKernelManager.allowed_message_types`` lets only the widget messages through, so no code
can be sent to the kernel (Voilà runs the notebook itself, not through the browser).

Hub admins (``REPAIRBOOK_HUB_ADMINS``) are not limited here; the hub decides who may reach
whose server.
"""

from __future__ import annotations

import os
from typing import Any

from jupyter_server.auth import Authorizer

try:  # the hub's own check of the access scopes, when running under JupyterHub
    from jupyterhub.singleuser.extension import JupyterHubAuthorizer as _Base
except ImportError:  # pragma: no cover - jupyterhub is the hub extra
    _Base = Authorizer

#: (resource, action) pairs a couple's page needs from jupyter_server
ALLOWED: frozenset[tuple[str, str]] = frozenset({("kernels", "execute")})
#: the only messages a browser may send on a kernel's channels: ipywidgets' comm traffic
WIDGET_MESSAGES = ("comm_msg", "comm_info_request", "kernel_info_request", "comm_close")
ENV_ADMINS = "REPAIRBOOK_HUB_ADMINS"


def hub_admins() -> set[str]:
    return {u.strip() for u in os.environ.get(ENV_ADMINS, "").split(",") if u.strip()}


def couple_may(resource: str, action: str) -> bool:
    """Whether a couple may take ``action`` (read, write, execute) on ``resource``."""
    return (resource, action) in ALLOWED


class AppOnlyAuthorizer(_Base):
    """Refuses couples everything but their own page's kernel channels."""

    def is_authorized(self, handler: Any, user: Any, action: str, resource: str) -> Any:
        name = getattr(user, "username", None) or getattr(user, "name", None)
        if not (name in hub_admins() or couple_may(resource, action)):
            self.log.info("repairbook: refused %s on %s for %s", action, resource, name)
            return False
        if _Base is Authorizer:  # pragma: no cover - outside a hub
            return True
        return super().is_authorized(handler, user, action, resource)


__all__ = ["ALLOWED", "WIDGET_MESSAGES", "AppOnlyAuthorizer", "couple_may", "hub_admins"]
