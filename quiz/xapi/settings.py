"""From the ``[lrs]`` configuration to the statements' course and actor."""

from __future__ import annotations

from quiz.config import LrsConfig
from quiz.xapi.statements import Actor, Course


def course_of(lrs: LrsConfig) -> Course:
    """The course and actor rule the configuration describes (``require`` first)."""
    lrs.require()
    return Course(lrs.course.value or "", Actor(home_page=lrs.actor_home_page.value,
                                                name_template=lrs.actor_name.value,
                                                mbox_template=lrs.actor_mbox.value))
