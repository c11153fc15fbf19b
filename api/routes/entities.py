"""People, agencies, provinces: detail, documents over time, titles held, co-occurring entities.
Province pages know the 2025 mergers: ``merged_into`` / ``merged_from``, and their documents can
include those of the provinces merged into them."""

from __future__ import annotations

from typing import Annotated

from danchieu.api.deps import DriverDep, SettingsDep
from danchieu.api.hub_pages import HubPages, hub_pages
from danchieu.api.models import EntityDetail, EntityDocument, EntityDocumentPage
from danchieu.api.params import PageDep, entity_key
from danchieu.api.shape import encode_cursor
from danchieu.graph import aio as db
from danchieu.graph.driver import AsyncDriver
from fastapi import APIRouter, Path, Query, Request

from danchieu.config import Settings
from danchieu.errors import NotFound

router = APIRouter(tags=["entities"])
CO_OCCURRING_CAP = 20
KINDS = {"persons": "person", "agencies": "agency", "provinces": "province"}
KeyParam = Annotated[str, Path(min_length=1, max_length=200, description="key ('person:pham-minh-chinh') or name")]


async def _detail(driver: AsyncDriver, settings: Settings, kind: str, key: str,
                  pages: HubPages | None = None) -> EntityDetail:
    """The entity's page; shared per graph version when ``pages`` is given and the entity is a hub
    (its timeline and co-occurring entities read every document naming it)."""
    entity = entity_key(key, kind) or ""
    if not entity.startswith(f"{kind}:"):
        raise NotFound(f"{key!r} is not a {kind} key")

    async def read() -> EntityDetail:
        rows = await db.read(driver, settings, "api/entity_detail", key=entity, cap=CO_OCCURRING_CAP)
        if not rows:
            raise NotFound(f"no {kind} has the key {entity!r}")
        return EntityDetail(**rows[0])

    return await read() if pages is None else await pages.page(driver, settings, entity, ("entity",), read)


async def _documents(driver: AsyncDriver, settings: Settings, kind: str, key: str, skip: int, limit: int,
                     include_merged: bool) -> EntityDocumentPage:
    detail = await _detail(driver, settings, kind, key)
    keys = [detail.key] + ([m.key for m in detail.merged_from] if include_merged else [])
    rows = await db.read(driver, settings, "api/entity_documents", keys=keys, skip=skip, limit=limit + 1)
    more = len(rows) > limit
    return EntityDocumentPage(key=detail.key, items=[EntityDocument(**r) for r in rows[:limit]],
                              next_cursor=encode_cursor(skip + limit) if more else None)


@router.get("/persons/{key}", response_model=EntityDetail)
async def person(request: Request, driver: DriverDep, settings: SettingsDep, key: KeyParam) -> EntityDetail:
    """A person: documents per year, titles held (first and last seen), people and bodies named with them."""
    return await _detail(driver, settings, "person", key, hub_pages(request.app.state))


@router.get("/agencies/{key}", response_model=EntityDetail)
async def agency(request: Request, driver: DriverDep, settings: SettingsDep, key: KeyParam) -> EntityDetail:
    return await _detail(driver, settings, "agency", key, hub_pages(request.app.state))


@router.get("/provinces/{key}", response_model=EntityDetail)
async def province(request: Request, driver: DriverDep, settings: SettingsDep, key: KeyParam) -> EntityDetail:
    """A province, with the 2025 mergers: which province it became part of, which merged into it."""
    return await _detail(driver, settings, "province", key, hub_pages(request.app.state))


@router.get("/persons/{key}/documents", response_model=EntityDocumentPage)
async def person_documents(driver: DriverDep, settings: SettingsDep, key: KeyParam,
                           page: PageDep) -> EntityDocumentPage:
    """The person's documents, newest first, with the titles held as of each."""
    return await _documents(driver, settings, "person", key, page.skip, page.limit, False)


@router.get("/agencies/{key}/documents", response_model=EntityDocumentPage)
async def agency_documents(driver: DriverDep, settings: SettingsDep, key: KeyParam,
                           page: PageDep) -> EntityDocumentPage:
    return await _documents(driver, settings, "agency", key, page.skip, page.limit, False)


@router.get("/provinces/{key}/documents", response_model=EntityDocumentPage)
async def province_documents(
    driver: DriverDep, settings: SettingsDep, key: KeyParam, page: PageDep,
    include_merged: Annotated[bool, Query(description="also documents about provinces merged into this one")] = True,
) -> EntityDocumentPage:
    return await _documents(driver, settings, "province", key, page.skip, page.limit, include_merged)
