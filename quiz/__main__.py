"""``python -m quiz`` runs the same command line as the ``quiz`` script."""

from quiz.cli.entry import main

main()
