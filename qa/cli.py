"""The `qa` command: index, ask, serve, eval. Thin: the work happens in the library."""

from __future__ import annotations

import functools
import json
import logging
import signal
import sys

import click

from .config import Settings, describe
from .errors import QAError

index_option = click.option("--index", "index_dir", metavar="DIR", help="Index directory [QA_INDEX].")
store_option = click.option("--store", metavar="URL", help="PostgreSQL URL of the index, instead of DIR [QA_STORE].")


def _fail_cleanly(command):
    """Known failures become one line on stderr and exit code 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except QAError as exc:
            raise click.ClickException(exc.message) from None
        except (OSError, ValueError) as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


def _settings(**overrides) -> Settings:
    try:
        return Settings.from_env(**{("index" if k == "index_dir" else k): v for k, v in overrides.items()})
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


def _engine(settings: Settings):
    from .engine import Engine

    return Engine(settings)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="qa")
def main() -> None:
    """Answer questions about news articles."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("warning: %(message)s"))
    logger = logging.getLogger("qa")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.WARNING)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@index_option
@store_option
@click.option("--force", is_flag=True, help="Rebuild even when the index is up to date.")
@click.option("--no-cache", is_flag=True, help="Embed every article again instead of reusing unchanged ones.")
@_fail_cleanly
def index(paths: tuple[str, ...], index_dir: str | None, store: str | None, force: bool, no_cache: bool) -> None:
    """Index the articles (.txt, .md, .jsonl) in PATH... into DIR, or into the database at URL.

    Unchanged articles keep their vectors; articles no longer under PATH... leave the index."""
    from .embedders import make_embedder
    from .indexer import build_index

    settings = _settings(index_dir=index_dir, store=store)
    result = build_index(paths, settings.index, settings,
                         lambda: make_embedder(settings),
                         force=force or no_cache, reuse=not no_cache)
    _report(result)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="ARTICLE...")
@index_option
@store_option
@_fail_cleanly
def remove(paths: tuple[str, ...], index_dir: str | None, store: str | None) -> None:
    """Take ARTICLE... (paths as the index lists them) out of the index in DIR."""
    from .indexer import remove_articles

    settings = _settings(index_dir=index_dir, store=store)
    _report(remove_articles(paths, settings.index, settings))


def _report(result) -> None:
    state = "up to date" if result.up_to_date else (
        f"built in {result.seconds:.1f}s, {result.embedded} of {result.chunks} chunks embedded")
    click.echo(f"{result.location}: {result.articles} articles, {result.chunks} chunks, "
               f"{result.sentences} sentences ({state})")


@main.command()
@click.argument("question")
@index_option
@store_option
@click.option("--top-k", type=int, default=None, help="Passages to show (1-20).")
@click.option("--outlet", multiple=True, help="Only articles from this outlet (repeat for several).")
@click.option("--after", metavar="YYYY-MM-DD", help="Only articles published on or after this day.")
@click.option("--before", metavar="YYYY-MM-DD", help="Only articles published on or before this day.")
@click.option("--as-of", metavar="YYYY-MM-DD",
              help="Ask as on this day: later articles are left out, \"this week\" is the week before it "
                   "[default: the newest article's day].")
@click.option("--json", "as_json", is_flag=True, help="Print the /ask JSON reply.")
@_fail_cleanly
def ask(question: str, index_dir: str | None, store: str | None, top_k: int | None, outlet: tuple[str, ...],
        after: str | None, before: str | None, as_of: str | None, as_json: bool) -> None:
    """Answer QUESTION from the indexed articles: the answer, who said it, its sources and the passages."""
    from .period import parse_as_of
    from .show import as_text

    parse_as_of(as_of)  # a bad day fails before the index and the model load
    filters = {name: value for name, value in (("outlet", list(outlet)), ("published_after", after),
                                               ("published_before", before)) if value} or None
    reply = _engine(_settings(index_dir=index_dir, store=store)).ask(question, top_k, filters=filters, as_of=as_of)
    if as_json:
        click.echo(json.dumps(reply, ensure_ascii=False, indent=2))
        return
    period = reply.get("period")
    if period:
        how = "only articles from" if period["filtered"] else "preferring articles from"
        click.echo(f"\"{period['words']}\" as of {reply['as_of']}: {how} {period['from']} to {period['to']}")
    click.echo(as_text(reply))


