"""``python -m postcheck`` runs the command line."""

from .cli import entry

entry()
