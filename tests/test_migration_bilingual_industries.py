"""Migration 0008t: a public summary and a talent's field go to the column of their language;
a company's free-text industry is kept as its detail and mapped onto a code where it names
one; a downgrade brings the old columns back."""

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from crm.extensions import db

COMPANIES = [("Auto", "Automotive parts 汽车零部件"), ("Chem", "Chemicals 化工"),
             ("Odd", "Something odd"), ("Bare", ""), ("Maker", "制造业")]


def test_old_text_is_carried_into_the_new_columns(app):
    db.session.remove()
    downgrade(revision="0007v")
    db.engine.dispose()  # no pooled connection keeps the schema it saw before
    try:
        with db.engine.begin() as connection:
            now = "2025-01-01 00:00:00"
            for name, industry in COMPANIES:
                connection.execute(sa.text(
                    "INSERT INTO company (name_zh, name_en, country, industry, website, phone, "
                    "notes, name_key_zh, name_key_en, website_domain, phone_key, search_text, "
                    "version, created_at, updated_at) VALUES ('', :name, 'DE', :industry, '', "
                    "'', '', '', :name, '', '', '', 1, :now, :now)"),
                    {"name": name, "industry": industry, "now": now})
            company_id = connection.execute(sa.text("SELECT min(id) FROM company")).scalar()
            for name, summary in (("zh", "德国企业在嘉兴设厂。"), ("en", "A plant in Jiaxing."),
                                  ("none", "")):
                connection.execute(sa.text(
                    "INSERT INTO project (name_zh, name_en, company_id, zone_code, kind, stage, "
                    "reached_order, stage_changed_at, park_types, productive, two_high_one_low, "
                    "competing_locations, verified_note, public_summary, notes, search_text, "
                    "version, created_at, updated_at) VALUES ('', :name, :company, 'jxetdz', "
                    "'new', 'lead', 10, :now, '[]', false, false, '[]', '', :summary, '', '', 1, "
                    ":now, :now)"), {"name": name, "company": company_id, "summary": summary,
                                     "now": now})
            connection.execute(sa.text(
                "INSERT INTO talent (name, name_zh, nationality, talent_type, field, employer, "
                "zone_code, stage, reached_order, stage_changed_at, notes, search_text, version, "
                "created_at, updated_at) VALUES ('Anna', '', 'DE', 'rnd', '电池化学', '', "
                "'jxetdz', 'identified', 10, :now, '', '', 1, :now, :now)"), {"now": now})
    finally:
        upgrade()
        db.engine.dispose()
    with db.engine.connect() as connection:
        companies = connection.execute(sa.text(
            "SELECT name_en, industry, industry_detail FROM company ORDER BY id")).all()
        projects = connection.execute(sa.text(
            "SELECT name_en, public_summary_zh, public_summary_en FROM project ORDER BY id")).all()
        talent = connection.execute(sa.text("SELECT field_zh, field_en FROM talent")).one()
        columns = {c["name"] for c in sa.inspect(connection).get_columns("project")}
    assert [tuple(r) for r in companies] == [
        ("Auto", "automotive", "Automotive parts 汽车零部件"), ("Chem", "C", "Chemicals 化工"),
        ("Odd", None, "Something odd"), ("Bare", None, ""), ("Maker", "C", "制造业")]
    assert [tuple(r) for r in projects] == [("zh", "德国企业在嘉兴设厂。", ""),
                                             ("en", "", "A plant in Jiaxing."), ("none", "", "")]
    assert tuple(talent) == ("电池化学", "")
    assert "public_summary" not in columns
    # the database keeps the codes honest
    with db.engine.connect() as connection:
        try:
            connection.execute(sa.text("UPDATE company SET industry = 'cars'"))
        except sa.exc.IntegrityError:
            pass
        else:
            raise AssertionError("an unknown industry code was stored")
        finally:
            connection.rollback()

    # and back: one column again, the Chinese text where there is one
    db.session.remove()
    downgrade(revision="0007v")
    db.engine.dispose()
    try:
        with db.engine.connect() as connection:
            summaries = connection.execute(sa.text(
                "SELECT public_summary FROM project ORDER BY id")).scalars().all()
            industries = connection.execute(sa.text(
                "SELECT industry FROM company ORDER BY id")).scalars().all()
        assert summaries == ["德国企业在嘉兴设厂。", "A plant in Jiaxing.", ""]
        assert industries == [text for _name, text in COMPANIES]
    finally:
        upgrade()
        db.engine.dispose()
