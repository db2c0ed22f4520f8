"""Text keys for search and duplicate detection: normalised names, pinyin, domains, phones."""

import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from pypinyin import lazy_pinyin
from pypinyin.seg.simpleseg import simple_seg

# Legal forms that say nothing about which company it is (DOMAIN.md: duplicate companies).
LEGAL_SUFFIXES_EN = {
    "co", "company", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "llc",
    "plc", "gmbh", "ag", "kg", "kgaa", "se", "sa", "nv", "bv", "spa", "srl", "sarl", "sas",
    "pte", "pty", "kk", "oy", "oyj", "ab", "as", "asa", "lp", "llp", "mbh", "co ltd",
}
LEGAL_SUFFIXES_ZH = ("股份有限公司", "有限责任公司", "有限公司", "股份公司", "公司")
PUNCTUATION = re.compile(r"[\W_]+", re.UNICODE)
CJK = re.compile(r"[\u3400-\u9fff]")
DOTTED = re.compile(r"\b([a-z])\.(?=[a-z]\b)")


def name_key(name: str | None) -> str:
    """A company name reduced to what identifies it: case, spaces, punctuation and legal
    suffixes (Co., Ltd., GmbH, AG, Inc., 有限公司, 股份有限公司 …) removed."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).lower()
    # Chinese legal suffixes, possibly after a bracketed place: 西门子（中国）有限公司
    stripped = True
    while stripped:
        stripped = False
        core = text.rstrip(" .,;)）")
        for suffix in LEGAL_SUFFIXES_ZH:
            if core.endswith(suffix) and len(core) > len(suffix):
                text, stripped = core[: -len(suffix)], True
                break
    # dotted abbreviations are one word: "A.G." is "ag", "S.p.A." is "spa"
    text = DOTTED.sub(r"\1", text)
    words = [w for w in PUNCTUATION.split(text) if w]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES_EN:
        words.pop()
    return "".join(words)


@lru_cache(maxsize=4096)
def pinyin_keys(text: str) -> tuple[str, str]:
    """The pinyin of the Chinese characters in ``text``: whole (no spaces) and initials."""
    if not text or not CJK.search(text):
        return "", ""
    # pypinyin converts each run of Chinese characters (``simple_seg``) on its own, so a run
    # seen before (项目, 有限公司, a file's 导入项目1, 导入项目2 …) is not converted again
    syllables = [s for run in simple_seg(text) for s in _run_pinyin(run)]
    # the initials are each syllable's first letter (pypinyin's FIRST_LETTER style, without
    # converting the text a second time: the same on every name of the bench's data set)
    return "".join(syllables).lower(), "".join(s[0] for s in syllables).lower()


@lru_cache(maxsize=4096)
def _run_pinyin(run: str) -> tuple[str, ...]:
    return tuple(s for s in lazy_pinyin(run, errors="ignore") if s.strip())


def search_text(*names: str | None) -> str:
    """What ``q`` searches: the names as written (lower case) and the pinyin of Chinese ones."""
    parts = []
    for name in names:
        if not name:
            continue
        parts.append(unicodedata.normalize("NFKC", name).lower())
        full, initials = pinyin_keys(name)
        if full:
            parts.extend((full, initials))
    return "\n".join(parts)


def search_key(q: str) -> str:
    """``q`` as ``search_text`` holds names: NFKC, lower case, without spaces around it."""
    return unicodedata.normalize("NFKC", q).lower().strip()


def like_pattern(q: str) -> str:
    """A LIKE pattern (escape ``\\``) that finds ``q`` anywhere."""
    q = search_key(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{q}%"


def website_domain(url: str | None) -> str:
    """The host of a website, without ``www.``; ValueError when it is no address at all."""
    if not url:
        return ""
    text = url.strip().lower()
    if "//" not in text:
        text = "//" + text
    host = urlsplit(text).hostname or ""
    return host.removeprefix("www.")


def phone_key(phone: str | None) -> str:
    digits = re.sub(r"\D", "", phone or "")
    return digits if len(digits) >= 6 else ""
