"""``GET /exports/{kind}?format=csv|xlsx`` (API.md): a list as a file, one operation a kind of
``crm.exports.EXPORTS``, each taking its list's own filters (the list's query model, without
its page) and refusing what the list refuses (a partner's internal filters: 422)."""

from copy import copy
from typing import Literal

from pydantic import Field, create_model

from ..exports import EXPORTS
from ..exports.sheet import CSV_TYPE, XLSX_TYPE
from . import bp
from .companies import CompanyQuery
from .core import PageQuery, Query, only_public_filters, operation, require_user
from .interactions import InteractionQuery
from .projects import ProjectQuery
from .talents import TalentQuery

LIST_QUERIES = {"projects": ProjectQuery, "companies": CompanyQuery, "talents": TalentQuery,
                "interactions": InteractionQuery}


def export_query(kind: str, list_query: type[PageQuery]) -> type[Query]:
    """The list's filters, and ``format``."""
    filters = {name: (info.annotation, copy(info)) for name, info in
               list_query.model_fields.items() if name not in PageQuery.model_fields}
    return create_model(
        f"{kind.title()}ExportQuery", __base__=Query,
        format=(Literal["csv", "xlsx"], Field(
            "csv", description="csv (UTF-8 with a BOM) or xlsx")),
        **filters)


def _register(export) -> None:
    query_model = export_query(export.kind, LIST_QUERIES[export.kind])

    def view(query):
        user = require_user()
        if export.public_view:
            only_public_filters(user, export.area, query)
        return export.download(user, query.model_dump(exclude={"format"}), query.format)

    view.__name__ = f"export_{export.kind}"
    operation(bp, f"/exports/{export.kind}", "GET", tag="exports", query=query_model,
              summary=f"The {export.kind} list as a CSV or XLSX file: the list's filters, "
              "order and access rules, headers in the request's language",
              downloads=(CSV_TYPE, XLSX_TYPE),
              permission=None if export.public_view else (export.area, "view"))(view)


for _export in EXPORTS.values():
    _register(_export)
