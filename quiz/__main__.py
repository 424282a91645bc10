"""``python -m quiz`` runs the same command line as the ``quiz`` script."""

from quiz.cli.main import main

main()
