"""click's own messages in English, as quiz's are, taken as written instead of looked up.

click passes each of its messages (the help of ``--help`` and ``--version``, a path's "file",
every usage error) through ``gettext`` in the global ``messages`` domain. quiz is written in
English and installs no translation of its own, so a lookup can only find English, or another
program's catalog that happens to use that generic domain name, which would put two languages
on one screen. The lookups also cost every command's start: the first imports ``locale``
(large tables), and each one searches the environment's languages again, about 0.8 ms before
anything else runs (issue 16).

So click's loaded modules are given the identity instead. A click module imported later
(shell completion) keeps ``gettext``: still correct, merely looked up.
"""

from __future__ import annotations

import gettext
import sys


def english(message: str) -> str:
    """A message of click's, as written."""
    return message


def english_plural(singular: str, plural: str, count: int) -> str:
    """click's message for ``count`` things, as written: English has one plural form."""
    return singular if count == 1 else plural


def use_english_messages() -> None:
    """Point every loaded click module's message functions at the English ones."""
    replacements = (("_", gettext.gettext, english),
                    ("ngettext", gettext.ngettext, english_plural))
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        for attribute, looked_up, written in replacements:
            # only the name bound to gettext's function: a click that defines its own
            # ``_`` some day is left alone
            if getattr(module, attribute, None) is looked_up:
                setattr(module, attribute, written)
