"""What keeps extraction fast, checked without timing: no text segmented twice, shortcuts equal the long way.

National-scale ingest (millions of tasks) depends on a few shortcuts: keyword search
segments only the word runs that hold a keyword, with a one-pass copy of jieba's cut;
the 文号 patterns run only on lines with a 号; a unit's function is a table lookup.
Each test here pins either that the expensive step runs once, or that a shortcut gives
exactly what the long way gives, over the real seed and corpus documents.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ingest import docnumber, domains, keywords
from ingest.keywords import normalise_text
from ingest.pipeline import extract_file
from ingest.readers import read_document
from ingest.segment import RunSegmenter
from ingest.units import _function_keywords, unit_function

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "data" / "corpus" / "seeds").glob("*.txt")) + sorted(
    (ROOT / "data" / "corpus" / "docs").glob("*.txt")
)
DOC_PARAMS = [pytest.param(p, id=f"{p.parent.name}/{p.stem[:12]}") for p in DOCS]


def _matcher() -> keywords.KeywordMatcher:
    return domains._matcher()[1]


@pytest.mark.parametrize("path", DOC_PARAMS)
def test_extraction_segments_no_text_twice(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Domain tagging segments each task's text at most once, and each heading once for all its tasks.

    Every word run handed to the segmenter (one-pass or jieba's) is counted: no run may be
    segmented more often than it occurs in the task and extra-item texts plus the distinct
    headings. A second segmentation of a task text, or one per task of a shared heading,
    would exceed that.
    """
    segmented: Counter[str] = Counter()
    one_pass = RunSegmenter.cut
    whole = keywords.KeywordMatcher.tokens

    def count_run(self: RunSegmenter, run: str) -> list[str]:
        segmented[run] += 1
        return one_pass(self, run)

    def count_whole(self: keywords.KeywordMatcher, text: str) -> list[str]:
        segmented.update(keywords._RUN.findall(text))
        return whole(self, text)

    monkeypatch.setattr(RunSegmenter, "cut", count_run)
    monkeypatch.setattr(keywords.KeywordMatcher, "tokens", count_whole)
    domains._heading_matches.cache_clear()
    doc = extract_file(path)
    items = doc.tasks + doc.extra_items
    texts = [t.text for t in items] + sorted({h for t in items for h in t.section})
    occurring = Counter(run for text in texts for run in keywords._RUN.findall(normalise_text(text)))
    assert not segmented - occurring


@pytest.mark.parametrize("path", DOC_PARAMS)
def test_one_pass_segmentation_is_jiebas_cut(path: Path) -> None:
    """Every word run of a real document is cut into exactly the tokens jieba (HMM off) gives."""
    matcher = _matcher()
    tokenizer = matcher._tokenizer
    segmenter = RunSegmenter(tokenizer)
    runs = keywords._RUN.findall(normalise_text(read_document(path).text))
    assert runs
    for run in runs:
        assert segmenter.cut(run) == tokenizer.lcut(run, HMM=False), run


@pytest.mark.parametrize("path", DOC_PARAMS)
def test_keywords_found_in_runs_equal_keywords_found_in_whole_text(path: Path) -> None:
    """Segmenting only the runs that hold a keyword finds the same keywords as segmenting every line."""
    matcher = _matcher()
    for line in read_document(path).text.splitlines():
        norm = normalise_text(line)
        whole = matcher._walk(norm, 0, matcher.tokens(norm))
        assert matcher.find_normalised(norm) == whole, line


@pytest.mark.parametrize("path", DOC_PARAMS)
def test_doc_number_patterns_on_lines_with_hao_equal_whole_text(path: Path) -> None:
    """Searching 文号 only on the lines around a 号 finds every number a whole-text search finds."""
    prepared = docnumber._prepare(read_document(path).text)
    decree_lines, bracket_lines = docnumber._candidate_lines(prepared)
    for pattern, lines in (
        (docnumber._DECREE, decree_lines),
        (docnumber._BRACKETED, bracket_lines),
        (docnumber._GLUED, bracket_lines),
    ):
        scanned = [m.span() for m in docnumber._scan(pattern, prepared, lines)]
        assert scanned == [m.span() for m in pattern.finditer(prepared)]


def _latest_keyword_by_scan(name: str) -> str | None:
    """The definition: of all function keywords in the name, the one ending latest, the longer on a tie."""
    best: tuple[int, int, str] | None = None
    for keyword, slug in _function_keywords():
        pos = name.rfind(keyword)
        if pos >= 0 and (best is None or (pos + len(keyword), len(keyword)) > best[:2]):
            best = (pos + len(keyword), len(keyword), slug)
    return best[2] if best else None


@pytest.mark.parametrize("path", DOC_PARAMS)
def test_unit_function_lookup_agrees_with_a_scan_over_every_keyword(path: Path) -> None:
    """A unit's function comes from the keyword ending latest in its name, found by table lookup."""
    names = {u.name for t in extract_file(path).tasks for u in t.units}
    for name in names:
        expected = _latest_keyword_by_scan(keywords.normalise_label(name.replace(" ", "")))
        if expected is not None:
            assert unit_function(name) == expected, name
