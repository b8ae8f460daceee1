"""A dataset cohort as REDCap import data (CSV), matching the codebook's data dictionary.

Layout, as REDCap's "flat" import with repeating instruments expects:

* ``record_id`` is one partner: ``<couple_id>_<partner_id>``;
* the ``partners`` form is the record's own (one row per record, the repeat columns empty);
* every other table is a **repeating instrument** (``redcap_repeat_instrument`` = the
  table, ``redcap_repeat_instance`` = 1, 2, ... per record, in the dataset's row order);
* yes/no as 1/0, categories as their choice number (the dictionary lists ``1, kept |
  2, kept_late ...``), numbers as written, null as an empty cell.

In the REDCap project, enable repeating instruments for every form except ``partners``
(Project Setup → Repeating instruments and events) before importing; the data dictionary
is ``codebook/data_dictionary.csv`` of the same dataset.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from repairbook.content import research as R
from repairbook.research.codebook import RECORD_ID, redcap_code, redcap_names, tables
from repairbook.research.dataset import DatasetError, dataset_info

REPEAT_COLUMNS = ("redcap_repeat_instrument", "redcap_repeat_instance")


def _cohort(dataset: Path, cohort: str | None) -> str:
    known = sorted((dataset_info(dataset).get("cohorts") or {}).keys())
    if cohort is None:
        if len(known) == 1:
            return known[0]
        raise DatasetError(R.REDCAP_WHICH_COHORT.format(known=", ".join(known) or "none"))
    if cohort not in known:
        raise DatasetError(R.REDCAP_NO_COHORT.format(cohort=cohort, known=", ".join(known)))
    return cohort


def write_redcap(
    dataset: str | os.PathLike[str], out: str | os.PathLike[str], *, cohort: str | None = None
) -> tuple[int, int, str]:
    """Write cohort ``cohort`` (the only one when None) of ``dataset`` as REDCap import
    CSV to ``out``. Returns (rows written, records, the cohort)."""
    ds = Path(dataset)
    name = _cohort(ds, cohort)
    names = redcap_names()
    layout = tables()
    variables = [v for v in names.values()]
    header = [RECORD_ID, *REPEAT_COLUMNS, *variables]
    where = {v: i for i, v in enumerate(header)}
    instances: Counter[tuple[str, str]] = Counter()
    records: set[str] = set()
    rows = 0
    out = Path(out)
    tmp = out.with_name(out.name + ".partial")
    with tmp.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for tname, t in layout.items():
            cols = [c for c in t.columns if (tname, c.name) in names]
            for path in sorted((ds / tname / f"cohort={name}").glob("*.parquet")):
                pf = pq.ParquetFile(path)
                for batch in pf.iter_batches(batch_size=65_536):
                    data = batch.to_pydict()
                    for i in range(batch.num_rows):
                        record = f"{data['couple_id'][i]}_{data['partner_id'][i]}"
                        row: list[Any] = [""] * len(header)
                        row[0] = record
                        if tname == "partners":
                            records.add(record)
                        else:
                            instances[(record, tname)] += 1
                            row[1], row[2] = tname, instances[(record, tname)]
                        for c in cols:
                            row[where[names[(tname, c.name)]]] = redcap_code(c, data[c.name][i])
                        w.writerow(row)
                        rows += 1
    os.replace(tmp, out)
    return rows, len(records), name


__all__ = ["REPEAT_COLUMNS", "write_redcap"]
