"""The screens people see, in a real browser: headless Chromium (Debian's `chromium` and `chromium-driver`, driven
by Selenium) on one JupyterLab server over a copy of the graded scratch course.

- a student's Validate (JupyterLab's button from nbgrader's extension) on the release notebook: a summary first;
- the Formgrader's manual grading page: the rubric and model answer right after the written answer, the lesson
  hidden, maths rendered by MathJax from this server with every other host unreachable, no console error;
- a student's feedback page: the summary first, the written question with the student's answer;
- the report: one screen of summary, the details collapsed.

No screen shows a line of a hidden test. A screenshot of each is taken; with `MLMATH_SCREENS=docs/screens` in the
environment they replace the README's pictures (`MLMATH_SCREENS=docs/screens .venv/bin/python -m pytest
tests/test_browser.py`), otherwise they go to pytest's temporary folder, so a test run changes no file of the
repository.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ASSIGNMENTS, ROOT, grade_written, hidden_lines, mlmath
from nbgrader.api import Gradebook
from partly_done import ASSIGNMENT as HALF_DONE
from partly_done import OTHERS, RIGHT, WRONG, partly_done

from mlmath import nbgrader_cli, notebooks, release
from mlmath.course import Course
from mlmath.formgrader.view import LABEL
from mlmath.intake import roster
from mlmath.selfcheck import BLANK, REFERENCE

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.browser]

FIRST = ASSIGNMENTS[0]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
COMMENT = "Right about the mean; say what the first component points to."
WAIT = 90  # seconds a page may take to appear on a busy machine (a ceiling, not a measurement)

if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    pytest.skip("needs Debian's chromium and chromium-driver (.ci/run installs them)", allow_module_level=True)


# --- one browser and one server per session ----------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    profile = tempfile.mkdtemp(prefix="mlmath-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1100,900",
                 # The network is off: every host but this machine fails to resolve.
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Screens:
    course: Course
    url: str  # the Jupyter server's base URL

    def grading_page(self, student: str, assignment: str) -> str:
        with Gradebook(self.course.gradebook_url) as gb:
            nb_id = gb.find_submission_notebook(assignment, assignment, student).id
        return f"{self.url}/formgrader/submissions/{nb_id}/"


@pytest.fixture(scope="module")
def screens(graded, tmp_path_factory):
    """A copy of the graded course with a written answer graded, its feedback and report, and JupyterLab on it."""
    course = Course(tmp_path_factory.mktemp("screens") / "course")
    shutil.copytree(graded.course.root, course.root)
    grade_written(course, FIRST, REFERENCE, 1.5, COMMENT)
    for assignment in ASSIGNMENTS:  # what `mlmath release` does after nbgrader's generate_assignment
        assert release.record_due_date(course, assignment)
    roster.record_names(course, {REFERENCE: roster.Name("Ada", "Lovelace", from_roster=True),
                                 BLANK: roster.name_from_download("doejane")})
    for command in (["feedback", FIRST], ["report", FIRST]):
        proc = mlmath(course, *command)
        assert proc.returncode == 0, proc.stderr
    port = free_port()
    env = nbgrader_cli.environment()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["JUPYTER_CONFIG_DIR"] = str(course.root / ".jupyter")  # nobody's own settings, and mlmath's Validate
    (course.root / ".jupyter").mkdir()
    (course.root / ".jupyter" / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"jpserver_extensions": {"mlmath.validate": True}}}))
    settings = course.root / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)  # no "Would you like to get notified about official Jupyter news?" toast
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    student = course.root / "student"  # a student's folder: the release notebook, half done
    student.mkdir()
    notebooks.write(partly_done(Course(ROOT)), student / f"{FIRST}.ipynb")
    log = (course.root / "jupyter.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--allow-root", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
         f"--ServerApp.root_dir={course.root}"],
        cwd=course.root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(url, server)
        yield Screens(course, url)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def wait_for_server(url: str, server: subprocess.Popen) -> None:
    import urllib.request

    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        assert server.poll() is None, "jupyter lab stopped; see jupyter.log in the course copy"
        try:
            with urllib.request.urlopen(f"{url}/api/status", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"jupyter lab did not answer at {url}")


# --- what a person sees -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def screens_dir(tmp_path_factory) -> Path:
    chosen = os.environ.get("MLMATH_SCREENS")
    path = (ROOT / chosen) if chosen else tmp_path_factory.mktemp("screens")
    path.mkdir(parents=True, exist_ok=True)
    return path


def shot(driver, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    assert path.stat().st_size < 300_000, f"{path} is not small"
    return path


def console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def visible_text(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").get_attribute("innerText")


def assert_no_hidden_test(text: str, assignment: str) -> None:
    """No line of a hidden test on the screen: as a line of its own, or inside one if it is long enough to say
    something by itself (a short continuation line such as `atol=1e-6)` also ends visible tests' lines)."""
    lines = {line.strip() for line in text.splitlines()}
    shown = [line for line in hidden_lines(notebooks.read(Course(ROOT).source_notebook(assignment)))
             if line in lines or (len(line) >= 24 and line in text)]
    assert not shown, f"the screen shows hidden test source: {shown[:5]}"


def test_validate_answers_with_a_summary_first(screens, browser, screens_dir):
    """The dialog starts with the summary (nbgrader's generic "The following cell failed:" is not on the screen),
    then the failing exercise's first check; no traceback, nothing hidden."""
    assert HALF_DONE == FIRST
    browser.get(f"{screens.url}/lab/tree/student/{FIRST}.ipynb")
    button = WebDriverWait(browser, WAIT).until(lambda d: next(iter(d.find_elements(
        By.XPATH, "//*[contains(@class, 'jp-Toolbar-item') and normalize-space(.)='Validate']/*")), None))
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell"))
    button.click()
    dialog = WebDriverWait(browser, WAIT).until(
        lambda d: next(iter(d.find_elements(By.CSS_SELECTOR, "#validation-message")), None))
    text = dialog.text  # what is on the screen (Selenium leaves out what is hidden)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[0].startswith("1 of 5 exercises pass their visible tests"), text[:500]
    assert lines[1] == f"✔ {RIGHT}: passes its visible tests"
    assert "The following cell failed" not in text
    assert f"{WRONG}: fails: AssertionError" in text
    for function in OTHERS:
        assert f"{function}: not attempted yet" in text
    assert "not filled in yet" in text
    details = text.index(f"{WRONG}, first failing check")
    assert details > text.index("not filled in yet") and "yours:" in text[details:]
    assert "Traceback" not in text and len(text) < 2500, f"{len(text)} characters"
    assert_no_hidden_test(text, FIRST)
    shot(browser, screens_dir, "validate")


def test_grading_page_shows_the_rubric_after_the_answer_and_renders_maths_offline(screens, browser, screens_dir):
    browser.get_log("browser")  # start with an empty console
    browser.get(screens.grading_page(REFERENCE, FIRST))
    WebDriverWait(browser, WAIT).until(lambda d: d.execute_script("return !!(window.MathJax && MathJax.loaded)"))
    rubric = browser.find_element(By.CSS_SELECTOR, ".mlmath-for-graders")
    assert LABEL.lower() in rubric.text.lower()  # the label is styled in capitals
    source = notebooks.read(screens.course.source_notebook(FIRST))
    model = next(c for c in source.cells if notebooks.is_manual(c))
    first_words = " ".join(model.source.split()[:2]).replace("**", "")
    assert first_words in rubric.text, "the model answer from source/ is not in the rubric box"
    # Right after the student's answer: the answer's panel is the nearest nbgrader cell above the rubric.
    answer_id = notebooks.grade_id(model)
    before = browser.execute_script(
        "const cells = [...document.querySelectorAll('.cell')];"
        "const i = cells.findIndex(c => c.querySelector('.mlmath-for-graders'));"
        "return cells[i - 1].querySelector('input.score') && cells[i - 1].querySelector('input.score').id;")
    assert before == answer_id
    assert browser.find_elements(By.CSS_SELECTOR, ".mlmath-hidden-lesson"), "the lesson is not hidden"
    maths = browser.find_elements(By.CSS_SELECTOR, ".mlmath-for-graders .MathJax, .mlmath-for-graders .MathJax_SVG")
    assert maths, "the rubric's LaTeX was not rendered"
    assert "\\frac" not in rubric.text
    assert console_errors(browser) == []
    assert_no_hidden_test(visible_text(browser), FIRST)
    browser.execute_script("arguments[0].scrollIntoView()", rubric)
    shot(browser, screens_dir, "formgrader-rubric")


def test_the_formgrader_knows_the_class_and_the_lms_course_has_no_exchange_warning(screens, browser, screens_dir):
    browser.get(f"{screens.url}/formgrader/manage_assignments")
    rows = WebDriverWait(browser, WAIT).until(
        lambda d: len(found := d.find_elements(By.CSS_SELECTOR, "tbody tr")) >= len(ASSIGNMENTS) and found)
    text = visible_text(browser)
    assert "exchange directory" not in text and not browser.find_elements(By.ID, "warning-exchange")
    due = {row.find_element(By.TAG_NAME, "td").text: row.find_elements(By.TAG_NAME, "td")[1].text for row in rows}
    for assignment in ASSIGNMENTS:
        assert due[assignment] not in ("", "None"), f"{assignment} shows no due date"
    shot(browser, screens_dir, "formgrader-assignments")
    browser.get(f"{screens.url}/formgrader/manage_submissions/{FIRST}")
    WebDriverWait(browser, WAIT).until(lambda d: "Lovelace, Ada" in visible_text(d))
    assert "doejane" in visible_text(browser)
    browser.get(f"{screens.url}/lab")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".jp-LabShell"))
    assert console_errors(browser) == []