@main.command()
@index_option
@store_option
@click.option("--host", default=None, help="Address to listen on [QA_HOST].")
@click.option("--port", type=int, default=None, help="Port to listen on [QA_PORT].")
@_fail_cleanly
def serve(index_dir: str | None, store: str | None, host: str | None, port: int | None) -> None:
    """Serve the /ask API (Flask's server; use gunicorn in production, see Procfile)."""
    from .app import create_app
    from .store import backend

    settings = _settings(index_dir=index_dir, store=store, host=host, port=port)
    app = create_app(settings)
    served = app.extensions["qa"]
    signal.signal(signal.SIGHUP, lambda *_: served.reload())  # `kill -HUP` loads the index on disk now
    click.echo(f"serving {backend(settings).location} on http://{settings.host}:{settings.port}")
    app.run(host=settings.host, port=settings.port, threaded=True)


@main.command(name="eval")
@click.argument("questions_file", type=click.Path(exists=True, dir_okay=False))
@index_option
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print every figure and failure as JSON.")
@click.option("--failures", default=0, show_default=True, help="Also list this many wrong answers.")
@_fail_cleanly
def eval_(questions_file: str, index_dir: str | None, store: str | None, as_json: bool, failures: int) -> None:
    """Score answers on QUESTIONS_FILE (JSON lines: question, answers, sources|article, unanswerable, date).

    A question with a `date` (2022-06-16 or 2022/06/16) is asked as on that day (as_of)."""
    from .evaluate import evaluate, read_questions

    questions = read_questions(questions_file)
    engine = _engine(_settings(index_dir=index_dir, store=store))
    report = evaluate(engine.ask, questions)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for key, value in report.items():
        if key != "failures":
            click.echo(f"{key:>20}: {value}")
    for failure in report["failures"][:failures]:
        click.echo(json.dumps(failure, ensure_ascii=False))


@main.command()
@click.option("--data", "data", type=(click.Path(exists=True, dir_okay=False), click.Path(exists=True)),
              multiple=True, required=True, metavar="QUESTIONS ARTICLES",
              help="A questions file (as for `qa eval`) and the articles it is about; repeat for more sets.")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Where to write the model [default: the file qa ships, qa/answer/model.json].")
@click.option("--index-root", type=click.Path(file_okay=False), default="index/fit", show_default=True,
              help="Where each set's index is built (and reused when up to date).")
@_fail_cleanly
def fit(data: tuple[tuple[str, str], ...], out: str | None, index_root: str) -> None:
    """Fit the answer model on labelled questions, split by article; print the held-out figures."""
    from pathlib import Path

    from .answer.fit import DataSet, fit_files
    from .answer.model import SHIPPED
    from .embedders import make_embedder

    settings = _settings()
    sets = [DataSet(_set_name(questions), Path(questions), Path(articles)) for questions, articles in data]
    if len({s.name for s in sets}) < len(sets):
        raise click.ClickException("two --data sets have the same name; give their questions files other names")
    record = fit_files(sets, settings, lambda: make_embedder(settings),
                       Path(index_root), Path(out) if out else SHIPPED)
    click.echo(f"wrote {out or SHIPPED}: threshold {record['threshold']} (news: {record['dated_threshold']}), "
               f"{record['trained_on']['questions']} questions fitted")
    for part in ("fit", "held_out"):
        for name, figures in record["figures"][part].items():
            shown = ", ".join(f"{k} {v}" for k, v in figures.items() if k in SHOWN_FIGURES)
            click.echo(f"{part:>9} {name:32} {shown}")


SHOWN_FIGURES = ("answer_accuracy", "ranked_accuracy", "abstention")


def _set_name(questions: str) -> str:
    """squad-dev/questions.jsonl -> squad-dev; seeds-dev.jsonl -> seeds-dev."""
    from pathlib import Path

    path = Path(questions)
    return path.parent.name if path.stem == "questions" else path.stem


@main.command()
def settings() -> None:
    """List every setting, its environment variable and default."""
    for name, default, help_text in describe():
        click.echo(f"{name}={default}\n    {help_text}")
