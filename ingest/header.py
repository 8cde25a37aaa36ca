"""The header block of a directive: title, 发文字号, issuer, date, year, kind.

Converted documents lose their layout: the title may be split over lines,
the letterhead may carry '文件', a web page may put '文件编号:' in a metadata
box. The header reader looks at the first lines for these signals and at the
signature block for the date; it never guesses what the text does not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.docnumber import find_doc_numbers
from ingest.numbering import parse_numbering

_TITLE_WORDS = re.compile(
    r"(通知|意见|要点|分解表|分工方案|实施方案|工作方案|行动计划|任务表|安排|办法|规定|决定|解读|清单|报告)"
)
_NOTICE_TITLE = re.compile(r"关于.{2,80}的(通知|意见|决定|函|批复|报告)")
_ISSUER_LINE = re.compile(
    r"^(?:中共.{1,20}?委员?会?办公室)?[\u4e00-\u9fff]{2,30}?"
    r"(人民政府办公厅|人民政府办公室|人民政府|政府办公室|政府办公厅|政务公开办公室|办公室|办公厅|管理局|局|委员会)"
    r"(?:文件)?$"
)
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_ISO_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
_YEAR_IN_TITLE = re.compile(r"(?<![—\-~～至－])((?:19|20)\d{2})\s*年(?!\s*[—\-~～至－])")
_NAV_NOISE = re.compile(
    r"(首页|当前位置|浏览|点击|字号|分享|来源[:：]|索引号|发布日期|归档时间|视力保护|打印|关闭)"
)
_TITLE_ORG = re.compile(
    r"^([\u4e00-\u9fff]{2,40}?(?:人民政府办公室|人民政府办公厅|政府办公室|办公室|办公厅|人民政府|局|委员会))(?:关于|印发)"
)
_FILE_NOISE = re.compile(r"^附件下载[:：]\s*|\.(?:docx?|pdf|wps|xlsx?)$")
_ADDRESSEE = re.compile(r"[:：]\s*$")


@dataclass(frozen=True)
class Header:
    title: str | None
    title_line: int | None  # 0-based line index in the cleaned text
    doc_number: str | None
    doc_number_raw: str | None
    doc_number_pos: int | None
    issuer: str | None
    date: str | None
    year: int | None
    kind: str | None
    addressees: str | None


def _squash(s: str) -> str:
    """Remove conversion spaces between CJK characters and digits ('印发 2024 年' → '印发2024年')."""
    s = s.strip()
    s = re.sub(r"(?<=[\u4e00-\u9fff\d《》〈〉])\s+(?=[\u4e00-\u9fff\d《》〈〉])", "", s)
    return s


def _candidate_title_lines(lines: list[str], limit: int) -> list[int]:
    out = []
    for i, line in enumerate(lines[:limit]):
        t = _FILE_NOISE.sub("", line.strip())
        if not t or "\t" in t or "|" in t or len(t) > 90 or _NAV_NOISE.search(t):
            continue
        if parse_numbering(t) is not None:
            continue  # '一、工作要点' is a heading, not the title
        if _TITLE_WORDS.search(t) and not t.endswith(("：", ":")) and "。" not in t:
            out.append(i)
    return out


def _prev_nonblank(lines: list[str], i: int) -> int:
    j = i - 1
    while j >= 0 and not lines[j].strip() and i - j <= 3:
        j -= 1
    return j if j >= 0 and lines[j].strip() else -1


def _continues_backward(prev: str, cur: str) -> bool:
    """Does ``prev`` start the title that ``cur`` goes on with?"""
    if (
        not prev
        or _NAV_NOISE.search(prev)
        or "。" in prev
        or prev.endswith(("：", ":"))
        or "\t" in prev
        or len(prev) > 60
    ):
        return False
    if prev.endswith("关于") or prev.count("《") > prev.count("》"):
        return True
    if "关于" in prev and not _TITLE_WORDS.search(prev[-4:]):
        return True
    if cur.startswith("关于") and _ISSUER_LINE.match(prev) and not prev.endswith("文件"):
        return True
    return False


def _join_title(lines: list[str], i: int) -> tuple[str, int]:
    """Join a title split over lines: '…办公室' + '关于印发《2020年…政务公开' + '工作要点》的通知'."""
    t = _FILE_NOISE.sub("", lines[i].strip())
    start = i
    for _ in range(2):
        j = _prev_nonblank(lines, start)
        if j < 0 or not _continues_backward(_squash(lines[j]), _squash(t)):
            break
        t = lines[j].strip() + t
        start = j
    k = i + 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    if k < len(lines) and k - i <= 2:
        nxt = lines[k].strip()
        unfinished = (
            t.count("《") > t.count("》")
            or t.endswith(("关于", "政务公开", "的"))
            or not _TITLE_WORDS.search(t[-6:])
        )
        if unfinished and _TITLE_WORDS.search(nxt) and len(nxt) < 40 and "。" not in nxt and "\t" not in nxt:
            t = t + nxt
    return _squash(t), start


def _kind(title: str | None, text: str) -> str | None:
    t = title or ""
    if re.search(r"分解表|分工方案|任务表|任务清单|责任分工", t):
        return "task_table"
    if "要点" in t:
        return "work_points"
    if re.search(r"实施方案|工作方案|行动计划", t):
        return "implementation_plan"
    if "解读" in t:
        return "interpretation"
    if re.search(r"意见", t):
        return "opinion"
    if re.search(r"通知|函", t):
        return "notice"
    return None


def _pick_title(lines: list[str]) -> tuple[str | None, int | None]:
    cands = _candidate_title_lines(lines, 40)
    if not cands:
        return None, None
    # Prefer a '关于…的通知' line, then the earliest line with a title word.
    for i in cands:
        if _NOTICE_TITLE.search(lines[i]) or (
            lines[i].strip().startswith("关于") and "通知" in "".join(lines[i : i + 3])
        ):
            return _join_title(lines, i)
    # a title split as '…关于' + '做好…的通知'
    for i in cands:
        title, start = _join_title(lines, i)
        if _NOTICE_TITLE.search(title):
            return title, start
    title, start = _join_title(lines, cands[0])
    return title, start


def _tidy_title(title: str) -> str:
    """'京政办发〔2016〕26号《…关于印发〈…〉的通知》' → '…关于印发《…》的通知'."""
    title = re.sub(r"^(?:标题|名称)[:：]\s*", "", title)
    for m in find_doc_numbers(title):
        if m.start == 0:
            title = title[m.end :].strip()
        break
    m = re.match(r"^《(.+)》", title)
    if m and ("〈" in m.group(1) or title.endswith("》")):
        title = m.group(1)
    title = title.replace("〈", "《").replace("〉", "》")
    title = re.sub(
        r"[(（][^()（）]*\d{4}〕?[^()（）]*号[)）]$", "", title
    )  # own number written after the title
    return title.strip()


def read_header(text: str) -> Header:
    """Read the header block from the cleaned text of a document."""
    lines = text.split("\n")
    title, title_line = _pick_title(lines)
    if title:
        title = _tidy_title(title)
    head = "\n".join(lines[:40])
    doc_number = raw = None
    pos = None
    for m in find_doc_numbers(head):
        before = head[max(0, m.start - 40) : m.start]
        # A number inside a citation ('…的通知》（国办发〔2021〕12号）') is not this document's.
        if re.search(r"》\s*[（(]\s*$", before) and not re.search(r"文件编号|发文字号|文号", before):
            continue  # '…的通知》（国办发〔2021〕12号）' cites another document
        if re.search(r"(根据|贯彻落实|按照|依据)", before[-40:]):
            continue
        doc_number, raw, pos = m.normalized, m.raw, m.start
        break
    issuer = None
    for line in lines[:15]:
        t = _squash(line)
        t2 = re.sub(r"文件$", "", t)
        if t2 and _ISSUER_LINE.match(t) and not _TITLE_WORDS.search(t2) and len(t2) <= 30:
            issuer = t2
            break
    if issuer is None and title:
        m_org = _TITLE_ORG.match(title)
        if m_org:
            issuer = m_org.group(1)
    m_pub = re.search(r"发布机构[:：]\s*(\S+)", head)
    if issuer is None and m_pub:
        issuer = m_pub.group(1)
    date = _signature_date(lines)
    year = None
    if title:
        ym = _YEAR_IN_TITLE.search(title)
        if ym:
            year = int(ym.group(1))
    if year is None and doc_number:
        ym = re.search(r"〔((?:19|20)\d{2})〕", doc_number)
        if ym:
            year = int(ym.group(1))
    if year is None and date:
        year = int(date[:4])
    if year is None:
        year = _dominant_year(text)
    addressees = None
    for line in lines[:40]:
        t = line.strip()
        if _ADDRESSEE.search(t) and ("各" in t[:6] or "政府" in t) and len(t) < 120 and "\t" not in t:
            addressees = t.rstrip("：:")
            break
    return Header(
        title=title,
        title_line=title_line,
        doc_number=doc_number,
        doc_number_raw=raw,
        doc_number_pos=pos,
        issuer=issuer,
        date=date,
        year=year,
        kind=_kind(title, text),
        addressees=addressees,
    )


def _dominant_year(text: str) -> int | None:
    """The year a text speaks of most (ties → the later), for pages cut before their header."""
    counts: dict[int, int] = {}
    for m in re.finditer(r"(?<!\d)((?:19|20)\d{2})\s*年", text):
        y = int(m.group(1))
        counts[y] = counts.get(y, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def _signature_date(lines: list[str]) -> str | None:
    """The date of the signature block: a line that is only a date, near the top part."""
    for line in lines[:80]:
        t = line.strip().strip("()（）")
        m = _DATE.fullmatch(t) or _DATE.fullmatch(re.sub(r"\s+", "", t))
        if m:
            return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
    for line in lines[:12]:
        m = re.search(r"(成文日期|发布日期|日期)[:：]\s*" + _ISO_DATE.pattern, line)
        if m:
            return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
    return None
