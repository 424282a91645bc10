"""Statements: shape, stable ids, IRIs, durations and responses (pure functions)."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as hs

from quiz.xapi import statements as st
from tests.xapi.xapi_helpers import COURSE, course

STORE = uuid.UUID("0f0e0d0c-0b0a-4908-8706-050403020100")


def _response(**changes: object) -> st.ResponseFacts:
    base = st.ResponseFacts(3, "Ana Lima", "exam", "tvi bank", 2, "q/1 é", "multiple", "h1",
                            "inference", ("LO3",), ("a", "c"), 0.5, 2, 4250,
                            "2025-03-01T10:00:00.123456+00:00", 61.5)
    return base._replace(**changes)  # type: ignore[arg-type]


def test_an_answer_becomes_an_answered_statement_with_every_stored_field() -> None:
    made = st.answered(course(), STORE, _response())
    assert made["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
    assert made["object"]["id"] == f"{COURSE}/banks/tvi%20bank/questions/q%2F1%20%C3%A9"
    assert made["object"]["definition"] == {
        "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
        "interactionType": "choice"}
    result = made["result"]
    assert result["score"]["scaled"] == 0.5 and result["success"] is False
    assert result["response"] == "a[,]c" and result["duration"] == "PT4.25S"
    ext = result["extensions"]
    assert ext[f"{COURSE}/xapi/ext/phase"] == "inference"
    assert ext[f"{COURSE}/xapi/ext/objectives"] == ["LO3"]
    assert ext[f"{COURSE}/xapi/ext/content-hash"] == "h1"
    assert ext[f"{COURSE}/xapi/ext/confidence"] == 2
    assert made["context"]["registration"] == st.registration(STORE, 3)
    assert made["context"]["contextActivities"]["parent"][0]["id"] == f"{COURSE}/banks/tvi%20bank"
    assert made["actor"] == {"objectType": "Agent", "name": "Ana Lima",
                             "account": {"homePage": "https://school.example",
                                         "name": "Ana Lima"}}
    assert made["version"] == "1.0.3"


def test_the_same_stored_answer_always_has_the_same_id_and_a_changed_one_a_new_id() -> None:
    one = st.answered(course(), STORE, _response())
    again = st.answered(course(), STORE, _response())
    changed = st.answered(course(), STORE, _response(
        answer=("b",), answered_at="2025-03-01T10:00:05+00:00"))
    other_store = st.answered(course(), uuid.uuid4(), _response())
    assert one["id"] == again["id"]
    assert len({one["id"], changed["id"], other_store["id"]}) == 3
    assert uuid.UUID(one["id"]).version == 5


def test_types_map_to_interaction_types_and_an_empty_answer_has_no_response() -> None:
    kinds = {k: st.answered(course(), STORE, _response(question_type=k))["object"]
             ["definition"]["interactionType"] for k in st.INTERACTIONS}
    assert kinds == {"single": "choice", "multiple": "choice", "phase": "choice",
                     "true_false": "true-false", "ordering": "sequencing",
                     "matching": "matching"}
    empty = st.answered(course(), STORE, _response(answer=(), content_hash="", confidence=None))
    assert "response" not in empty["result"]
    assert f"{COURSE}/xapi/ext/content-hash" not in empty["result"]["extensions"]


def test_an_mbox_actor_is_made_from_the_learner_name() -> None:
    made = st.answered(course(mbox=True), STORE, _response(learner="ana lima"))
    assert made["actor"]["mbox"] == "mailto:ana%20lima@school.example"


def test_sessions_start_and_end_with_attempted_completed_and_passed_or_failed() -> None:
    facts = st.SessionFacts(3, "ana", "exam", "b", "submitted", "2025-03-01T09:00:00+00:00",
                            "2025-03-01T09:30:00+00:00", 1799.5, ("q1", "q2"), 2700.0)
    started = st.started(course(), STORE, facts)
    assert started["verb"]["id"].endswith("/attempted")
    ended = st.ended(course(), STORE, facts, score=0.5, pass_mark=0.7)
    assert [e["verb"]["id"].rsplit("/", 1)[1] for e in ended] == ["completed", "failed"]
    assert ended[1]["result"]["success"] is False and ended[0]["result"]["duration"] == "PT1799.5S"
    passed = st.ended(course(), STORE, facts, score=0.75, pass_mark=0.7)
    assert passed[1]["verb"]["id"].endswith("/passed")
    quit_ = st.ended(course(), STORE, facts._replace(status="abandoned"), score=0.1,
                     pass_mark=0.7)
    assert [e["verb"]["id"].rsplit("/", 1)[1] for e in quit_] == ["terminated"]
    ids = {started["id"], *(e["id"] for e in ended)}
    assert len(ids) == 3 and {e["context"]["registration"] for e in ended} == {
        started["context"]["registration"]}


@given(hs.integers(min_value=0, max_value=10**10))
def test_durations_round_trip_to_the_millisecond(millis: int) -> None:
    text = st.duration(millis / 1000)
    assert text.startswith("PT") and text.endswith("S")
    parsed = st.parse_duration(text)
    assert parsed is not None and round(parsed * 1000) == millis


def test_durations_in_other_units_are_read() -> None:
    assert st.parse_duration("P1DT2H3M4.5S") == 86400 + 7200 + 180 + 4.5
    assert st.parse_duration("PT") is None and st.parse_duration("4S") is None


@given(hs.lists(hs.text(alphabet="abcdefgh0123456789_-", min_size=1, max_size=5),
                max_size=6))
def test_responses_round_trip(ids: list[str]) -> None:
    assert st.parse_response(st.response_pattern(tuple(ids), "multiple")) == tuple(ids)
