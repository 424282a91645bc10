"""The learner's workspace: loaded banks, the progress store, and sessions made from them.

Both faces of the product use it: the CLI builds one from its options, the TUI receives one
and asks it for sessions. Nothing here draws anything, so tests drive every flow through it.

A workspace holds the store open until ``close()`` (or the end of a ``with`` block, as
sqlite-utils' ``Database``): closing checkpoints the log into the store file, so the file
alone holds every answer. Any store fault while reading (a damaged page, a lock held too
long, a file that became read-only) turns the workspace to memory with ``store_problem``
saying why; it never reaches the learner as a traceback.

Review, adaptive practice and progress are methods too. They need the FSRS scheduler
(``quiz.engine.srs`` and fsrs), the history queries and the report code, which most commands
and the first question never touch, so those are imported inside the methods that use them
(fsrs alone would add its import time to every ``quiz`` command). A store fault on
their way (cards that cannot be written to a read-only file, a full disk or a locked store; a
damaged page) never escapes: the cards are read as they are when possible, and the workspace
goes on in memory with its "not being saved" notice.
"""

from __future__ import annotations

import random
import sqlite3
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self, TypeVar

from quiz.bank.cache import load_cached, stored_questions
from quiz.bank.suggest import did_you_mean
from quiz.engine.clock import Clock, monotonic
from quiz.engine.recorder import MemoryRecorder, Recorder
from quiz.engine.select import (
    Filters,
    draw_exam,
    draw_practice,
    make_items,
    retry_seed,
    scale_exam,
)
from quiz.engine.session import Mode, Session
from quiz.errors import BankError, QuizError, StoreError
from quiz.model import Bank, Catalog, Question
from quiz.paths import default_db
from quiz.store import db as store_db
from quiz.store.cards import due_counts, due_question_ids, sync_cards
from quiz.store.db import close, connect, quick_check, quick_check_file, set_wait, transaction
from quiz.store.learners import default_learner, learner_name
from quiz.store.lease import ExamOpenElsewhere, holder
from quiz.store.readonly import open_readonly, regular_store_file
from quiz.store.recorder import SqliteRecorder

if TYPE_CHECKING:
    from quiz.engine.srs import DueCounts
    from quiz.reports.progress.model import Report
    from quiz.store.outbox import Journal
    from quiz.store.resume import Unfinished

T = TypeVar("T")
NOT_SAVED = "Progress is not being saved."


