"""Stored answers and sessions as xAPI 1.0.3 statements: pure functions, no I/O.

Every statement id is a UUID 5 derived from the store's own UUID and what the statement is
about, so the same stored fact always gives the same id:

- an answer: (session, position, ``answered_at``). Resending it, or rebuilding the outbox from
  the store, gives the same id, so the LRS never holds it twice; an exam answer that is
  changed is written again with a new ``answered_at``, so it is a new statement (xAPI
  statements are immutable; the latest one counts, as the store's upsert keeps the latest);
- a session's start and end: (session, verb); a session ends once (the store's triggers make
  an ended session final).

A random UUID made at write time would also be fixed once stored, but only a derived one
survives the outbox being rebuilt (``quiz.xapi.backfill``) without duplicates.

Registration (the xAPI attempt) is the session's UUID, derived from the store UUID and the
session id. The statement carries every stored field the reports read (in extensions where
xAPI has no place for it), so ``quiz.xapi.fetch`` can rebuild the exact rows.
"""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from quiz.fields import Fields

VERSION = "1.0.3"
ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {name: ADL + name for name in
         ("answered", "attempted", "completed", "passed", "failed", "terminated")}
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
COURSE = "http://adlnet.gov/expapi/activities/course"
RESPONSE_SEPARATOR = "[,]"

# question type → xAPI interactionType
INTERACTIONS = {"single": "choice", "multiple": "choice", "phase": "choice",
                "true_false": "true-false", "ordering": "sequencing", "matching": "matching"}

# names of the extensions; each is an IRI under the course IRI (``ext_iri``)
EXT_SESSION = "session"
EXT_MODE = "mode"
EXT_POSITION = "position"
EXT_PHASE = "phase"
EXT_OBJECTIVES = "objectives"
EXT_CONTENT_HASH = "content-hash"
EXT_CONFIDENCE = "confidence"
EXT_RECORDED = "recorded-at"
EXT_ELAPSED = "session-elapsed"
EXT_STATUS = "status"
EXT_QUESTIONS = "questions"
EXT_TIME_LIMIT = "time-limit"
EXT_STARTED = "started-at"
EXT_ENDED = "ended-at"
EXT_BANK = "bank"


@dataclass(frozen=True)
class Actor:
    """Who the statements are about: an ``account`` (home page + name made from the learner
    name) or an ``mbox`` (an address made from the learner name)."""

    home_page: str | None = None
    name_template: str = "{learner}"
    mbox_template: str | None = None

    def for_learner(self, learner: str) -> dict[str, Any]:
        """The xAPI Agent for ``learner`` (its display ``name`` is the learner name)."""
        if self.mbox_template is not None:
            local = quote(learner, safe="")
            address = self.mbox_template.format(learner=local)
            return {"objectType": "Agent", "name": learner, "mbox": f"mailto:{address}"}
        if self.home_page is None:
            raise ValueError("an actor needs an account home page or an mbox template")
        return {"objectType": "Agent", "name": learner,
                "account": {"homePage": self.home_page,
                            "name": self.name_template.format(learner=learner)}}


@dataclass(frozen=True)
class Course:
    """The course the statements belong to: its IRI (activity ids are built under it) and
    the actor rule."""

    iri: str
    actor: Actor

    @property
    def base(self) -> str:
        return self.iri.rstrip("/")

    def ext(self, name: str) -> str:
        """The IRI of one of quiz's extensions."""
        return f"{self.base}/xapi/ext/{name}"

    def bank_iri(self, bank_id: str) -> str:
        return f"{self.base}/banks/{quote(bank_id, safe='')}"

    def question_iri(self, bank_id: str, question_id: str) -> str:
        return f"{self.bank_iri(bank_id)}/questions/{quote(question_id, safe='')}"


class SessionFacts(Fields):
    """A stored session (the ``sessions`` row and its learner)."""

    session_id: int
    learner: str
    mode: str
    bank_id: str
    status: str
    started_at: str
    ended_at: str | None
    elapsed: float
    questions: tuple[str, ...]
    """An exam's questions in order; empty for practice and review (they store no list)."""
    time_limit: float | None


