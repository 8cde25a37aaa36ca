"""jieba's dictionary segmentation (HMM off) of one word run, computed in a single pass.

jieba cuts a run of word characters (its ``re_han_default`` blocks) by building
a DAG of the dictionary words at every position, then choosing the most
probable path right to left.  That costs two Python passes, a dict of lists, a
generator and a ``log`` call per candidate word; keyword search over a whole
corpus spends most of its time there.  :class:`RunSegmenter` reads the same
dictionary of a :class:`jieba.Tokenizer` and walks it once, with each word's
log-probability computed beforehand by the same expression, so its tokens are
jieba's tokens: same arithmetic in the same order, ties broken the same way
(the longer word), single Latin letters and digits merged the same way.
"""

from __future__ import annotations

import re
from math import log
from typing import Any, Final

import jieba

# jieba's re_eng: a one-character word made of these joins its neighbours into one token.
_ENG = re.compile("[a-zA-Z0-9]", re.U)
_ABSENT: Final[Any] = object()  # a fragment that is no word and no prefix of one


class RunSegmenter:
    """Segment word runs exactly as ``tokenizer.lcut(run, HMM=False)`` does, faster.

    Build it after the last ``add_word`` on ``tokenizer``: it keeps a copy of the
    word probabilities as they are then.
    """

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        tokenizer.check_initialized()
        logtotal = log(tokenizer.total)
        # One lookup per step: a word maps to the score jieba's calc gives it, log(freq or 1) - log(total),
        # a prefix that is no word to None, anything else is absent.
        self._table: dict[str, float | None] = {
            w: (log(f or 1) - logtotal) if f else None for w, f in tokenizer.FREQ.items()
        }
        self._unknown = log(1) - logtotal  # a character that starts no dictionary word

    def cut(self, run: str) -> list[str]:
        """The tokens of ``run``, a string that ``jieba.re_han_default`` matches whole."""
        n = len(run)
        if not n:
            return []
        table = self._table
        best_score = [0.0] * (n + 1)
        best_end = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            top: float | None = None
            top_end = k
            i = k
            frag = run[k]
            while i < n:
                score = table.get(frag, _ABSENT)
                if score is _ABSENT:
                    break
                if score is not None:
                    score += best_score[i + 1]
                    if top is None or score >= top:  # max over (score, end): a tie goes to the later end
                        top, top_end = score, i
                i += 1
                frag = run[k : i + 1]
            if top is None:  # no dictionary word starts here: the character on its own
                top = self._unknown + best_score[k + 1]
            best_score[k] = top
            best_end[k] = top_end
        return self._words(run, best_end)

    @staticmethod
    def _words(run: str, best_end: list[int]) -> list[str]:
        """Follow the best path from the start, merging single Latin letters and digits as jieba does."""
        out: list[str] = []
        buf = ""
        x = 0
        n = len(run)
        while x < n:
            y = best_end[x] + 1
            word = run[x:y]
            if y - x == 1 and _ENG.match(word):
                buf += word
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)
        return out