class Workspace:
    """Everything a study session needs; ``store_problem`` says why progress is not saved.

    Made by ``open`` (the banks loaded, the store opened); the constructor takes a loaded
    catalog and, with ``db_path`` None, keeps everything in memory (as tests do). A plain
    class: as a dataclass its generated methods were compiled at every start of the app
    (0.4 ms of the first question drawn, issue 16)."""

    def __init__(self, catalog: Catalog, learner: str, db_path: Path | None) -> None:
        self.catalog = catalog
        self.learner = learner
        self.db_path = db_path
        self._conn: sqlite3.Connection | None = None
        self.store_problem: str | None = None
        self.clock: Clock = monotonic
        self.recorders: list[Recorder] = []
        self.journal: Journal | None = None
        """Queues each answer and session as an xAPI statement (set when an LRS is
        configured)."""
        self.read_only = False
        """``conn`` is a read-only connection: the store is read (history, due reviews, an
        unfinished exam) but new answers go to memory (``store_problem`` says why)."""
        self.create_later = False
        """No store file yet: it is created when the first session is recorded, so that
        merely looking (``quiz exam --resume``, the home screen) creates nothing."""
        self._check: _StoreCheck | None = None
        """The store's quick check, still running (``open(check_later=True)``; see
        ``settle``)."""

    def __repr__(self) -> str:
        return f"Workspace(learner={self.learner!r}, db_path={self.db_path!r})"

    @property
    def conn(self) -> sqlite3.Connection | None:
        """The store's connection (None in memory). Asking for it creates a store that was
        not made yet: whoever asks means to use it. The workspace's own reads do not ask,
        so looking at an empty history creates nothing."""
        self.settle()
        if self.create_later:
            self._create()
        return self._conn

    @property
    def reading(self) -> bool:
        """The store is being read (written too, unless ``read_only``): what the workspace
        reports about history, such as "no unfinished exam", is true of the store."""
        self.settle()
        return self._conn is not None

    @classmethod
    def open(
        cls,
        bank_paths: Sequence[Path] = (),
        learner: str | None = None,
        db_path: Path | None = None,
        *,
        record: bool = True,
        check_later: bool = False,
    ) -> Workspace:
        """Load the banks (raising ``BankError`` on errors) and open the store.

        A store that cannot be opened, or fails SQLite's quick check, does not stop study:
        the workspace runs in memory and ``store_problem`` says so, for the app to show; a
        store that can be read but not written (a read-only file or folder, a full disk,
        another program's lock) is still read. Opening waits for a lock once and briefly
        (``OPEN_TIMEOUT_MS``): the app's first paint waits on it. A path that is not a
        regular file raises ``StoreError``.

        ``check_later``: the quick check (which reads the whole file: 150 ms for a 56 MB
        class store) runs in another thread while the caller goes on, e.g. imports Textual;
        ``settle`` waits for it, and every use of the store settles first, so nothing is
        read or written, and no problem reported, before the store has been checked.
        """
        name = learner_name(learner or None)  # refused before anything is read
        result = load_cached(list(bank_paths))
        if result.errors:
            raise BankError(result.errors)
        if not result.catalog.banks:
            raise QuizError("no banks found; pass a bank file or a folder of banks, e.g. "
                            "quiz practice my-banks/")
        workspace = cls(result.catalog, name, None)
        if record:
            workspace.db_path = db_path or default_db()
            # a directory, FIFO or device named as the store is a mistake in the command,
            # not a fault to study around: say so and stop (StoreError)
            if regular_store_file(workspace.db_path) is None:
                workspace.create_later = True
            else:
                workspace._open_store(check_later=check_later)
        return workspace

    def _open_store(self, check_later: bool = False) -> None:
        """Open the store for writing, check it and bring the learner's cards up to date,
        with the short open-phase wait; then answers get the long one. ``check_later``:
        the check runs in another thread, and the rest waits for ``settle``."""
        assert self.db_path is not None
        try:
            self._conn = connect(self.db_path, busy_ms=store_db.open_wait_ms())
            if check_later:
                self._check = _StoreCheck(self.db_path)
                return
            # a damaged store gets no new session: the answers would be lost at repair
            quick_check(self._conn, str(self.db_path))
        except StoreError as exc:
            self._refuse(exc)
            return
        self._sync_on_open()

    def settle(self) -> None:
        """Finish opening the store: wait for the quick check started by
        ``open(check_later=True)``, then refuse a damaged store as ``open`` does, or bring
        the learner's cards up to date. Nothing when there is no check running."""
        check, self._check = self._check, None
        if check is None:
            return
        try:
            check.result()
        except StoreError as exc:
            self._refuse(exc)
            return
        self._sync_on_open()

    def _refuse(self, exc: StoreError) -> None:
        """The store failed to open or its check: memory from now on, and why; read it
        read-only when it can still be read."""
        close(self._conn, checkpoint=False)
        self._conn = None
        self.store_problem = f"{exc} {NOT_SAVED}"
        if _readable_fault(str(exc)):
            self._read_only()

    def _sync_on_open(self) -> None:
        """The checked store's open phase: the learner's cards, then the answers' wait."""
        assert self._conn is not None
        try:
            # the writes of the open phase: a lock still held, a read-only file or a full
            # disk shows here, after one short wait, rather than at the first due count
            sync_cards(self._conn, self.learner)
            set_wait(self._conn, store_db.BUSY_TIMEOUT_MS)
        except sqlite3.Error as exc:
            self.fail_store(exc)

    def _read_only(self) -> None:
        """Read the store through a read-only connection (its answers stay visible); writes
        go to memory. Nothing when it cannot even be read."""
        if self.db_path is None:
            return
        try:
            self._conn = open_readonly(self.db_path)
        except StoreError:
            self._conn = None
            return
        self.read_only = True

    def _create(self) -> None:
        """Create the store now that a session is to be recorded."""
        self.create_later = False
        self._open_store()

    # --- closing -------------------------------------------------------------------------

    def close(self) -> None:
        """Give up exam leases (the exams stay resumable), checkpoint the log into the store
        file and close it. Safe to call more than once."""
        self.settle()
        for recorder in self.recorders:
            if isinstance(recorder, SqliteRecorder):
                recorder.release()
        close(self._conn, checkpoint=not self.read_only)
        self._conn = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def fail_store(self, exc: sqlite3.Error) -> None:
        """A store fault (a damaged page, a read-only file, a full disk, a lock held too
        long): record new answers in memory from now on, and say so. A store that can still
        be read (anything but damage) is read through a read-only connection, so the
        learner's history and due reviews stay visible."""
        where = self.db_path or "the progress store"
        if not isinstance(exc, StoreError):
            self.store_problem = f"{where}: {_fault_words(exc)}. {NOT_SAVED}"
        elif self.store_problem is None:
            self.store_problem = f"{exc} {NOT_SAVED}"
        was_read_only = self.read_only
        close(self._conn, checkpoint=False)
        self._conn = None
        self.read_only = False
        if not was_read_only and _readable_fault(str(exc)):
            self._read_only()

    def guarded(self, read: Callable[[sqlite3.Connection], T], fallback: T) -> T:
        """``read(conn)``, or ``fallback`` without a store or when the store fails (the
        workspace then goes on in memory; ``problems()`` says why)."""
        self.settle()
        if self._conn is None:
            return fallback
        try:
            return read(self._conn)
        except sqlite3.Error as exc:
            self.fail_store(exc)
            return fallback

    # --- banks ---------------------------------------------------------------------------

    def bank(self, bank_id: str | None = None) -> Bank:
        if bank_id is None:
            return self.catalog.banks[0]
        bank = self.catalog.bank(bank_id)
        if bank is None:
            raise QuizError(f"no bank '{bank_id}'" + did_you_mean(
                bank_id, [b.id for b in self.catalog.banks]))
        return bank

    # --- sessions ------------------------------------------------------------------------

    def recorder(self) -> Recorder:
        self.settle()
        if self.create_later:
            self._create()
        if self._conn is None or self.read_only:
            made: Recorder = MemoryRecorder()
        else:
            made = SqliteRecorder(self._conn, self.learner, self.journal)
        self.recorders.append(made)
        return made

    def practice(
        self, filters: Filters | None = None, seed: int | None = None,
        bank_id: str | None = None, mode: Mode = Mode.PRACTICE,
    ) -> Session:
        bank = self.bank(bank_id)
        chosen_seed = choose_seed(seed)
        wanted = filters or Filters()
        stored = stored_questions(bank)
        questions: Sequence[Question]
        if stored is not None:
            # a cached catalog: the draw runs on its outline (the same questions without their
            # texts), and only the questions shown are read (quiz.bank.cache)
            questions = stored.pick(draw_practice(stored.outline, wanted, chosen_seed))
        else:
            questions = draw_practice(bank.questions, wanted, chosen_seed)
        return Session(
            bank, make_items(questions, chosen_seed), mode, seed=chosen_seed, filters=wanted,
            scenarios=self.catalog.scenarios, recorder=self.recorder(), clock=self.clock,
        )

    def exam(self, seed: int | None = None, bank_id: str | None = None, *,
             questions: int | None = None, minutes: int | None = None) -> Session:
        """A mock exam to the bank's blueprint; ``questions`` and ``minutes`` scale it
        (``quiz exam --questions N --minutes M``, see ``scale_exam``)."""
        bank = self.bank(bank_id)
        chosen_seed = choose_seed(seed)
        spec = scale_exam(bank.exam, questions, minutes)
        drawn = draw_exam(bank.questions, spec, chosen_seed)
        return Session(
            bank, make_items(drawn, chosen_seed), Mode.EXAM, seed=chosen_seed,
            time_limit=spec.minutes * 60.0, scenarios=self.catalog.scenarios,
            recorder=self.recorder(), clock=self.clock,
        )

    def mistakes(self, seed: int | None = None, bank_id: str | None = None) -> Session:
        from quiz.store.resume import latest_scores, mistakes

        none: dict[str, float] = {}
        scores = self.guarded(lambda conn: latest_scores(conn, self.learner), none)
        ids = mistakes(scores)
        bank = self.bank(bank_id)
        if not scores:
            raise QuizError("no answers yet, so no mistakes to review: practise first "
                            "(quiz practice)")
        if not any(bank.question(q) for q in ids):
            raise QuizError("no mistakes to review yet: every question you answered was right")
        return self.practice(Filters(question_ids=tuple(ids)), seed, bank.id, Mode.MISTAKES)

    def retry(self, session: Session, positions: Sequence[int]) -> Session:
        """A practice session over some items of another (e.g. an exam's incorrect ones),
        with a seed of its own so that the choices come in a new order."""
        ids = tuple(session.items[p].question.id for p in positions)
        return self.practice(Filters(question_ids=ids), retry_seed(session.seed),
                             session.bank.id)

    def unfinished_exam(self) -> Unfinished | None:
        # the resume module is imported when asked for (not for every first question)
        from quiz.store.resume import find_unfinished

        return self.guarded(lambda conn: find_unfinished(conn, self.learner, Mode.EXAM), None)

    def resume(self, unfinished: Unfinished) -> Session:
        """The saved exam, continued here; ``ExamOpenElsewhere`` (a ``QuizError``) while
        another window has it open."""
        from quiz.store.resume import rebuild_items

        items = rebuild_items(unfinished, self.catalog)
        bank = self.bank(unfinished.bank_id)
        recorder = self.recorder()
        if isinstance(recorder, SqliteRecorder):
            try:
                recorder.claim(unfinished.session_id)
            except sqlite3.Error as exc:
                self.fail_store(exc)
                raise QuizError(f"the exam cannot be resumed: {self.store_problem}") from None
        return Session(
            bank, items, unfinished.mode, seed=unfinished.seed,
            time_limit=unfinished.time_limit, scenarios=self.catalog.scenarios,
            recorder=recorder, clock=self.clock, resume=unfinished.state,
        )

    def discard(self, unfinished: Unfinished) -> None:
        """Abandon a saved exam (the learner starts a new one); refused with a message while
        another window has it open."""
        from quiz.store.resume import abandon

        def drop(conn: sqlite3.Connection) -> str | None:
            with transaction(conn):
                other = holder(conn, unfinished.session_id, "")
                if other is None:  # abandoning closes the session, which drops its lease
                    abandon(conn, unfinished.session_id)
            return other

        if self.read_only:  # nothing can be written: the new exam goes to memory anyway
            return
        other = self.guarded(drop, None)
        if other is not None:
            raise ExamOpenElsewhere(
                f"the unfinished exam is open in another quiz window ({other}); finish or "
                "quit it there before starting a new one")

    # --- spaced repetition, adaptive practice, progress ----------------------------------

    def _synced(self, read: Callable[[sqlite3.Connection, bool], T]) -> T | None:
        """``read(conn, sync=True)``, the cards brought up to date with the short open-phase
        wait; when they cannot be written, the store is read read-only and the cards are
        computed from the answers in memory (``sync=False``). None when the store cannot be
        read at all."""
        self.settle()
        if self._conn is not None and not self.read_only:
            conn = self._conn
            try:
                set_wait(conn, store_db.open_wait_ms())
                try:
                    return read(conn, True)
                finally:
                    set_wait(conn, store_db.BUSY_TIMEOUT_MS)
            except sqlite3.Error as exc:
                self.fail_store(exc)
        if self._conn is None:
            return None
        try:
            return read(self._conn, False)
        except sqlite3.Error as exc:
            self.fail_store(exc)
            return None

    def due_summary(self, now: datetime | None = None) -> DueCounts | None:
        """Reviews due now, today and this week, for the home screen (None without a
        store; nothing due before the store is made)."""
        at = _now(now)
        if self.create_later:
            from quiz.engine.srs import DueCounts  # see the module docstring

            return DueCounts(0, 0, 0)
        return self._synced(lambda conn, sync: due_counts(conn, self.learner, at, sync=sync))


    def review(self, *, now: datetime | None = None, seed: int | None = None,
               bank_id: str | None = None, limit: int | None = None) -> Session:
        """A review session over the learner's questions due by the end of today, most
        overdue first, from ``bank_id`` (default: the loaded bank with the most due
        questions)."""
        at = _now(now)
        due = self._synced(lambda conn, sync: due_question_ids(conn, self.learner, at,
                                                               sync=sync))
        if due is None:
            raise QuizError("no progress store, so nothing is due for review"
                            + (f" ({self.store_problem})" if self.store_problem else ""))
        bank = self._bank_for(due, bank_id)
        questions = [q for qid in due if (q := bank.question(qid)) is not None]
        if limit:
            questions = questions[:limit]
        if not questions:
            raise QuizError("nothing is due for review today; practise to add questions, or "
                            "come back later (`quiz report` shows what is due this week)")
        chosen = choose_seed(seed)
        return Session(
            bank, make_items(questions, chosen), Mode.REVIEW, seed=chosen,
            filters=Filters(question_ids=tuple(q.id for q in questions)),
            scenarios=self.catalog.scenarios, recorder=self.recorder(), clock=self.clock,
        )

    def _bank_for(self, due: list[str], bank_id: str | None) -> Bank:
        if bank_id is not None or len(self.catalog.banks) == 1:
            return self.bank(bank_id)
        wanted = set(due)
        return max(self.catalog.banks, key=lambda b: sum(q.id in wanted for q in b.questions))

    def adaptive(self, filters: Filters | None = None, seed: int | None = None,
                 bank_id: str | None = None) -> Session:
        """Practice drawn toward the learner's weakest objectives and phase and unseen
        questions (``quiz practice --adaptive``); the filters still restrict what may be
        drawn."""
        from quiz.engine.adaptive import draw_adaptive
        from quiz.reports.progress.aggregate import history_summary

        bank = self.bank(bank_id)
        chosen = choose_seed(seed)
        wanted = filters or Filters()
        summary = self.guarded(
            lambda conn: history_summary(conn, self.catalog, self.learner, bank.id), None)
        if summary is None:
            summary = history_summary(None, self.catalog, self.learner, bank.id)
        questions = draw_adaptive(bank.questions, wanted, summary, chosen)
        return Session(
            bank, make_items(questions, chosen), Mode.PRACTICE, seed=chosen, filters=wanted,
            scenarios=self.catalog.scenarios, recorder=self.recorder(), clock=self.clock,
        )

    def progress(self, *, since: str | None = None, bank_id: str | None = None,
                 now: datetime | None = None) -> Report:
        """The learner's progress report, for the Progress screen (due counts included)."""
        from quiz.reports.progress.aggregate import learner_report
        from quiz.reports.progress.model import Due
        from quiz.store.history import Scope

        due = self.due_summary(now)
        scope = Scope((self.learner,), since, (bank_id,) if bank_id else ())
        return self.guarded(
            lambda conn: learner_report(conn, self.catalog, self.learner, scope,
                                        extra=self.practice_args(),
                                        due=Due(due.today, due.week) if due else None),
            None) or learner_report(None, self.catalog, self.learner, scope,
                                    extra=self.practice_args())

    def practice_args(self) -> tuple[str, ...]:
        """The options a suggested ``quiz practice`` command needs to reach this learner and
        store (none when they are the defaults)."""
        args: tuple[str, ...] = ()
        if self.learner != default_learner():
            args += ("--learner", self.learner)
        if self.db_path is not None and self.db_path != default_db():
            args += ("--db", str(self.db_path))
        return args

    def problems(self) -> list[str]:
        """Why progress is not (or no longer) being saved, for the app to show."""
        self.settle()
        found = [self.store_problem] if self.store_problem else []
        found += [r.problem for r in self.recorders if r.problem]
        return list(dict.fromkeys(found))


