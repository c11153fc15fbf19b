"""The cache of whole-graph aggregates: one computation for many requests, and a request that stops
waiting is told to retry while the computation goes on."""

import asyncio

import pytest
from danchieu.api import aggregates as agg

from danchieu.errors import AggregatePending, GraphUnavailable
from tests.conftest import run_async


@pytest.fixture
def cache(monkeypatch):
    async def version(driver, settings):
        return "v1"
    monkeypatch.setattr(agg.db, "graph_version", version)
    return agg.AggregateCache()


def test_a_slow_computation_answers_pending_then_its_result_without_computing_again(cache):
    calls = []

    async def compute():
        calls.append(1)
        await asyncio.sleep(0.3)
        return ["rank 1"]

    async def scenario():
        with pytest.raises(AggregatePending):
            await cache.get("influence", None, None, compute, wait_s=0.01)
        await asyncio.sleep(0.5)  # the computation went on without anyone waiting
        return await cache.get("influence", None, None, compute, wait_s=0.01)

    assert run_async(scenario) == ["rank 1"]
    assert calls == [1]


def test_pending_is_a_503_with_retry_after_like_an_unavailable_graph():
    assert issubclass(AggregatePending, GraphUnavailable)


def test_concurrent_requests_share_one_computation(cache):
    calls = []

    async def compute():
        calls.append(1)
        await asyncio.sleep(0.05)
        return 42

    async def scenario():
        return await asyncio.gather(*(cache.get("cited", None, None, compute, wait_s=5) for _ in range(20)))

    assert run_async(scenario) == [42] * 20
    assert calls == [1]


def test_an_old_answer_of_the_same_graph_is_served_while_it_is_computed_again(cache):
    cache.max_age_s = 0.0  # every answer is old at once
    answers = iter(["first", "second"])

    async def compute():
        await asyncio.sleep(0.05)
        return next(answers)

    async def scenario():
        first = await cache.get("signers", None, None, compute, wait_s=5)
        kept = await cache.get("signers", None, None, compute, wait_s=5)  # at once, not after a wait
        await asyncio.sleep(0.2)
        return first, kept, await cache.get("signers", None, None, compute, wait_s=5)

    assert run_async(scenario) == ("first", "first", "second")


def test_an_answer_computed_in_one_process_is_read_by_the_others_of_the_same_graph(monkeypatch, tmp_path):
    graph = {"version": "v1"}

    async def version(driver, settings):
        return graph["version"]
    monkeypatch.setattr(agg.db, "graph_version", version)
    first, second = agg.AggregateCache(shared_dir=tmp_path), agg.AggregateCache(shared_dir=tmp_path)
    calls = []

    async def compute():
        calls.append(graph["version"])
        return [{"key": "128/NQ-CP@2021", "count": len(calls)}]

    async def ask(cache):
        return await cache.get(("ranking", "cited", None, 2015), None, None, compute, wait_s=5)

    assert run_async(lambda: ask(first)) == [{"key": "128/NQ-CP@2021", "count": 1}]
    assert run_async(lambda: ask(second)) == [{"key": "128/NQ-CP@2021", "count": 1}]  # read, not computed
    assert calls == ["v1"]
    graph["version"] = "v2"  # a write: the shared answer is another graph's
    assert run_async(lambda: ask(second)) == [{"key": "128/NQ-CP@2021", "count": 2}]
    assert calls == ["v1", "v2"]


def test_an_unreadable_shared_answer_is_computed_again(monkeypatch, tmp_path):
    async def version(driver, settings):
        return "v1"
    monkeypatch.setattr(agg.db, "graph_version", version)
    cache = agg.AggregateCache(shared_dir=tmp_path)

    async def compute():
        return ["fresh"]

    tmp_path.mkdir(exist_ok=True)
    cache._shared_path("signers", "v1").write_text("{not json", encoding="utf-8")
    assert run_async(lambda: cache.get("signers", None, None, compute, wait_s=5)) == ["fresh"]
    assert agg.AggregateCache(shared_dir=tmp_path)._read_shared("signers", "v1")[0] == ["fresh"]
