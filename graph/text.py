"""Text forms for matching: a search form (simplified, half-width, no spaces) and word tokens.

Search must find 財政局 when the user types 财政局 and ＩＰｖ６ when they type
IPv6, so every engine stores and compares the same :func:`search_form` of a
text. Task alignment compares plans by words, segmented with jieba in its
deterministic mode (``HMM=False``: no invented words inside unit names).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

import jieba
import opencc

_SPACE = re.compile(r"\s+")
_WORDLIKE = re.compile(r"[\w\u3400-\u9fff]")
_HAN = jieba.re_han_default  # the runs jieba segments as words (everything else it yields char by char)

# Words that every plan repeats and that say nothing about what a task is about.
STOPWORDS = frozenset(
    """的 和 与 及 等 在 对 要 将 把 按 为 了 并 或 由 于 以 从 向 是 有 中 上 下
    各 各级 各地 各部门 有关 相关 进一步 加强 做好 推进 推动 落实 工作 开展 建立 健全 完善 强化 深化
    持续 不断 全面 积极 认真 切实 按照 根据 围绕 结合 通过 及时 依法 规范 提升 提高 加大 力度
    部门 单位 政府 责任 牵头 配合 负责 年底 月底 前 年 月 日 要求 方面 情况 有效 重点""".split()
)


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional → simplified characters."""
    return _t2s().convert(text)


def search_form(text: str | None) -> str:
    """The form in which text is stored and searched: simplified, NFKC (half width), lower case, no spaces."""
    if not text:
        return ""
    return _SPACE.sub("", unicodedata.normalize("NFKC", simplified(text))).lower()


_VOCABULARY = [0]  # bumped by add_words: cached segmentations made before it are stale


def vocabulary_version() -> int:
    """How many times :func:`add_words` has taught the tokenizer; caches of :func:`tokens` key on it."""
    return _VOCABULARY[0]


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def add_words(words: Iterable[str]) -> None:
    """Teach the tokenizer domain, unit and region words so they stay whole."""
    tok = _tokenizer()
    for word in words:
        if word and len(word) > 1:
            tok.add_word(search_form(word), freq=20000)
    _VOCABULARY[0] += 1
    _block_words.cache_clear()


def _keep(word: str) -> bool:
    return len(word) >= 2 and word not in STOPWORDS and bool(_WORDLIKE.search(word)) and not word.isdigit()


@lru_cache(maxsize=1 << 17)
def _block_words(block: str) -> tuple[str, ...]:
    """The content words of one run of jieba's word characters (cleared by :func:`add_words`)."""
    return tuple(filter(_keep, _tokenizer().cut(block, HMM=False)))


def tokens(text: str) -> list[str]:
    """Content words of ``text`` in order: jieba without HMM, stop words and one-character tokens dropped.

    jieba cuts each run of word characters on its own and yields everything between runs one
    character at a time (dropped here as too short), so each run's words are remembered: plans
    repeat their clauses (政务公开, 规范化建设) and a lower plan copies its parent's wording.
    """
    out: list[str] = []
    for block in _HAN.findall(search_form(text)):
        out.extend(_block_words(block))
    return out


def cut(text: str) -> list[str]:
    """Every jieba token of the search form, stop words included (for parsing questions)."""
    return [w for w in _tokenizer().cut(search_form(text), HMM=False) if w.strip()]
