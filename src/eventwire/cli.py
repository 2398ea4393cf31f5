"""The command line: each command parses its arguments and calls one library function."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from eventwire.errors import EventwireError, UsageError
from eventwire.model import ArticleResult, Reject

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Code news articles into PLOVER political events, traceable to the sentence.")

PathsArg = Annotated[list[str], typer.Argument(help="Article files (.json, .jsonl, .txt, .html), directories, or -")]
LangOpt = Annotated[str | None, typer.Option("--lang", help="Language of .txt/stdin input (ISO 639-1)")]
PubOpt = Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for .txt input")]


def _code(paths: list[str], lang: str | None, published: str | None):
    """Yield (ArticleResult | None, EventwireError | None) in input order."""
    from eventwire.pipeline import Pipeline
    from eventwire.sources.readers import ReadOptions, parse_published, read_inputs

    try:
        parse_published(published, "--published")
    except EventwireError as e:
        raise UsageError(e.message) from None
    items = list(read_inputs(paths, ReadOptions(lang=lang, published=published)))
    arts = [a for a in items if not isinstance(a, EventwireError)]
    results = iter(Pipeline().code_many(arts)) if arts else iter(())
    for item in items:
        if isinstance(item, EventwireError):
            yield None, item
        else:
            yield next(results), None


def _fail(e: EventwireError) -> None:
    print(e.line(), file=sys.stderr, flush=True)


@app.command()
def extract(paths: PathsArg, lang: LangOpt = None, published: PubOpt = None,
            fmt: Annotated[str, typer.Option("--format", help="jsonl or table")] = "jsonl") -> None:
    """Code articles and print one JSON object per article (the contract), or a table."""
    if fmt not in ("jsonl", "table"):
        raise UsageError("--format must be 'jsonl' or 'table'")
    failed = 0
    for res, e in _code(paths, lang, published):
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


@app.command()
def ingest(paths: PathsArg, db: Annotated[str | None, typer.Option("--db", help="SQLAlchemy URL")] = None,
           lang: LangOpt = None, published: PubOpt = None,
           quiet: Annotated[bool, typer.Option("--quiet", help="no event table")] = False) -> None:
    """Code articles, store them (SQLite by default), print the events and a summary."""
    from eventwire.store import Store

    store = Store(db)
    added = skipped = failed = 0
    for res, e in _code(paths, lang, published):
        if e is not None:
            _fail(e)
            store.reject(Reject(e.source or "?", e.code, e.message))
            failed += 1
            continue
        assert res is not None
        if store.save(res):
            added += 1
        else:
            skipped += 1
        if not quiet:
            print_table(res)
    counts = store.counts()
    print(f"stored in {store.url}: {added} new article(s), {skipped} already stored, {failed} rejected; "
                    f"totals: {counts['articles']} articles, {counts['events']} events, {counts['mentions']} "
                    f"mentions, {counts['rejects']} rejects")
    if failed:
        raise typer.Exit(1)


@app.command()
def evaluate(inputs: PathsArg, gold: Annotated[Path, typer.Option("--gold", help="gold JSON Lines")],
             show_errors: Annotated[bool, typer.Option("--show-errors/--no-errors")] = True,
             json_out: Annotated[Path | None, typer.Option("--json", help="also write the result here")] = None,
             ) -> None:
    """Code INPUT articles and score them against GOLD (the rules of shared/tools/score_events.py)."""
    from eventwire.evaluate import load_jsonl, report, score

    if not gold.is_file():
        raise UsageError(f"gold file not found: {gold}")
    preds, failed = [], 0
    for res, e in _code(inputs, None, None):
        if e is not None:
            _fail(e)
            failed += 1
        else:
            preds.append(res.to_dict())
    result = score(load_jsonl(str(gold)), preds, show_errors)
    if json_out:
        json_out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    typer.echo(report(result))
    if failed:
        raise typer.Exit(1)


@app.command()
def explain(paths: PathsArg, lang: LangOpt = None, published: PubOpt = None) -> None:
    """For each sentence: the actors, the triggers, and why each candidate event was kept or dropped."""
    from eventwire.pipeline import Pipeline, Trace
    from eventwire.sources.readers import ReadOptions, read_inputs

    pipe = Pipeline()
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
    try:
        rc = app(standalone_mode=False)
        sys.exit(rc if isinstance(rc, int) else 0)
    except UsageError as e:
        _fail(e)
        sys.exit(2)
    except EventwireError as e:
        _fail(e)
        sys.exit(1)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except (typer.BadParameter, typer.Abort) as e:  # pragma: no cover - click usage errors
        print(f"error E100: {e}", file=sys.stderr)
        sys.exit(2)
    except Exception as e:
        import click

        if isinstance(e, click.UsageError):
            print(f"error E100: {e.format_message()}", file=sys.stderr)
            sys.exit(2)
        if isinstance(e, click.exceptions.Exit):
            sys.exit(e.exit_code)
        raise


if __name__ == "__main__":
    main()
