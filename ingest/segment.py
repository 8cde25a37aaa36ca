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

import jieba

# jieba's re_eng: a one-character word made of these joins its neighbours into one token.
_ENG = re.compile("[a-zA-Z0-9]", re.U)


class RunSegmenter:
    """Segment word runs exactly as ``tokenizer.lcut(run, HMM=False)`` does, faster.

    Build it after the last ``add_word`` on ``tokenizer``: it keeps a copy of the
    word probabilities as they are then.
    """

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        tokenizer.check_initialized()
        self._freq: dict[str, int] = tokenizer.FREQ
        self._logtotal = log(tokenizer.total)
        # The score jieba's calc gives a word, log(freq or 1) - log(total), filled in as words are met.
        self._score: dict[str, float] = {}
        self._unknown = log(1) - self._logtotal  # a character that starts no dictionary word

    def cut(self, run: str) -> list[str]:
        """The tokens of ``run``, a string that ``jieba.re_han_default`` matches whole."""
        n = len(run)
        if not n:
            return []
        freq, score = self._freq, self._score
        best_score = [0.0] * (n + 1)
        best_end = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            top: float | None = None
            top_end = k
            i = k
            frag = run[k]
            while i < n:
                f = freq.get(frag)
                if f is None:
                    break
                if f:
                    s = score.get(frag)
                    if s is None:
                        s = score[frag] = log(f or 1) - self._logtotal
                    s += best_score[i + 1]
                    if top is None or s >= top:  # max over (score, end): a tie goes to the later end
                        top, top_end = s, i
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