class ResponseFacts(Fields):
    """A stored response (the ``responses`` row) with the session facts it needs."""

    session_id: int
    learner: str
    mode: str
    bank_id: str
    position: int
    question_id: str
    question_type: str
    content_hash: str
    phase: str
    objectives: tuple[str, ...]
    answer: tuple[str, ...]
    score: float
    confidence: int | None
    time_ms: int
    """As stored: the time spent at this position, counting earlier visits."""
    answered_at: str
    session_elapsed: float


def registration(store: uuid.UUID, session_id: int) -> str:
    """The session's UUID: the xAPI registration of every statement of that session."""
    return str(uuid.uuid5(store, f"session/{session_id}"))


def answer_id(store: uuid.UUID, session_id: int, position: int, answered_at: str) -> str:
    return str(uuid.uuid5(store, f"answered/{session_id}/{position}/{answered_at}"))


def session_statement_id(store: uuid.UUID, session_id: int, verb: str) -> str:
    return str(uuid.uuid5(store, f"{verb}/{session_id}"))


def duration(seconds: float) -> str:
    """ISO 8601 duration in seconds, to the millisecond: 4.25 → ``PT4.25S``."""
    millis = max(0, round(seconds * 1000))
    whole, frac = divmod(millis, 1000)
    return f"PT{whole}.{frac:03d}".rstrip("0").rstrip(".") + "S"


_DURATION = re.compile(
    r"P(?:(?P<w>\d+(?:\.\d+)?)W)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?")


def parse_duration(text: object) -> float | None:
    """Seconds in an ISO 8601 duration (weeks, days, hours, minutes, seconds), else None."""
    if not isinstance(text, str):
        return None
    match = _DURATION.fullmatch(text)
    if match is None or text in ("P", "PT") or text.endswith("T"):
        return None
    scale = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
    return sum(float(v) * scale[k] for k, v in match.groupdict().items() if v)


def response_pattern(answer: tuple[str, ...], question_type: str) -> str:
    """xAPI's response text: choice ids joined with ``[,]`` (a true/false item's is
    ``true`` or ``false``, which are its choice ids)."""
    return RESPONSE_SEPARATOR.join(answer)


def parse_response(text: object) -> tuple[str, ...]:
    if not isinstance(text, str) or not text:
        return ()
    return tuple(text.split(RESPONSE_SEPARATOR))


def _timestamp(stored: str) -> str:
    """The stored ISO time as xAPI wants it (with an offset; the store writes UTC)."""
    return stored if ("+" in stored[10:] or stored.endswith("Z")) else stored + "+00:00"


def _context(course: Course, store: uuid.UUID, session_id: int, bank_id: str, mode: str,
             extra: dict[str, Any]) -> dict[str, Any]:
    extensions = {course.ext(EXT_SESSION): session_id, course.ext(EXT_MODE): mode,
                  course.ext(EXT_BANK): bank_id}
    extensions.update({course.ext(k): v for k, v in extra.items()})
    return {
        "registration": registration(store, session_id),
        "contextActivities": {
            "parent": [{"objectType": "Activity", "id": course.bank_iri(bank_id),
                        "definition": {"type": ASSESSMENT}}],
            "grouping": [{"objectType": "Activity", "id": course.base,
                          "definition": {"type": COURSE}}],
        },
        "extensions": extensions,
    }


