"""The newcomer's tour on the demo data: the demo admin's first page says what to try first;
every main page, switched between Chinese and English with the language links, changes every
string of its interface (nothing left untranslated), passes axe-core in both languages, and
fits a phone. The screenshots in docs/screenshots/ (the README's tour) are taken here, so each
run renders them again."""

import re

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _

from crm.companies.models import Company
from crm.demo import DEMO_USERS, PARTNER, load_demo
from crm.extensions import db
from crm.interactions.models import Interaction
from crm.projects.models import Project
from tests.e2e.conftest import SHOTS

pytestmark = pytest.mark.e2e

# the interface's own words: text of these elements (their own text nodes, not their children's,
# not inside [data-record], which marks a record's own text such as a meeting's subject) and
# these attributes; record data sits elsewhere (cells, links, values)
CHROME = ("h1, h2, h3, th, label, legend, summary, button, .btn, .stat-label, .hint, .subtitle, "
          ".empty, dt, caption, .lang-switch ~ *, .skip-link, .main-nav a, .user-link, "
          ".pagination-range, .count, .badge, .first-steps p, .first-steps li, .flash span")
ATOMS = """(selector) => {
  const seen = new Set();
  const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
  for (const e of document.querySelectorAll(selector)) {
    if (!visible(e) || e.closest('.lang-switch, .user-name, [data-record], .card-item')) continue;
    const own = [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join(' ');
    seen.add(own.replace(/\\s+/g, ' ').trim());
  }
  for (const e of document.querySelectorAll('[placeholder], [aria-label], [title], img[alt]')) {
    for (const name of ['placeholder', 'aria-label', 'title', 'alt'])
      if (e.getAttribute(name) && !e.closest('.user-name')) seen.add(e.getAttribute(name).trim());
  }
  return [...seen].filter(t => t);
}"""
# the same in both languages by design: codes, numbers, formats, file types, names of people
SAME = re.compile(r"^([\d\s.,:%/+()\-–—·×*#]*|XLSX|CSV|ID|DE|两高一低|US\$[\d.,]+[KMB]?|\d{4}-\d{2}-\d{2}.*"
                  r"|flask --app wsgi crm demo --remove|https?://\S+)$")


def main_pages() -> dict[str, str]:
    """name: path of every main page, on the demo's first records."""
    project = db.session.scalars(sa.select(Project).order_by(Project.id)).first()
    company = db.session.scalars(sa.select(Company).order_by(Company.id)).first()
    meeting = db.session.scalars(sa.select(Interaction).order_by(Interaction.id)).first()
    return {"overview": "/", "projects": "/projects", "board": "/projects/board",
            "project": f"/projects/{project.id}", "companies": "/companies",
            "company": f"/companies/{company.id}", "meetings": "/meetings",
            "meeting": f"/meetings/{meeting.id}", "meeting-form": "/meetings/new",
            "follow-ups": "/follow-ups", "talents": "/talents", "reports": "/reports",
            "zones": "/zones", "users": "/admin/users", "audit": "/admin/audit",
            "today": "/today", "settings": "/admin/settings", "supervision": "/supervision",
            "imports": "/imports/projects"}


# the pages pictured in the README's tour (both languages; the phone in Chinese)
PICTURED = ("overview", "board", "project", "meeting-form", "reports")
ON_PHONE = ("overview", "board", "meeting-form")


def switch(tab) -> str:
    """Click the other language's link; the language now shown."""
    link = tab.page.locator(".lang-switch a[hreflang]")
    target = link.get_attribute("hreflang")
    with tab.page.expect_navigation():
        link.click()
    assert tab.page.get_attribute("html", "lang") == target
    return "zh" if target == "zh-CN" else "en"


def read(tab) -> set[str]:
    return {text for text in tab.page.evaluate(ATOMS, CHROME) if not SAME.match(text)}


def test_first_ten_minutes(app, tabs):
    load_demo()
    username, password = DEMO_USERS[0][:2]  # the demo admin
    paths = main_pages()
    with force_locale("zh"):
        where_zh = _("Where to start")

    for old in SHOTS.glob("*.png"):  # taken again below
        old.unlink()
    tab = tabs.open("zh-CN")
    tab.goto("/login")
    tab.check_axe()
    tab.shot("login-zh")
    before = read(tab)
    switch(tab)
    tab.check_axe()
    assert not before & read(tab)
    switch(tab)
    tab.sign_in(username, password)
    assert tab.page.locator("[data-first-steps] h2").inner_text() == where_zh
    assert tab.page.locator("[data-first-steps] a[href='/projects/board']").count() == 1
    icons = tab.page.evaluate("""() => Promise.all(
        [document.querySelector('link[rel=icon]').href, '/favicon.ico']
        .map(url => fetch(url).then(r => r.status + ' ' + r.headers.get('Content-Type'))))""")
    assert all(icon.startswith("200 image/svg+xml") for icon in icons), icons

    untranslated = {}
    language = "zh"
    for name, path in paths.items():
        tab.goto(path)
        before = read(tab)
        tab.check_axe()
        if name in PICTURED:
            tab.shot(f"{name}-{language}")
        other = switch(tab)
        after = read(tab)
        tab.check_axe()
        if name in PICTURED:
            tab.shot(f"{name}-{other}")
        if before & after:
            untranslated[path] = sorted(before & after)
        language = other
    tab.problems += [f"untranslated on {path}: {texts}" for path, texts in untranslated.items()]

    # the partner's portal, in both languages
    partner = tabs.open("en")
    partner.sign_in(*PARTNER[:2])
    partner.check_axe()
    before = read(partner)
    partner.shot("partner-en")
    switch(partner)
    partner.check_axe()
    assert not before & read(partner)
    partner.shot("partner-zh")

    # a phone: every main page fits its width; a few pictures of it
    phone = tabs.open("zh-CN", phone=True)
    phone.sign_in(username, password)
    phone.goto("/?lang=zh")  # the switches above left the admin's language at English
    for name, path in paths.items():
        phone.goto(path)
        phone.fits_phone()
        if name in ON_PHONE:
            phone.shot(f"{name}-zh-phone")