def test_grading_page_saves_a_score(screens, browser):
    """The page's own set-up ran (MathJax loaded first): a score typed for the written answer is saved."""
    browser.get(screens.grading_page(BLANK, FIRST))
    WebDriverWait(browser, WAIT).until(lambda d: d.execute_script("return !!(window.MathJax && MathJax.loaded)"))
    source = notebooks.read(screens.course.source_notebook(FIRST))
    answer_id = notebooks.grade_id(next(c for c in source.cells if notebooks.is_manual(c)))
    box = browser.find_element(By.ID, answer_id)
    box.clear()
    box.send_keys("0.5\t")
    def saved(_):
        with Gradebook(screens.course.gradebook_url) as gb:
            grade = gb.find_grade(answer_id, FIRST, FIRST, BLANK)
            return grade.manual_score == pytest.approx(0.5)
    WebDriverWait(browser, WAIT).until(saved)
    assert console_errors(browser) == []


def test_feedback_page_summary_first_and_the_written_answer(screens, browser, screens_dir):
    path = screens.course.root / "feedback" / REFERENCE / FIRST / "feedback.html"
    browser.get(path.as_uri())
    text = visible_text(browser)
    assert text.index("Total:") < text.index("exercise") < text.index("passed all")
    assert "Your answer:" in text and COMMENT in text and "1.5 / 2 points" in text
    assert LABEL not in text
    height = browser.execute_script("return document.body.scrollHeight")
    assert height < 2500, f"the feedback page is {height} px tall"
    assert_no_hidden_test(text, FIRST)
    shot(browser, screens_dir, "feedback")
    blank = screens.course.root / "feedback" / BLANK / FIRST / "feedback.html"
    browser.get(blank.as_uri())
    text = visible_text(browser)
    assert text.count("replace the stub") == 1, "the stub's hint is repeated"
    assert "not attempted" in text
    assert_no_hidden_test(text, FIRST)


def test_report_one_screen_of_summary_then_details(screens, browser, screens_dir):
    browser.get((screens.course.root / "reports" / f"{FIRST}.html").as_uri())
    text = visible_text(browser)
    assert "mean score" in text and "three tests most failed" in text and "Needs a person" in text
    details = browser.find_elements(By.TAG_NAME, "details")
    assert details and not any(d.get_attribute("open") for d in details), "the details must start collapsed"
    needs = browser.find_element(By.XPATH, "//h2[starts-with(., 'Needs a person')]")
    assert needs.location["y"] < 900, "the summary does not fit one screen"
    assert_no_hidden_test(text, FIRST)
    shot(browser, screens_dir, "report")
