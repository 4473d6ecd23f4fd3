"""``python -m postcheck`` runs the command line."""

from .cli import main

main()
