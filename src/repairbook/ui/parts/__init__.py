"""Parts several pages share: privacy controls, the wording coach's notes, form cards.

A part is built from the couple service and the words in ``repairbook.content``; it never
imports a page, so any page may use any part.
"""
