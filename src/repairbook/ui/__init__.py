"""The couple's app: ipywidgets pages served by Voilà (``repairbook serve``).

``import repairbook.ui as rb; rb.app()`` is the whole app notebook.
Widgets never run SQL or open files: they call the couple service, :class:`repairbook.couple.Couple`.
"""

from repairbook.couple import Couple as Session
from repairbook.ui.shell import App, app, module, workbook_path

__all__ = ["App", "Session", "app", "module", "workbook_path"]
