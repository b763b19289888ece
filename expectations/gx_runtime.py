"""The Great Expectations side: one file-based context per directory, one validation per frame.

GX is imported inside the functions (importing it costs 4–9 s). The context lives under
`data/gx/` (gitignored), never in the repository tree; Data Docs go to a folder the
caller names (default `data/gx_docs/`). Usage statistics are switched off before GX is
imported and in the context's own config, so nothing tries the network.

We use the pandas datasource on frames built by DuckDB queries: GX's SQL datasource over
DuckDB fails every expectation (it reads results after closing the connection, upstream
issues #10738 and #11579). Every frame carries a `row_id` column; GX reports failing rows
by it (`unexpected_index_column_names`), so the caller can name the failing cells.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GX_DIR = ROOT / "data" / "gx"
DEFAULT_DOCS_DIR = ROOT / "data" / "gx_docs"
DATASOURCE = "ogi_frames"
DOCS_SITE = "ogi_data_docs"

NAMING_COLUMNS = ("report_id", "table_name", "item", "column_name")

_LOCK = threading.Lock()
_RUNTIMES: dict[Path, "_Runtime"] = {}


@dataclass
class Outcome:
    """One expectation's result over one frame."""

    meta: dict            # what the caller put on the expectation (rule, table, column, message)
    success: bool
    element_count: int
    unexpected_count: int
    row_ids: list[int]    # failing rows of the frame
    exception: str | None = None


class _Runtime:
    def __init__(self, gx_dir: Path):
        os.environ["GX_ANALYTICS_ENABLED"] = "false"
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        gx_dir.mkdir(parents=True, exist_ok=True)
        self.gx = gx
        self.context = gx.get_context(mode="file", project_root_dir=str(gx_dir))
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.context.variables.analytics_enabled = False
        self.context.variables.save()
        self.datasource = self.context.data_sources.add_or_update_pandas(DATASOURCE)
        self.validations: dict[str, tuple[str, object]] = {}  # name -> (signature, definition)

    def validation(self, name: str, expectations: list):
        signature = json.dumps([e.configuration.to_json_dict() for e in expectations],
                               sort_keys=True, default=str)
        cached = self.validations.get(name)
        if cached and cached[0] == signature:
            return cached[1]
        gx = self.gx
        try:
            asset = self.datasource.get_asset(name)
        except LookupError:
            asset = self.datasource.add_dataframe_asset(name)
        try:
            batch = asset.get_batch_definition("all_rows")
        except KeyError:
            batch = asset.add_batch_definition_whole_dataframe("all_rows")
        suite = gx.ExpectationSuite(name=name, expectations=expectations)
        suite = self.context.suites.add_or_update(suite)
        definition = self.context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=name, data=batch, suite=suite))
        self.validations[name] = (signature, definition)
        return definition


def runtime(gx_dir: str | Path | None = None) -> _Runtime:
    """The (cached) GX runtime rooted at `gx_dir` (default data/gx)."""
    path = Path(gx_dir or DEFAULT_GX_DIR).resolve()
    with _LOCK:
        if path not in _RUNTIMES:
            _RUNTIMES[path] = _Runtime(path)
        return _RUNTIMES[path]


def validate(name: str, frame, expectations: list, *, run_id: str | None = None,
             gx_dir: str | Path | None = None) -> list[Outcome]:
    """Run one suite (`expectations`) over one frame; one Outcome per expectation, in order.

    `frame` must have a `row_id` column (0..n-1). Each expectation's `meta` is handed back.
    """
    from great_expectations.core.run_identifier import RunIdentifier

    for i, expectation in enumerate(expectations):  # to find each one's result again
        expectation.meta = {**(expectation.meta or {}), "check_index": i}
    rt = runtime(gx_dir)
    definition = rt.validation(name, expectations)
    # GX names failing rows by these columns (in results and Data Docs); row_id is ours.
    index_columns = ["row_id", *(c for c in NAMING_COLUMNS if c in frame.columns)]
    result = definition.run(
        batch_parameters={"dataframe": frame},
        result_format={"result_format": "COMPLETE",
                       "unexpected_index_column_names": index_columns},
        run_id=RunIdentifier(run_name=run_id) if run_id else None,
    )
    by_index = {(er.expectation_config.meta or {}).get("check_index"): er
                for er in result.results}
    outcomes = []
    for i, expectation in enumerate(expectations):
        er = by_index[i]
        cfg = er.expectation_config
        res = er.result or {}
        exc = (er.exception_info or {}).get("exception_message") if (
            er.exception_info or {}).get("raised_exception") else None
        index = res.get("unexpected_index_list") or []
        row_ids = [int(i["row_id"]) if isinstance(i, dict) else int(i) for i in index]
        outcomes.append(Outcome(
            meta={k: v for k, v in (cfg.meta or {}).items() if k != "check_index"},
            success=bool(er.success) and exc is None,
            element_count=int(res.get("element_count", len(frame))),
            unexpected_count=int(res.get("unexpected_count") or len(row_ids)),
            row_ids=row_ids,
            exception=exc,
        ))
    return outcomes


_BEACON = re.compile(r"https://great-expectations-web-assets\.s3[^\"']*logo-long\.png\?[^\"']*")


def prune_results(gx_dir: str | Path | None = None, keep_runs: int = 30) -> int:
    """Keep the newest `keep_runs` stored results of each suite; returns how many went."""
    store = runtime(gx_dir).context.validation_results_store
    by_suite: dict[str, list] = {}
    for key in store.list_keys():
        by_suite.setdefault(key.expectation_suite_identifier.name, []).append(key)
    removed = 0
    for keys in by_suite.values():
        keys.sort(key=lambda k: str(k.run_id.run_time), reverse=True)
        for key in keys[keep_runs:]:
            store.remove_key(key)
            removed += 1
    return removed


def build_data_docs(docs_dir: str | Path | None = None, *, gx_dir: str | Path | None = None,
                    keep_runs: int | None = 30) -> Path:
    """Render GX Data Docs (the suites and the stored validation results) as static HTML.

    Returns the path of `index.html`. The site is written to `docs_dir` (default
    data/gx_docs/), rebuilt whole each time from the newest `keep_runs` results per suite
    (older results are deleted from the store; None keeps everything). GX's page template
    puts the context id on a remote logo URL; that query string is stripped so opening
    the docs sends nothing about this context (the pages still reference GX's CDN
    stylesheets, which a browser offline simply skips).
    """
    rt = runtime(gx_dir)
    docs = Path(docs_dir or DEFAULT_DOCS_DIR).resolve()
    if keep_runs is not None:
        prune_results(gx_dir, keep_runs)
    if (docs / "validations").is_dir():
        shutil.rmtree(docs / "validations")  # pages of pruned results
    docs.mkdir(parents=True, exist_ok=True)
    site = {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                          "base_directory": str(docs)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    sites = rt.context.list_data_docs_sites()
    for other in [s for s in sites if s != DOCS_SITE]:
        rt.context.delete_data_docs_site(other)  # e.g. GX's default local_site under gx/
    if DOCS_SITE in rt.context.list_data_docs_sites():
        if rt.context.list_data_docs_sites()[DOCS_SITE] != site:
            rt.context.update_data_docs_site(DOCS_SITE, site)
    else:
        rt.context.add_data_docs_site(DOCS_SITE, site)
    rt.context.build_data_docs(site_names=[DOCS_SITE])
    for page in docs.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        cleaned = _BEACON.sub("data:,", text)
        if cleaned != text:
            page.write_text(cleaned, encoding="utf-8")
    return docs / "index.html"
