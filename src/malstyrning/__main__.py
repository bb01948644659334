"""``python -m malstyrning`` runs the command-line interface."""

from malstyrning.cli import main

main()
