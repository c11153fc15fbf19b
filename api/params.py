"""Query parameters shared by the list endpoints: paging and the document filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from danchieu.api.problems import Problem
from danchieu.api.shape import decode_cursor, type_filter
from danchieu.ingest.keys import slug
from danchieu.ingest.textutil import nfc
from fastapi import Depends, Query

MAX_LIMIT = 100


@dataclass(frozen=True, slots=True)
class Page:
    limit: int
    skip: int


def page(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")] = 20,
         cursor: Annotated[str | None, Query(max_length=200, description="next_cursor of the previous page")] = None,
         ) -> Page:
    return Page(limit=limit, skip=decode_cursor(cursor))


def entity_key(value: str | None, prefix: str) -> str | None:
    """An entity as written → its key: ``"Phạm Minh Chính"`` → ``"person:pham-minh-chinh"``."""
    if value is None or not value.strip():
        return None
    value = nfc(value).strip()
    if value.startswith(("person:", "agency:", "province:")):
        return value
    return f"{prefix}:{slug(value)}"  # the loader's slug (danchieu.graph.rows.entity_key)


def document_filters(
    type: Annotated[str | None, Query(max_length=60, description="type name or code: 'Thông báo', 'TB'")] = None,
    issuer: Annotated[str | None, Query(max_length=120, description="issuer name or code: 'VPCP'")] = None,
    year_from: Annotated[int | None, Query(ge=1945, le=2100)] = None,
    year_to: Annotated[int | None, Query(ge=1945, le=2100)] = None,
    province: Annotated[str | None, Query(max_length=120, description="province key or name")] = None,
    person: Annotated[str | None, Query(max_length=120, description="person key or name")] = None,
    agency: Annotated[str | None, Query(max_length=120, description="agency key or name")] = None,
) -> dict[str, Any]:
    if year_from is not None and year_to is not None and year_from > year_to:
        raise Problem(422, "year_from is after year_to")
    issuer_value = nfc(issuer).strip() if issuer and issuer.strip() else None
    return {**type_filter(type), "issuer": issuer_value, "year_from": year_from, "year_to": year_to,
            "province": entity_key(province, "province"), "person": entity_key(person, "person"),
            "agency": entity_key(agency, "agency")}


PageDep = Annotated[Page, Depends(page)]
FiltersDep = Annotated[dict[str, Any], Depends(document_filters)]
