"""Self-contained HTML pages: one file, inline style, every piece of text escaped."""

from __future__ import annotations

import html
from pathlib import Path

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
.total { font-size: 1.3rem; } .muted { color: #666; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid #eee; }
td.points { white-space: nowrap; text-align: right; }
.pass { color: #1a7f37; font-weight: 600; } .fail { color: #b3261e; font-weight: 600; }
.wait { color: #9a6700; font-weight: 600; }
.message { font-family: ui-monospace, monospace; background: #fff4f4; padding: 0.2rem 0.4rem; white-space: pre-wrap; }
.hint { margin: 0.2rem 0 0; }
.todo { color: #666; font-weight: 600; }
details { margin: 0.4rem 0; } details > summary { cursor: pointer; font-size: 1.1rem; padding: 0.2rem 0; }
details > summary > code, h2 > code { font-size: 1.05em; }
ul.hint { margin-top: 0; } blockquote.answer { border-left: 4px solid #4c72b0; margin: 0.3rem 0; padding: 0 0.8rem; }
.question { color: #333; }
.glance { display: flex; gap: 1rem; align-items: flex-start; flex-wrap: wrap; } .glance table { width: auto; }
.glance td { padding: 0.1rem 0.5rem; } .glance img { max-width: 36rem; }
img, svg { max-width: 100%; height: auto; }
@media print { body { max-width: none; margin: 0; font-size: 10pt; } details > summary { list-style: none; }
  h2 { break-after: avoid; } tr { break-inside: avoid; } }
"""


def esc(value: object) -> str:
    """Text made safe for HTML content and attribute values."""
    return html.escape(str(value), quote=True)


def paragraphs(text: str) -> str:
    """Plain text (a docstring, a comment) as escaped HTML paragraphs, keeping its line breaks."""
    blocks = [b.strip() for b in text.strip().split("\n\n") if b.strip()]
    return "".join(f"<p>{esc(' '.join(line.strip() for line in b.splitlines()))}</p>" for b in blocks)


def markdown(text: str) -> str:
    """Course-authored markdown (a question from the release notebook) as HTML; never a student's text. Its
    maths ($...$, $$...$$) becomes MathML, which browsers draw with no script and no network: a feedback page
    is a file a student opens anywhere."""
    from nbconvert.filters.markdown_mistune import MarkdownWithMath

    return MarkdownWithMath(renderer=_renderer()(escape=False)).render(text)


def _renderer() -> type:
    from nbconvert.filters.markdown_mistune import IPythonRenderer

    class MathMLRenderer(IPythonRenderer):
        def block_math(self, body: str) -> str:
            return mathml(body, display="block")

        def inline_math(self, body: str) -> str:
            return mathml(body, display="inline")

        def latex_environment(self, name: str, body: str) -> str:
            return mathml(f"\\begin{{{name}}}{body}\\end{{{name}}}", display="block")

    return MathMLRenderer


def mathml(latex: str, display: str = "inline") -> str:
    """LaTeX as MathML (latex2mathml); LaTeX it cannot read stays as its text between dollars."""
    from latex2mathml import exceptions
    from latex2mathml.converter import convert

    unreadable = tuple(v for v in vars(exceptions).values() if isinstance(v, type) and issubclass(v, Exception))
    try:
        return convert(latex, display=display)
    except (*unreadable, ValueError, KeyError, IndexError, NotImplementedError):
        dollars = "$$" if display == "block" else "$"
        return f"{dollars}{esc(latex)}{dollars}"


def table(headers: list[str], rows: list[list[str]], *, raw: bool = False) -> str:
    """An HTML table; cells are escaped unless `raw` (then the caller has escaped them)."""
    cell = (lambda v: v) if raw else esc
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def document(title: str, body: str) -> str:
    """A complete HTML document; `title` is escaped, `body` must already be HTML."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
