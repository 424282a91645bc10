"""The learner app in Textual: home, practice, timed exams, results and review.

Only this package imports textual. It renders what the engine returns and never scores,
selects or stores anything itself: a ``Workspace`` makes sessions, a ``Session`` records every
answer the moment it is given. Entry point: ``quiz.tui.app.make_app``.
"""
