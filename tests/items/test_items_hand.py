"""Every figure of item analysis against small data sets worked out by hand.

The arithmetic is written out in the comments; the expected values are those expressions,
not numbers copied from a run of the code under test.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from quiz.reports.items.analysis import BankReport, ItemReport, analyse_sources
from quiz.reports.items.stats import NO_ANSWER, Analysis
from tests.items.items_data import HAND, StoreWriter, catalog, hand_lines, question, write_jsonl

approx = pytest.approx


def _bank(path: Path, which: str = "first") -> BankReport:
    report = analyse_sources([], [path], which, catalog())
    assert [b.bank_id for b in report.banks] == ["hand"]
    return report.banks[0]


def _items(bank: BankReport) -> dict[str, ItemReport]:
    return {item.question_id: item for item in bank.items}


@pytest.fixture
def hand(tmp_path: Path) -> BankReport:
    return _bank(write_jsonl(tmp_path / "hand.jsonl", hand_lines()))


# Scores (1 = choice a) and totals T of the HAND data set (see items_data):
#
#          q1 q2 q3 q4 | T   percent
#     A     1  1  1  1 | 4   100
#     B     1  1  1  0 | 3    75
#     C     1  1  0  0 | 2    50
#     D     1  0  0  1 | 2    50
#     E     0  0  1  0 | 1    25


def test_test_level_figures(hand: BankReport) -> None:
    t = hand.test
    assert t.attempts == 5
    # mean: (100 + 75 + 50 + 50 + 25) / 5 = 300 / 5 = 60
    assert t.mean == approx(60.0)
    # median of 25, 50, 50, 75, 100 = 50
    assert t.median == approx(50.0)
    # T mean = 12 / 5 = 2.4; deviations 1.6, 0.6, -0.4, -0.4, -1.4
    # squares 2.56 + 0.36 + 0.16 + 0.16 + 1.96 = 5.2; V(T) = 5.2 / (5 - 1) = 1.3
    # SD = sqrt(1.3) marks out of 4 = 100 * sqrt(1.3) / 4 percent
    assert t.sd == approx(100 * math.sqrt(1.3) / 4)
    # item variances (n - 1 = 4): q1 mean .8, SS 4*.04 + .64 = .8 → .2
    #   q2 mean .6, SS 3*.16 + 2*.36 = 1.2 → .3; q3 and q4 likewise 1.2 → .3
    # sum = .2 + .3 + .3 + .3 = 1.1
    # alpha = 4/3 * (1 - 1.1 / 1.3) = 4/3 * .2/1.3 = .8 / 3.9
    assert t.alpha == approx(0.8 / 3.9)
    # KR-20 with p*q and population variance gives the same:
    #   Σpq = .16 + .24 + .24 + .24 = .88; V_pop(T) = 5.2 / 5 = 1.04
    #   4/3 * (1 - .88 / 1.04) = 4/3 * .16/1.04 = .64 / 3.12
    assert t.alpha == approx(0.64 / 3.12)
    assert t.alpha_kind == "KR-20"
    # error ratio = 100 * sqrt(1 - alpha); standard error = ER/100 * SD
    error_ratio = 100 * math.sqrt(1 - 0.8 / 3.9)
    assert t.error_ratio == approx(error_ratio)
    assert t.standard_error == approx(error_ratio / 100 * 100 * math.sqrt(1.3) / 4)
    assert t.complete and t.slots == 4


def test_q1_facility_sd_discrimination_efficiency(hand: BankReport) -> None:
    q1 = _items(hand)["q1"].stats
    # x = 1,1,1,1,0 ; rest r = T - x = 3,2,1,1,1
    assert q1.attempts == 5
    assert q1.facility == approx(0.8)  # 4 / 5
    # SS_x = .8 (above); SD = sqrt(.8 / 4)
    assert q1.sd == approx(math.sqrt(0.2))
    # r mean 8/5 = 1.6; dr = 1.4, .4, -.6, -.6, -.6; SS_r = 1.96+.16+.36+.36+.36 = 3.2
    # dx = .2,.2,.2,.2,-.8; SP = .28 + .08 - .12 - .12 + .48 = .6
    # DI = .6 / sqrt(.8 * 3.2) = .6 / 1.6
    assert q1.discrimination == approx(0.375)
    # sorted x 0,1,1,1,1 (dx -.8,.2,.2,.2,.2) with sorted r 1,1,1,2,3 (dr -.6,-.6,-.6,.4,1.4)
    # = .48 - .12 - .12 + .08 + .28 = .6 ; DE = .6 / .6
    assert q1.efficiency == approx(1.0)


def test_q2_q3_q4(hand: BankReport) -> None:
    items = _items(hand)
    q2, q3, q4 = items["q2"].stats, items["q3"].stats, items["q4"].stats
    # q2: x = 1,1,1,0,0 ; r = 3,2,1,2,1 ; r mean 1.8
    #   dx .4,.4,.4,-.6,-.6 ; dr 1.2,.2,-.8,.2,-.8 ; SS_r = 1.44+.04+.64+.04+.64 = 2.8
    #   SP = .48 + .08 - .32 - .12 + .48 = .6 ; DI = .6 / sqrt(1.2 * 2.8)
    assert q2.facility == approx(0.6)
    assert q2.sd == approx(math.sqrt(0.3))
    assert q2.discrimination == approx(0.6 / math.sqrt(3.36))
    #   sorted: dx -.6,-.6,.4,.4,.4 with r 1,1,2,2,3 → dr -.8,-.8,.2,.2,1.2
    #   = .48 + .48 + .08 + .08 + .48 = 1.6 ; DE = .6 / 1.6
    assert q2.efficiency == approx(0.375)
    # q3: x = 1,1,0,0,1 ; r = 3,2,2,2,0 ; r mean 1.8
    #   dx .4,.4,-.6,-.6,.4 ; dr 1.2,.2,.2,.2,-1.8 ; SS_r = 1.44+.04+.04+.04+3.24 = 4.8
    #   SP = .48 + .08 - .12 - .12 - .72 = -.4 ; DI = -.4 / sqrt(1.2 * 4.8) = -.4 / 2.4
    assert q3.discrimination == approx(-0.4 / 2.4)
    #   sorted: dx -.6,-.6,.4,.4,.4 with r 0,2,2,2,3 → dr -1.8,.2,.2,.2,1.2
    #   = 1.08 - .12 + .08 + .08 + .48 = 1.6 ; DE = -.4 / 1.6
    assert q3.efficiency == approx(-0.25)
    # q4: x = 1,0,0,1,0 ; r = 3,3,2,1,1 ; r mean 2 ; dr 1,1,0,-1,-1 ; SS_r = 4
    #   dx .6,-.4,-.4,.6,-.4 ; SP = .6 - .4 + 0 - .6 + .4 = 0
    assert q4.facility == approx(0.4)
    assert q4.discrimination == approx(0.0, abs=1e-12)
    assert q4.efficiency == approx(0.0, abs=1e-12)


def test_flags(hand: BankReport) -> None:
    items = _items(hand)
    assert items["q1"].flags == ()  # facility .8, DI .375
    assert items["q2"].flags == ()  # facility .6, DI .327
    assert items["q3"].flags == ("negative discrimination",)  # DI -.167
    assert items["q4"].flags == ("low discrimination",)  # DI 0 (< .2, not negative)


def test_choices_share_point_biserial_and_function(hand: BankReport) -> None:
    items = _items(hand)

    def choice(qid: str, cid: str) -> tuple[float, float | None, bool | None, bool | None]:
        found = next(c for c in items[qid].choices if c.choice_id == cid)
        return found.stats.share, found.stats.point_biserial, found.correct, found.functions

    # q1: r = 3,2,1,1,1 (mean 1.6, SS_r 3.2); a picked by A-D, b by E
    #   pb = Σ_picked(r - r̄) / sqrt(SS_r * k(n-k)/n)
    #   a: (1.4 + .4 - .6 - .6) / sqrt(3.2 * 4*1/5) = .6 / 1.6
    assert choice("q1", "a") == approx((0.8, 0.375, True, None))
    #   b: (1 - 1.6) / 1.6 ; picked by 20% ≥ 5% and negative → functions
    assert choice("q1", "b") == approx((0.2, -0.375, False, True))
    #   c, d: nobody → share 0, no correlation, does not function
    assert choice("q1", "c") == (0.0, None, False, False)
    assert choice("q1", "d") == (0.0, None, False, False)
    # q2: r = 3,2,1,2,1 (mean 1.8, SS_r 2.8); b by D (r 2), c by E (r 1)
    #   b: .2 / sqrt(2.8 * 4/5) = .2 / sqrt(2.24): positive → does not function
    assert choice("q2", "b") == approx((0.2, 0.2 / math.sqrt(2.24), False, False))
    #   c: -.8 / sqrt(2.24) → functions
    assert choice("q2", "c") == approx((0.2, -0.8 / math.sqrt(2.24), False, True))
    # q3: r = 3,2,2,2,0 (mean 1.8, SS_r 4.8); b by C, D: (.2 + .2) / sqrt(4.8 * 2*3/5) = .4/2.4
    assert choice("q3", "b") == approx((0.4, 0.4 / 2.4, False, False))
    # q4: r = 3,3,2,1,1 (mean 2, SS_r 4); b by B: 1 / sqrt(4 * 4/5) = 1 / sqrt(3.2)
    assert choice("q4", "b") == approx((0.2, 1 / math.sqrt(3.2), False, False))
    #   c by C, E: (0 - 1) / sqrt(4 * 2*3/5) = -1 / sqrt(4.8) → functions
    assert choice("q4", "c") == approx((0.4, -1 / math.sqrt(4.8), False, True))
    # choices come in bank order, every one listed even when never picked
    assert [c.choice_id for c in items["q4"].choices] == ["a", "b", "c", "d"]


def test_partial_credit_gives_cronbach_alpha() -> None:
    # four attempts, three items with half marks:
    #          q1   q2   q3  | T    percent of 3
    #     A    1    1    .5  | 2.5  83.33
    #     B    1    .5   .5  | 2    66.67
    #     C    .5   0    0   | .5   16.67
    #     D    0    .5   0   | .5   16.67
    rows = {"A": (1, 1, .5), "B": (1, .5, .5), "C": (.5, 0, 0), "D": (0, .5, 0)}
    analysis = Analysis()
    for scores in rows.values():
        analysis.add_attempt([(f"q{i}", f"q{i}", float(s), ["x"]) for i, s in enumerate(scores)])
    t = analysis.test()
    # T mean 5.5 / 4 = 1.375; deviations 1.125, .625, -.875, -.875
    # SS = 1.265625 + .390625 + .765625 + .765625 = 3.1875 ; V(T) = 3.1875 / 3
    # item SS: q1 (mean .625) .140625*2 + .015625 + .390625 = .6875 ; q2 (mean .5) .5 ;
    #          q3 (mean .25) .25 ; Σ V = (.6875 + .5 + .25) / 3 = 1.4375 / 3
    # alpha = 3/2 * (1 - 1.4375 / 3.1875) = 1.5 * 1.75 / 3.1875
    assert t.alpha == approx(1.5 * 1.75 / 3.1875)
    assert t.alpha_kind == "Cronbach's alpha"
    assert t.mean == approx(100 * 1.375 / 3)
    assert t.median == approx((100 * 0.5 / 3 + 100 * 2 / 3) / 2)  # (16.67 + 66.67) / 2
    sd = 100 * math.sqrt(3.1875 / 3) / 3
    assert t.sd == approx(sd)
    assert t.error_ratio == approx(100 * math.sqrt(1 - 1.5 * 1.75 / 3.1875))
    assert t.standard_error == approx(math.sqrt(1 - 1.5 * 1.75 / 3.1875) * sd)
    items = {i.question_id: i for i in analysis.items()}
    # q0 (the first column): x = 1, 1, .5, 0 → facility .625; SD = sqrt(.6875 / 3)
    assert items["q0"].facility == approx(0.625)
    assert items["q0"].sd == approx(math.sqrt(0.6875 / 3))
    # q0 rest r = 1.5, 1, 0, .5 (mean .75); dx .375,.375,-.125,-.625 ; dr .75,.25,-.75,-.25
    # SP = .28125 + .09375 + .09375 + .15625 = .625 ; SS_r = .5625+.0625+.5625+.0625 = 1.25
    # DI = .625 / sqrt(.6875 * 1.25)
    assert items["q0"].discrimination == approx(0.625 / math.sqrt(0.6875 * 1.25))
    # sorted x 0,.5,1,1 (dx -.625,-.125,.375,.375) with sorted r 0,.5,1,1.5
    # (dr -.75,-.25,.25,.75): .46875 + .03125 + .09375 + .28125 = .875 ; DE = .625 / .875
    assert items["q0"].efficiency == approx(0.625 / 0.875)


# --- exams from a store ------------------------------------------------------------------
#
# Three learners sat an exam of two positions; ana sat a second one; cy has an exam still
# open and ben a practice session (neither counts: the bank has submitted exams).
#
#     session     pos 0           pos 1           total
#     ana exam 1  q1 a (1)        q2 a (1)        2
#     ben exam 1  q2 b (0)        q1 unanswered   0   (scored 0, as Moodle does)
#     cy  exam 1  q1 a (1)        q2 c (0)        1   (q2 answered to an older version)
#     ana exam 2  q1 b (0)        q2 b (0)        0   (only with --attempts all)


def _exam_store(path: Path) -> Path:
    q1, q2 = question("q1").content_hash, question("q2").content_hash
    store = StoreWriter(path)
    s = store.session("ana", "exam", "submitted", ["q1", "q2"])
    store.answer(s, "ana", 0, "q1", ["a"], 1.0, q1)
    store.answer(s, "ana", 1, "q2", ["a"], 1.0, q2)
    s = store.session("ben", "exam", "submitted", ["q2", "q1"])
    store.answer(s, "ben", 0, "q2", ["b"], 0.0, q2)
    s = store.session("cy", "exam", "submitted", ["q1", "q2"])
    store.answer(s, "cy", 0, "q1", ["a"], 1.0, q1)
    store.answer(s, "cy", 1, "q2", ["c"], 0.0, "0ld0ld0ld0ld0ld0")
    s = store.session("ana", "exam", "submitted", ["q1", "q2"])
    store.answer(s, "ana", 0, "q1", ["b"], 0.0, q1)
    store.answer(s, "ana", 1, "q2", ["b"], 0.0, q2)
    s = store.session("cy", "exam", "active", ["q1", "q2"])
    store.answer(s, "cy", 0, "q1", ["d"], 0.0, q1)
    s = store.session("ben", "practice", "finished", ["q1"])
    store.answer(s, "ben", 0, "q1", ["a"], 1.0, q1)
    store.close()
    return path


def test_exams_first_attempts(tmp_path: Path) -> None:
    report = analyse_sources([_exam_store(tmp_path / "s.sqlite3")], [], "first",
                             catalog(ids=("q1", "q2")))
    bank = report.banks[0]
    assert bank.basis == "exam"
    assert bank.unanswered_filled == 1  # ben's position 1
    t = bank.test
    # totals 2, 0, 1 of 2 → 100%, 0%, 50%: mean 50, median 50
    assert t.attempts == 3 and t.mean == approx(50.0) and t.median == approx(50.0)
    # T mean 1, deviations 1, -1, 0 → V(T) = 2 / 2 = 1 → SD 1 mark of 2 = 50%
    assert t.sd == approx(50.0)
    # slots are positions: pos 0 = 1, 0, 1 (mean 2/3, SS 2/9 + 4/9 + ... = 6/9) → V 1/3
    # pos 1 = 1, 0, 0 → V 1/3 ; alpha = 2/1 * (1 - (2/3) / 1) = 2/3
    assert t.alpha == approx(2 / 3)
    assert t.error_ratio == approx(100 * math.sqrt(1 / 3))
    assert t.standard_error == approx(math.sqrt(1 / 3) * 50)
    items = _items(bank)
    q1, q2 = items["q1"], items["q2"]
    # q1: (x, r) = ana (1, 1), ben (0, 0), cy (1, 0); x mean 2/3, r mean 1/3
    #   dx 1/3, -2/3, 1/3 ; dr 2/3, -1/3, -1/3 ; SP = 2/9 + 2/9 - 1/9 = 1/3
    #   SS_x = 1/9 + 4/9 + 1/9 = 2/3 = SS_r → DI = (1/3) / (2/3) = .5
    assert q1.stats.facility == approx(2 / 3)
    assert q1.stats.sd == approx(math.sqrt(1 / 3))
    assert q1.stats.discrimination == approx(0.5)
    #   sorted x 0,1,1 (dx -2/3,1/3,1/3) with r 0,0,1 (dr -1/3,-1/3,2/3) = 2/9 - 1/9 + 2/9
    assert q1.stats.efficiency == approx(1.0)
    shares = {c.choice_id: (c.stats.share, c.stats.point_biserial) for c in q1.choices}
    # ben gave no answer: (0 - 1/3) / sqrt(2/3 * 1*2/3) = (-1/3) / (2/3)
    assert shares[NO_ANSWER] == approx((1 / 3, -0.5))
    assert shares["a"] == approx((2 / 3, 0.5))
    # q2: (x, r) = ana (1, 1), ben (0, 0), cy (0, 1); b by ben: (0 - 2/3) / (2/3) = -1
    assert q2.stats.discrimination == approx(0.5)
    b = next(c for c in q2.choices if c.choice_id == "b")
    c = next(c for c in q2.choices if c.choice_id == "c")
    assert b.stats.point_biserial == approx(-1.0) and b.functions is True
    assert c.stats.point_biserial == approx(0.5)  # (1 - 2/3)/(2/3)
    assert c.functions is False
    assert q2.older_version == 1
    assert "answered in another version" in q2.flags


def test_exams_all_attempts(tmp_path: Path) -> None:
    report = analyse_sources([_exam_store(tmp_path / "s.sqlite3")], [], "all",
                             catalog(ids=("q1", "q2")))
    t = report.banks[0].test
    # ana's second exam joins: totals 2, 0, 1, 0 → 100, 0, 50, 0 percent
    assert t.attempts == 4
    assert t.mean == approx(150 / 4)
    assert t.median == approx(25.0)  # (0, 0, 50, 100) → (0 + 50) / 2


def test_practice_all_makes_each_session_an_attempt(tmp_path: Path) -> None:
    lines = hand_lines()
    # E answers q1 again in a second session, right this time
    lines.append({"learner": "E", "session_id": 2, "question_id": "q1", "answer": ["a"],
                  "score": 1.0, "bank_id": "hand"})
    first = _bank(write_jsonl(tmp_path / "a.jsonl", lines), "first")
    every = _bank(write_jsonl(tmp_path / "b.jsonl", lines), "all")
    assert first.test.attempts == 5  # the retry is not a first answer
    assert _items(first)["q1"].stats.facility == approx(0.8)
    # six attempts; q1 now 5 right of 6; E's second session has one item (100%)
    assert every.test.attempts == 6
    assert _items(every)["q1"].stats.facility == approx(5 / 6)
    assert every.test.mean == approx((100 + 75 + 50 + 50 + 25 + 100) / 6)
    # attempts no longer share their questions: alpha cannot be computed
    assert every.test.alpha is None and not every.test.complete


def test_hand_data_matches_the_table_in_the_module() -> None:
    # guard: the data set above is the one the comments work through
    scores = {learner: [1 if answers[q] == "a" else 0 for q in ("q1", "q2", "q3", "q4")]
              for learner, answers in HAND.items()}
    assert scores == {"A": [1, 1, 1, 1], "B": [1, 1, 1, 0], "C": [1, 1, 0, 0],
                      "D": [1, 0, 0, 1], "E": [0, 0, 1, 0]}
