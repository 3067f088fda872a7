"""The feedback page and the report read at a glance: summary first, one hint per cause, the written question
by its text with the answer, two decimals, the details collapsed. Pure rendering, from made-up results."""

from __future__ import annotations

import html
import re

from mlmath.reporting import feedback, report
from mlmath.reporting.results import Submission, WrittenResult
from mlmath.reporting.results import TestResult as Result

STUB = "NotImplementedError: "
QUESTION = "### Exercise 6 — Written question (2 points)\n\nWhy does PCA **centre** the data?"


def made_tests(function: str, n: int, message: str | None) -> list[Result]:
    return [Result(f"{function}__t{i}", f"Check {function} on case {i}.", 0.0 if message else 1.0, 1.0,
                       message or "") for i in range(n)]


def submission(student: str = "bob", written: WrittenResult | None = None) -> Submission:
    results = [*made_tests("dot", 3, None), *made_tests("norm", 2, "AssertionError: norm([3, 4]) should be 5.0"),
               *made_tests("matmul", 5, STUB), *made_tests("pca", 9, STUB)]
    answer = written or WrittenResult("written_pca", 1.5, 2.0, True, "Say <b>why</b>.", QUESTION, "Because *variance*.")
    return Submission(student, "ch1", sum(t.score for t in results) + (answer.score or 0), 21.0,
                      tests=results, written=[answer])


def text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_feedback_opens_with_a_summary_of_each_exercise():
    page = text(feedback.render(submission()))
    assert page.index("Total:") < page.index("exercise points result") < page.index("0 / 2 points, failed 2 of 2")
    assert "dot 3 / 3 passed all 3 tests" in page
    assert "norm 0 / 2 failed 2 of 2 tests" in page
    assert "matmul 0 / 5 not attempted" in page and "pca 0 / 9 not attempted" in page
    assert "Exercise 6 — Written question (2 points) 1.5 / 2 graded" in page


def test_feedback_says_each_hint_once():
    page = text(feedback.render(submission()))
    assert page.count("replace the stub") == 1, "the stub's hint is repeated"
    assert page.count("A check of this test failed") == 1
    raw = feedback.render(submission())
    assert raw.count('<details class="function">') == 3  # dot (passed), matmul and pca (not attempted)


def test_feedback_shows_the_written_question_by_its_text_with_the_answer_score_and_comment():
    raw = feedback.render(submission())
    page = text(raw)
    assert "written_pca" not in page.split("Exercise 6 — Written question (2 points)", 2)[-1][:50]
    assert "Why does PCA centre the data?" in page and "<strong>centre</strong>" in raw
    assert "Your answer: Because *variance*." in page  # a student's text is shown as text, never as markup
    assert "Score: 1.5 / 2 points" in page and "Say <b>why</b>." in page and "<b>why</b>" not in raw


def test_feedback_for_an_unanswered_or_waiting_written_question():
    unanswered = WrittenResult("written_pca", 0.0, 2.0, False, "", QUESTION, "")
    assert "No answer was given" in text(feedback.render(submission(written=unanswered)))
    waiting = WrittenResult("written_pca", None, 2.0, True, "", QUESTION, "My answer.")
    page = text(feedback.render(submission(written=waiting)))
    assert "My answer." in page and "Waiting to be graded by a person" in page


def test_report_summary_first_with_two_decimals_and_details_collapsed():
    subs = [submission("ann"), submission("bob"), submission("cy")]
    raw = report.render("ch1", subs)
    page = text(raw)
    assert re.search(r"mean score \d+\.\d\d median score \d+\.\d\d", page)
    assert page.index("Needs a person") < page.index("The three tests most failed") < page.index("Details")
    assert raw.count("<details>") == 3 and "<details open" not in raw
    assert "Written questions (1)" in page and "written_pca" in page


def test_report_words_failures_for_the_team():
    assert report.for_staff("ValueError: (raised by your code; for a hidden test its message is not shown)") == (
        "ValueError: (raised by the student's code; a hidden test's message is withheld from students)")


def test_the_three_most_failed_tests_are_the_ones_failed_most_by_those_who_wrote_the_function():
    """A stub left in place fails every test of its function alike: it is counted beside, never ranked."""
    stats = report.test_stats([submission("ann"), submission("bob")])
    assert [s.function for s in report.most_failed(stats)] == ["norm", "norm"]
    matmul = next(s for s in stats if s.function == "matmul")
    assert (matmul.stubs, matmul.tried, matmul.failed_tried) == (2, 0, 0)
    wrote = Submission("cy", "ch1", 0.0, 21.0, tests=[
        *made_tests("dot", 3, None), *made_tests("norm", 2, None),
        *made_tests("matmul", 5, "AssertionError: matmul of a 2x3 and a 3x2 matrix"), *made_tests("pca", 9, STUB)])
    stats = report.test_stats([submission("ann"), submission("bob"), wrote])
    assert [s.function for s in report.most_failed(stats)] == ["matmul"] * 3  # 1 of 1 that wrote it; norm 2 of 3
    page = text(report.most_failed_list(stats))
    assert "matmul__t0 : failed by 1 of the 1 that wrote matmul (100 %); 2 left it as the stub." in page


def test_maths_in_a_question_becomes_mathml_that_needs_no_script():
    from mlmath.reporting import page

    rendered = page.markdown("Why centre $\\frac{1}{n-1} X^\\top X$? Compare $$\\bar x \\bar x^\\top$$.")
    assert rendered.count("<math") == 2 and 'display="block"' in rendered
    assert "$" not in rendered and "<mfrac>" in rendered
    assert "<script" not in rendered


def test_maths_the_converter_cannot_read_stays_as_text():
    from mlmath.reporting import page

    assert page.mathml("\\left( x", display="inline") == "$\\left( x$"
    assert page.mathml("a < b", display="block").startswith("<math")
