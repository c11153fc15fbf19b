"""The ``danchieu`` command line.

    danchieu neo4j start|stop|status   local Neo4j Community server from Maven Central
    danchieu schema apply|status       versioned migrations in graph/schema/
    danchieu extract PATH… --out DIR   one JSON per document (no database)
    danchieu ingest PATH…              extract and load into Neo4j with a worker pool
    danchieu worker                    long-lived worker for queued upload jobs
    danchieu serve                     the HTTP API and the explorer
    danchieu up                        all of the above for the sample corpus
    danchieu down                      stop what `up` started

Every error the user can act on is printed as one line (``error: …``) with exit status 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from danchieu.config import Settings, get_settings
from danchieu.errors import DanchieuError, GraphUnavailable
from danchieu.log import get_logger, setup_logging

log = get_logger("danchieu.cli")


def _cmd_neo4j(args: argparse.Namespace) -> int:
    from danchieu.graph import neo4j_server

    server = neo4j_server.LocalNeo4j(get_settings())
    if args.action == "start":
        server.start()
        print(f"Neo4j is running: bolt://127.0.0.1:{server.bolt_port}  http://127.0.0.1:{server.http_port}/browser/")
    elif args.action == "stop":
        print("Neo4j stopped." if server.stop() else "Neo4j was not running (nothing started by danchieu).")
    else:
        print(server.status())
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from danchieu.graph import migrations
    from danchieu.graph.driver import open_driver

    settings = get_settings()
    with open_driver(settings) as driver:
        if args.action == "apply":
            applied = migrations.apply(driver, settings.neo4j_database)
            print(f"applied {len(applied)} migration(s): {', '.join(applied) or 'none pending'}")
        else:
            for row in migrations.status(driver, settings.neo4j_database):
                print(f"{row.version}  {row.state:8}  {row.description}")
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    from danchieu.ingest.batch import extract_to_dir

    summary = extract_to_dir(args.paths, args.out, include_text=args.text, workers=args.workers or 1,
                             out_format=args.format)
    print(summary.render())
    return 0 if not summary.failed or args.keep_going else 1


def _cmd_ingest(args: argparse.Namespace) -> int:
    from danchieu.graph.ingest import ingest_paths

    summary = ingest_paths(args.paths, settings=get_settings(), workers=args.workers, progress=not args.quiet)
    print(summary.render())
    return 0


def _cmd_worker(args: argparse.Namespace) -> int:
    from danchieu.graph.worker import run_worker

    run_worker(get_settings(), once=args.once)
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = get_settings()
    _apply_schema_before_serving(settings)
    uvicorn.run("danchieu.api.app:create_app", factory=True, host=args.host or settings.api_host,
                port=args.port or settings.api_port, log_level=settings.log_level.lower())
    return 0


def _apply_schema_before_serving(settings: Settings) -> None:
    """Pending migrations are applied before the API answers, so no query meets a missing index.
    Neo4j being down is not fatal (the API answers 503 until it is back); a refused migration is."""
    from danchieu.graph import migrations
    from danchieu.graph.driver import open_driver

    try:
        with open_driver(settings) as driver:
            applied = migrations.apply(driver, settings.neo4j_database)
    except GraphUnavailable as exc:
        log.warning("schema not checked, Neo4j is not reachable (%s): the API answers 503 until it is", exc)
        return
    if applied:
        log.info("applied migration(s) %s before serving", ", ".join(applied))


def _cmd_up(args: argparse.Namespace) -> int:
    from danchieu.up import run_up

    run_up(get_settings(), serve=not args.no_serve)
    return 0


def _cmd_down(args: argparse.Namespace) -> int:
    from danchieu.up import run_down

    run_down(get_settings())
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="danchieu", description="Dẫn Chiếu — Vietnamese legal citation graph")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("neo4j", help="local Neo4j server")
    s.add_argument("action", choices=["start", "stop", "status"])
    s.set_defaults(func=_cmd_neo4j)

    s = sub.add_parser("schema", help="graph schema migrations")
    s.add_argument("action", choices=["apply", "status"])
    s.set_defaults(func=_cmd_schema)

    s = sub.add_parser("extract", help="extract documents to JSON (no database)")
    s.add_argument("paths", nargs="+", help="files, directories or globs")
    s.add_argument("--out", required=True, help="output directory")
    s.add_argument("--format", choices=["json", "jsonl"], default="json",
                   help="json: one JSON per document (default, the scorer's shape); jsonl: partitioned JSON lines "
                        "with a manifest, what `ingest` and the bulk importer read")
    s.add_argument("--text", action="store_true", help="include the normalised text in the JSON (jsonl always has it)")
    s.add_argument("--keep-going", action="store_true", help="exit 0 even when some files failed")
    s.add_argument("--workers", type=int, default=None, help="extraction processes (default: 1)")
    s.set_defaults(func=_cmd_extract)

    s = sub.add_parser("ingest", help="extract and load documents into Neo4j")
    s.add_argument("paths", nargs="+", help="files, directories or globs")
    s.add_argument("--workers", type=int, default=None, help="extraction processes (default: cores)")
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=_cmd_ingest)

    s = sub.add_parser("worker", help="run a worker that claims queued ingest jobs")
    s.add_argument("--once", action="store_true", help="exit when the queue is empty")
    s.set_defaults(func=_cmd_worker)

    s = sub.add_parser("serve", help="serve the HTTP API and the explorer")
    s.add_argument("--host", default=None)
    s.add_argument("--port", type=int, default=None)
    s.set_defaults(func=_cmd_serve)

    s = sub.add_parser("up", help="start Neo4j, apply the schema, ingest the samples, serve")
    s.add_argument("--no-serve", action="store_true", help="stop after ingesting")
    s.set_defaults(func=_cmd_up)

    s = sub.add_parser("down", help="stop the API and the Neo4j server that `up` started")
    s.set_defaults(func=_cmd_down)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(get_settings().log_level)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except DanchieuError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
