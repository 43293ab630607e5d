"""coursekit.work: the function chapter 02 hands to process pools."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import psutil
import pytest

from coursekit.work import busy, stop_resource_tracker


def test_busy_is_a_plain_sum():
    assert busy(0) == 0
    assert busy(10) == sum(i * i % 7 for i in range(10))


def test_busy_runs_in_a_spawned_worker():
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        assert pool.submit(busy, 1000).result(timeout=60) == busy(1000)


def trackers() -> list[psutil.Process]:
    return [child for child in psutil.Process().children()
            if "multiprocessing.resource_tracker" in " ".join(child.cmdline())]


@pytest.mark.skipif(os.name != "posix", reason="the resource tracker runs on POSIX only")
def test_stop_resource_tracker_stops_the_tracker_a_spawn_pool_started():
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        pool.submit(busy, 10).result(timeout=60)
    assert len(trackers()) == 1
    stop_resource_tracker()
    assert trackers() == []
    stop_resource_tracker()                     # a second call is harmless
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        assert pool.submit(busy, 10).result(timeout=60) == busy(10)   # a new pool still works
    stop_resource_tracker()
    assert trackers() == []
