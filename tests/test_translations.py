"""Every string a person reads has its Chinese and English text, and the catalogs are current.

Mend a failure with ``make translations`` and then fill in the Chinese in
translations/zh/LC_MESSAGES/messages.po."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from crm.paths import HOME, TRANSLATIONS


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[str]:
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [str(pybabel), "-q", "extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext",
         "-k", "lazy_pgettext:1c,2", "-k", "_lp:1c,2",
         "-o", str(pot), "--omit-header", "."],
        cwd=HOME, check=True,
    )
    with pot.open("rb") as handle:
        return ids(read_po(handle))


def catalog(language: str):
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


def ids(messages) -> set[tuple]:
    """Each message as (context, id): a pgettext message is its own, beside the plain one."""
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in messages if m.id}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_catalog_holds_exactly_the_messages_in_the_code(extracted, language):
    in_catalog = ids(catalog(language))
    assert sorted(extracted - in_catalog) == [], "new messages: run make translations"
    assert sorted(in_catalog - extracted) == [], "stale messages: run make translations"


def test_every_message_has_its_chinese_text():
    untranslated = [m.id for m in catalog("zh") if m.id and not (
        m.string if isinstance(m.string, str) else all(m.string))]
    assert untranslated == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_fuzzy_or_broken_messages(language):
    messages = catalog(language)
    assert [m.id for m in messages if m.id and m.fuzzy] == []
    problems = [(m.id, [str(e) for e in errors]) for m, errors in messages.check()]
    assert problems == []