class _StoreCheck:
    """SQLite's quick check of a store, in a thread of its own (see ``Workspace.open``)."""

    def __init__(self, path: Path) -> None:
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(path,), daemon=True,
                                        name="quiz-store-check")
        self._thread.start()

    def _run(self, path: Path) -> None:
        try:
            quick_check_file(path, store_db.open_wait_ms())
        except BaseException as exc:  # handed to the thread that waits, whatever it is
            self._failure = exc

    def result(self) -> None:
        """Wait for the check; raise what it raised (``StoreError`` for a damaged store)."""
        self._thread.join()
        if self._failure is not None:
            raise self._failure


def _fault_words(exc: sqlite3.Error) -> str:
    """What went wrong with the store, in a learner's words."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (f"another program is using the progress store ({text}); your answers so far "
                "are shown, but new ones cannot be saved until it lets go")
    if "readonly" in text or "read-only" in text:
        return f"the progress store cannot be written ({text}); your answers so far are shown"
    if "full" in text:
        return f"the disk is full ({text}); free some space"
    return f"the progress store cannot be used ({text}); run `quiz doctor` to check it"


def _readable_fault(text: str) -> bool:
    """Is this a fault of writing only (read-only, locked, full, I/O), after which the
    store can still be read? Damage, a newer schema or another kind of file are not."""
    refused = ("damaged", "malformed", "not a database", "newer version", "never writes",
               "not a quiz")
    return not any(word in text for word in refused)


def choose_seed(seed: int | None) -> int:
    """``seed``, or a fresh random one (shown to the learner, so a session can be redone)."""
    return seed if seed is not None else random.SystemRandom().randrange(1, 1_000_000)


def _now(now: datetime | None) -> datetime:
    """``now``, or the local time (the calendar day of due reviews is the learner's)."""
    return now if now is not None else datetime.now().astimezone()
