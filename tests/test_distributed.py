# ruff: noqa: E501  (the invented articles are sentences, one a line)
"""The daily briefing on a real Dask LocalCluster: the same digest as the single machine.

The pool is invented: five events, each told in many articles that recombine the event's
sentences (as `benchmarks/distributed.py` recombines Multi-News), written as JSON Lines
and Parquet files.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import threading
import time
from dataclasses import asdict
from functools import partial
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")
pa = pytest.importorskip("pyarrow")

from typer.testing import CliRunner  # noqa: E402

from summarizer import daily  # noqa: E402
from summarizer.cli import app  # noqa: E402
from summarizer.config import Settings  # noqa: E402
from summarizer.daily import brief  # noqa: E402
from summarizer.distributed import brief_on_cluster, partitions, stories_on_cluster  # noqa: E402
from summarizer.ingest import read_paths  # noqa: E402
from summarizer.model import Article  # noqa: E402
from summarizer.pipeline import prepare  # noqa: E402
from summarizer.render import render  # noqa: E402
from summarizer.stories import group  # noqa: E402

runner = CliRunner()

EVENTS = {
    "quake": [
        "A strong earthquake shook the mountain town of Ostrava Dolna early on Monday morning.",
        "Rescue teams searched collapsed houses in Ostrava Dolna for survivors through the day.",
        "The quake had a magnitude of 6.1 and was felt two hundred kilometres away, seismologists said.",
        "Officials in Ostrava Dolna said at least twelve people were injured and hundreds left homeless.",
        "Aftershocks kept frightened residents of Ostrava Dolna sleeping in tents outside their homes.",
        "The regional governor promised emergency funds to rebuild the damaged schools and clinics.",
    ],
    "strike": [
        "Dock workers at the port of Bellhaven walked out on Monday in a dispute over night shifts.",
        "The strike at Bellhaven left more than forty container ships waiting outside the harbour.",
        "Union leader Marta Quist said the Bellhaven dock workers would stay out until talks resumed.",
        "Shipping companies warned that the Bellhaven walkout would delay deliveries to supermarkets.",
        "The port authority of Bellhaven offered a new pay deal, which the union rejected on Tuesday.",
        "Trucks queued for miles on the coast road as the Bellhaven terminals stood idle.",
    ],
    "telescope": [
        "Astronomers using the Corvid telescope found a planet the size of Earth orbiting a nearby red dwarf.",
        "The newly found planet lies in the habitable zone of its star, the Corvid team reported.",
        "Water could exist on the planet's surface, according to the astronomers behind the Corvid survey.",
        "The red dwarf is just eleven light years away, making the planet a prime target for study.",
        "The Corvid telescope watched the star dim slightly each time the planet passed in front of it.",
        "Further observations of the red dwarf planet are planned for next spring, the team said.",
    ],
    "election": [
        "Voters in the republic of Seldania elected Tomas Varga as president in a run-off on Sunday.",
        "Tomas Varga won fifty-four percent of the vote, the Seldanian electoral commission announced.",
        "The defeated candidate, Irena Holub, conceded and congratulated Varga on his victory.",
        "Turnout in the Seldanian run-off reached sixty-eight percent, the highest in two decades.",
        "Varga promised to fight corruption and to raise pensions during his first year as president.",
        "International observers said the Seldanian election was free and fair despite minor delays.",
    ],
    "recall": [
        "The carmaker Vostrand recalled ninety thousand electric cars over a fault in their brakes.",
        "Owners of the Vostrand cars were told to book a free repair at their nearest dealer.",
        "The brake fault in the Vostrand models caused three minor crashes, the safety regulator said.",
        "Shares in Vostrand fell seven percent after the recall of its electric cars was announced.",
        "A software update will fix the brake fault within an hour, Vostrand engineers said.",
        "The recall covers Vostrand electric cars built between March and September of last year.",
    ],
}


def _pool(per_event: int = 14, seed: int = 7) -> list[dict[str, str]]:
    """Articles as JSON records: each recombines three or four sentences of one event."""
    chooser = random.Random(seed)
    records = []
    for e, (event, sentences) in enumerate(EVENTS.items()):
        seen: set[tuple[int, ...]] = set()
        while len(seen) < per_event:
            picked = tuple(chooser.sample(range(len(sentences)), chooser.choice((3, 4))))
            if picked in seen:
                continue
            seen.add(picked)
            k = len(seen)
            records.append(
                {
                    "id": f"{event}-{k}",
                    "source": f"Outlet {(k * 3 + e) % 9}",
                    "title": sentences[picked[0]][:40] if k % 3 else "",
                    "published": f"2026-11-{20 + (k + e) % 2}T0{k % 10}:00:00",
                    "text": " ".join(sentences[i] for i in picked),
                }
            )
    chooser.shuffle(records)
    return records


def _write_jsonl(records: list[dict[str, str]], folder: Path, files: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    size = -(-len(records) // files)
    for n in range(files):
        lines = [json.dumps(r) for r in records[n * size : (n + 1) * size]]
        (folder / f"part-{n}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local


@pytest.fixture(scope="module")
def pool_folder(tmp_path_factory) -> Path:
    return _write_jsonl(_pool(), tmp_path_factory.mktemp("pool") / "day", files=3)


def _local(folder: Path, **options) -> str:
    articles = read_paths([str(folder)])
    return render(brief(articles, Settings(sentences=2), **options), "json")


def test_the_cluster_gives_the_local_digest_byte_for_byte(cluster, pool_folder):
    on_cluster = brief_on_cluster(
        [str(pool_folder)], Settings(sentences=2), scheduler=cluster.scheduler_address
    )
    assert render(on_cluster, "json") == _local(pool_folder)
    assert on_cluster.articles == 70 and on_cluster.total >= 5


@pytest.mark.parametrize("limit", [8, 20])
def test_the_distributed_grouping_is_the_local_large_pool_grouping(
    cluster, pool_folder, monkeypatch, limit
):
    # A limit below the pool's 70 articles takes the distributed path (index, shuffles,
    # components); 8 also splits the components larger than the limit.
    on_cluster = brief_on_cluster(
        [str(pool_folder)],
        Settings(sentences=2),
        scheduler=cluster.scheduler_address,
        max_stories=0,
        exact_limit=limit,
    )
    monkeypatch.setattr(daily, "group", partial(group, exact_limit=limit))
    local = brief(read_paths([str(pool_folder)]), Settings(sentences=2), max_stories=0)
    assert render(on_cluster, "json") == render(local, "json")
    assert max(len(story.articles) for story in on_cluster.stories) <= limit


def test_parquet_row_groups_give_the_digest_of_the_same_articles_as_json_lines(
    cluster, pool_folder, tmp_path
):
    records = _pool()
    table = pa.Table.from_pylist(records)
    pq.write_table(table, tmp_path / "day.parquet", row_group_size=25)
    sources, rest = partitions([str(tmp_path / "*.parquet")])
    assert [s.row_group for s in sources] == [0, 1, 2] and rest == []
    on_cluster = brief_on_cluster(
        [str(tmp_path / "*.parquet")],
        Settings(sentences=2),
        scheduler=cluster.scheduler_address,
        exact_limit=20,
    )
    from_jsonl = brief_on_cluster(
        [str(pool_folder)],
        Settings(sentences=2),
        scheduler=cluster.scheduler_address,
        exact_limit=20,
    )
    assert render(on_cluster, "json") == render(from_jsonl, "json")


def test_a_date_keeps_that_days_articles_as_the_local_path_does(cluster, pool_folder):
    import datetime as dt

    day = dt.date(2026, 11, 21)
    on_cluster = brief_on_cluster(
        [str(pool_folder)], Settings(sentences=2), scheduler=cluster.scheduler_address, date=day
    )
    assert render(on_cluster, "json") == _local(pool_folder, date=day)
    assert 0 < on_cluster.articles < 70


def test_brief_scheduler_on_the_command_line_prints_the_local_digest(cluster, pool_folder):
    local = runner.invoke(app, ["brief", str(pool_folder), "-f", "json"])
    remote = runner.invoke(
        app, ["brief", str(pool_folder), "-f", "json", "--scheduler", cluster.scheduler_address]
    )
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout


def test_brief_workers_starts_a_local_cluster(pool_folder, tmp_path):
    local, remote = tmp_path / "local.json", tmp_path / "remote.json"
    runner.invoke(app, ["brief", str(pool_folder), "-f", "json", "-o", str(local)])
    result = runner.invoke(
        app, ["brief", str(pool_folder), "-f", "json", "--workers", "1", "-o", str(remote)]
    )
    assert result.exit_code == 0, result.output
    assert remote.read_bytes() == local.read_bytes()


def test_an_unreachable_scheduler_is_a_one_line_error_naming_it(pool_folder, unused_port):
    address = f"tcp://127.0.0.1:{unused_port}"
    result = runner.invoke(app, ["brief", str(pool_folder), "--scheduler", address])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and address in lines[0] and "Traceback" not in result.output


def test_without_dask_the_error_names_the_extra(pool_folder, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what a missing package raises
    result = runner.invoke(app, ["brief", str(pool_folder), "--workers", "2"])
    assert result.exit_code == 2
    assert "pip install 'summarizer[dask]'" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "not both"),
        (["--workers", "0"], "--workers must be at least 1"),
        (["--workers", "1", "--follow-links"], "--follow-links"),
        (["--workers", "1", "--explain"], "--explain"),
        (["--workers", "1", "--archive", "never-made.sqlite"], "--archive"),
    ],
)
def test_cluster_option_errors_are_one_line(pool_folder, args, message):
    result = runner.invoke(app, ["brief", str(pool_folder), *args])
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_help_does_not_import_dask():
    import subprocess

    code = "import sys; from summarizer.cli import app; print('distributed' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_worker_killed_during_the_run_costs_a_retry_not_the_run(pool_folder, monkeypatch):
    # Its own cluster: a worker is killed (SIGKILL, as the kernel's OOM killer does) once it
    # holds results, and its nanny starts another; the run must still give the digest.
    monkeypatch.setattr(daily, "group", partial(group, exact_limit=8))
    expected = _local(pool_folder, max_stories=0)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as local,
        distributed.Client(local) as client,
    ):
        outcome: dict[str, object] = {}

        def run() -> None:
            try:
                outcome["digest"] = brief_on_cluster(
                    [str(pool_folder)],
                    Settings(sentences=2),
                    scheduler=local.scheduler_address,
                    max_stories=0,
                    exact_limit=8,
                )
            except BaseException as error:  # reported below
                outcome["error"] = error

        thread = threading.Thread(target=run)
        thread.start()
        killed = None
        deadline = time.monotonic() + 60
        while killed is None and thread.is_alive() and time.monotonic() < deadline:
            held = client.run_on_scheduler(
                lambda dask_scheduler: {
                    w.address: len(w.has_what) for w in dask_scheduler.workers.values()
                }
            )
            busy = [address for address, count in held.items() if count >= 3]
            if busy:
                pids = client.run(os.getpid, workers=[busy[0]])
                killed = pids[busy[0]]
                os.kill(killed, signal.SIGKILL)
            time.sleep(0.01)
        thread.join(timeout=120)
    assert killed is not None, "the run ended before a worker could be killed"
    assert "error" not in outcome, outcome.get("error")
    assert render(outcome["digest"], "json") == expected  # type: ignore[arg-type]


def test_partitions_list_files_in_sorted_order_and_leave_urls(tmp_path):
    folder = _write_jsonl(_pool(per_event=2), tmp_path / "in", files=2)
    (folder / ".hidden.jsonl").write_text("{}", encoding="utf-8")
    sources, rest = partitions([str(folder), "http://127.0.0.1:1/feed", "-"])
    assert [Path(f).name for s in sources for f in s.files] == ["part-0.jsonl", "part-1.jsonl"]
    assert rest == ["http://127.0.0.1:1/feed", "-"]


def test_an_article_record_round_trips(tmp_path):
    # The records written above are articles as read_paths reads them.
    records = _pool(per_event=1)
    folder = _write_jsonl(records, tmp_path / "one", files=1)
    read = read_paths([str(folder)])
    assert [asdict(a)["id"] for a in read] == [r["id"] for r in records]
    assert all(isinstance(a, Article) for a in read)


def test_stories_on_cluster_are_the_groups_of_stories_group(cluster, pool_folder):
    cleaned = [prepare(a) for a in read_paths([str(pool_folder)])]
    for limit in (8, 2000):
        found = stories_on_cluster(
            [str(pool_folder)], scheduler=cluster.scheduler_address, exact_limit=limit
        )
        assert found == group(cleaned, "english", exact_limit=limit)


def test_the_default_outlets_file_names_outlets_on_the_cluster_too(cluster, tmp_path, monkeypatch):
    items = "".join(
        f"<item><title>Storm closes port, day {n}</title>"
        f"<link>https://news.exampleherald.com/storm-{n}</link>"
        f"<pubDate>Sun, 22 Nov 2026 0{n}:00:00 +0000</pubDate><description>A storm closed the "
        f"port of Valmere on Sunday, and harbour officials said ships would wait {n + 2} "
        "days. Crews were clearing debris from the quays before the ferries return.</description>"
        "</item>"
        for n in range(3)
    )
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "world.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>{items}'
        "</channel></rss>",
        encoding="utf-8",
    )
    (tmp_path / "config" / "summarizer").mkdir(parents=True)
    (tmp_path / "config" / "summarizer" / "outlets.toml").write_text(
        '"exampleherald.com" = "The Example Herald"\n', encoding="utf-8"
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    args = ["brief", str(feeds), "-f", "json"]
    local = runner.invoke(app, args)
    remote = runner.invoke(app, [*args, "--scheduler", cluster.scheduler_address])
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    assert json.loads(local.stdout)["stories"][0]["sources"] == ["The Example Herald"]
    assert remote.stdout == local.stdout


def test_unreadable_publication_times_are_warned_on_a_cluster_as_locally(cluster, tmp_path):
    mine = "At least {} miners were killed when a tunnel collapsed at the Redrock mine, officials said."
    records = [
        {
            "id": f"m{n}",
            "source": outlet,
            "title": "Mine",
            "url": "",
            "published": when,
            "text": mine.format(n),
        }
        for n, (outlet, when) in enumerate(
            [("Harbor Times", "2026-11-20T08:00:00Z"), ("Valley Herald", "2026-13-45T99:99")], 7
        )
    ]
    _write_jsonl(records[:1], tmp_path / "day", files=1)
    pq.write_table(pa.Table.from_pylist(records[1:]), tmp_path / "day" / "more.parquet")
    remote = runner.invoke(
        app, ["brief", str(tmp_path / "day"), "--scheduler", cluster.scheduler_address]
    )
    assert remote.exit_code == 0, remote.output
    assert remote.stderr.splitlines() == [
        "warning: m8 (Valley Herald): cannot read the publication time '2026-13-45T99:99', "
        "taken as unknown (give ISO 8601, such as 2026-11-20T10:00:00+05:00)"
    ]
    as_json = dict(records[1], id="m9", published="someday")
    _write_jsonl([records[0], as_json], tmp_path / "json", files=1)
    remote = runner.invoke(
        app, ["brief", str(tmp_path / "json"), "--scheduler", cluster.scheduler_address]
    )
    local = runner.invoke(app, ["brief", str(tmp_path / "json")])
    assert remote.stderr == local.stderr != ""
    assert "m9 (Valley Herald): cannot read the publication time 'someday'" in local.stderr
