"""Research: consent, anonymized export, codebook, dataset build, synthetic cohorts, analyses.

The public API, one import away::

    from repairbook.research import (
        give_consent, revoke_consent, consent_status, ConsentState,
        export_workbook, NoConsent, ExportResult,
        build_dataset, read_export, BadExport, BuildReport,
        synth_cohort, write_codebook,
    )

``repairbook.research.analysis`` (DuckDB, pandas, matplotlib) is imported on its own.
"""

from repairbook.research.codebook import codebook_files, tables, write_codebook
from repairbook.research.consent import (
    ConsentState,
    consent_status,
    give_consent,
    revoke_consent,
)
from repairbook.research.dataset import (
    BadExport,
    BuildReport,
    DatasetError,
    build_dataset,
    dataset_info,
    read_export,
)
from repairbook.research.export import ExportResult, NoConsent, couple_id, export_workbook
from repairbook.research.synth import synth_cohort

__all__ = [
    "BadExport",
    "BuildReport",
    "ConsentState",
    "DatasetError",
    "ExportResult",
    "NoConsent",
    "build_dataset",
    "codebook_files",
    "consent_status",
    "couple_id",
    "dataset_info",
    "export_workbook",
    "give_consent",
    "read_export",
    "revoke_consent",
    "synth_cohort",
    "tables",
    "write_codebook",
]