def answered(course: Course, store: uuid.UUID, r: ResponseFacts) -> dict[str, Any]:
    """The ``answered`` statement of one stored response."""
    score = min(1.0, max(0.0, float(r.score)))
    result_ext: dict[str, Any] = {
        course.ext(EXT_PHASE): r.phase,
        course.ext(EXT_OBJECTIVES): list(r.objectives),
        course.ext(EXT_CONTENT_HASH): r.content_hash,
        course.ext(EXT_SESSION): r.session_id,
    }
    if r.confidence is not None:
        result_ext[course.ext(EXT_CONFIDENCE)] = r.confidence
    return prune({
        "id": answer_id(store, r.session_id, r.position, r.answered_at),
        "actor": course.actor.for_learner(r.learner),
        "verb": {"id": VERBS["answered"], "display": {"en-US": "answered"}},
        "object": {
            "objectType": "Activity",
            "id": course.question_iri(r.bank_id, r.question_id),
            "definition": {"type": INTERACTION,
                           "interactionType": INTERACTIONS.get(r.question_type, "choice")},
        },
        "result": {
            "score": {"scaled": score, "raw": score, "min": 0.0, "max": 1.0},
            "success": score >= 0.999999999,
            "response": response_pattern(r.answer, r.question_type),
            "duration": duration(r.time_ms / 1000),
            "extensions": result_ext,
        },
        "context": _context(course, store, r.session_id, r.bank_id, r.mode, {
            EXT_POSITION: r.position, EXT_RECORDED: r.answered_at,
            EXT_ELAPSED: _finite(r.session_elapsed)}),
        "timestamp": _timestamp(r.answered_at),
        "version": VERSION,
    })


def _finite(value: float | None) -> float:
    return float(value) if value is not None and math.isfinite(value) else 0.0


def started(course: Course, store: uuid.UUID, s: SessionFacts) -> dict[str, Any]:
    """The ``attempted`` statement of a session's start (an exam's lists its questions)."""
    extra: dict[str, Any] = {EXT_STARTED: s.started_at, EXT_QUESTIONS: list(s.questions)}
    if s.time_limit is not None:
        extra[EXT_TIME_LIMIT] = _finite(s.time_limit)
    return prune({
        "id": session_statement_id(store, s.session_id, "attempted"),
        "actor": course.actor.for_learner(s.learner),
        "verb": {"id": VERBS["attempted"], "display": {"en-US": "attempted"}},
        "object": _bank_object(course, s.bank_id),
        "context": _context(course, store, s.session_id, s.bank_id, s.mode, extra),
        "timestamp": _timestamp(s.started_at),
        "version": VERSION,
    })


def ended(course: Course, store: uuid.UUID, s: SessionFacts, *, score: float | None = None,
          pass_mark: float | None = None) -> list[dict[str, Any]]:
    """A session's end: ``completed`` (or ``terminated`` when abandoned), and for a submitted
    exam with a pass mark (0..1) and a score, ``passed`` or ``failed``."""
    abandoned = s.status == "abandoned"
    extra: dict[str, Any] = {EXT_STARTED: s.started_at, EXT_STATUS: s.status,
                             EXT_QUESTIONS: list(s.questions), EXT_ENDED: s.ended_at,
                             EXT_ELAPSED: _finite(s.elapsed)}
    at = _timestamp(s.ended_at or s.started_at)
    result: dict[str, Any] = {"completion": not abandoned, "duration": duration(s.elapsed)}
    if score is not None:
        result["score"] = {"scaled": min(1.0, max(0.0, score))}
    made = []
    verbs = ["terminated" if abandoned else "completed"]
    if s.mode == "exam" and not abandoned and score is not None and pass_mark is not None:
        verbs.append("passed" if score >= pass_mark else "failed")
    for verb in verbs:
        body: dict[str, Any] = dict(result)
        if verb in ("passed", "failed"):
            body["success"] = verb == "passed"
        made.append(prune({
            "id": session_statement_id(store, s.session_id, verb),
            "actor": course.actor.for_learner(s.learner),
            "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
            "object": _bank_object(course, s.bank_id),
            "result": body,
            "context": _context(course, store, s.session_id, s.bank_id, s.mode, extra),
            "timestamp": at,
            "version": VERSION,
        }))
    return made


def prune(value: dict[str, Any]) -> dict[str, Any]:
    """The statement without empty values (``None``, ``""``, ``{}``), which xAPI LRSs such
    as Ralph refuse; the reader takes an absent value as the empty one."""
    out: dict[str, Any] = {}
    for key, item in value.items():
        if isinstance(item, dict):
            item = prune(item)
        if item is None or item == "" or item == {}:
            continue
        out[key] = item
    return out


def _bank_object(course: Course, bank_id: str) -> dict[str, Any]:
    return {"objectType": "Activity", "id": course.bank_iri(bank_id),
            "definition": {"type": ASSESSMENT}}
