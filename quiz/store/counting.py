"""Which answers count, as SQL conditions: a module of constants, cheap to import.

The cards' sync runs at every start of the app and needs ``COUNTED`` before the first
question; the history queries (``quiz.store.history``) that use the same rule are needed only
by reports, review and adaptive practice, so the rule lives here, where importing it costs
nothing else.
"""

COUNTED = ("s.mode != 'preview' AND (s.mode != 'exam' OR s.status IN ('submitted', "
           "'finished'))")
"""SQL condition (sessions aliased ``s``) for the sessions whose answers count."""

RIGHT = "r.score >= 0.999999999"
"""SQL condition for a fully right answer (only full credit counts as right)."""
