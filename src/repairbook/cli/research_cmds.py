"""Research commands: consent, export, and the `research` group (build, synth, codebook)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from repairbook.cli.common import State, UserError, echo, get_passphrase, pass_ctx
from repairbook.content import research as R


@click.command()
@click.option("--partner", default=None, help="Whose choice this is.")
@click.option("--give", "give", is_flag=True, help="Agree to share numbers with research.")
@click.option("--revoke", is_flag=True, help="Take back every research consent.")
@click.option("--text", "text", is_flag=True, help="Also share cleaned-up (scrubbed) text.")
@click.option(
    "--private-numeric",
    is_flag=True,
    help="Also share yes/no and 0-10 answers from private pages (never their words).",
)
@click.option(
    "--facilitator", is_flag=True, help="Let a workshop facilitator see numeric progress."
)
@click.option("--status", is_flag=True, help="Show both partners' current choices.")
@pass_ctx
def consent(
    state: State,
    partner: str | None,
    give: bool,
    revoke: bool,
    text: bool,
    private_numeric: bool,
    facilitator: bool,
    status: bool,
) -> None:
    """Record a partner's research consent (--give or --revoke), or show --status.

    Only the partner can choose: their passphrase is asked for (or read from
    REPAIRBOOK_PASSPHRASE) and must open their pages. A partner without a passphrase
    chooses on their own page in the app instead."""
    from repairbook.research.consent import consent_status, give_consent, revoke_consent

    with state.open() as wb:
        if status or (partner is None and not give and not revoke):
            for s in consent_status(wb).values():
                echo(s.describe())
            return
        if give == revoke or partner is None:
            raise UserError(R.GIVE_OR_REVOKE + " " + "Name the partner with --partner.")
        if revoke and (text or private_numeric or facilitator):
            raise UserError(R.TEXT_NEEDS_GIVE)
        name = wb.partner(partner)
        if not wb.has_passphrase(name):
            raise UserError(R.CONSENT_NEEDS_PASSPHRASE.format(name=name))
        wb.unlock(name, get_passphrase(name))  # a wrong passphrase stops here, saying so
        if give:
            s = give_consent(
                wb,
                name,
                scrubbed_text=text,
                facilitator=facilitator,
                private_numeric=private_numeric,
                how="passphrase",
            )
            echo(R.GIVEN_SAVED.format(name=name))
        else:
            s = revoke_consent(wb, name, how="passphrase")
            echo(R.REVOKED_SAVED.format(name=name))
        echo(s.describe())


@click.command("export")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False),
    default=None,
    help="The export file (.zip). Default: exports/research-export.zip in the workbook.",
)
@pass_ctx
def export_(state: State, out: str | None) -> None:
    """Write an anonymized research export of this workbook (consenting partners only).

    Each consenting partner with a passphrase is asked for it (or REPAIRBOOK_PASSPHRASE):
    their role and, with their extra consent, their private numbers are sealed.

    Exits with status 1, writing nothing, when neither partner has agreed."""
    from repairbook.research.consent import consent_status
    from repairbook.research.export import export_workbook

    with state.open() as wb:
        for s in consent_status(wb).values():
            # private numbers, and the role the welcome keeps with the private safety
            # answers, are read only with that partner's key
            if s.shares_numbers and wb.has_passphrase(s.partner):
                wb.unlock(s.partner, get_passphrase(s.partner))
        target = Path(out) if out else wb.folder / "exports" / "research-export.zip"
        result = export_workbook(wb, target)
        for note in result.notes:
            echo(note, err=True)
        echo(R.EXPORT_DONE.format(couple_id=result.couple_id, path=result.path))
        who = ", ".join(f"{pid}" for pid in sorted(result.partners.values()))
        echo(R.EXPORT_PARTNERS.format(who=who, rows=result.total_rows, tables=len(result.rows)))


@click.group()
def research() -> None:
    """Research datasets: build from exports, synthetic cohorts, the codebook."""


@research.command()
@click.argument("exports", nargs=-1, type=click.Path(exists=True), metavar="EXPORT...")
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Dataset folder.")
@click.option("--cohort", default=None, help="Cohort name (a hive partition cohort=NAME).")
@click.option("--strict", is_flag=True, help="Exit 1 when any export was skipped.")
@click.option(
    "--allow-mixed",
    is_flag=True,
    help="Keep synthetic and real exports together in one cohort (labelled mixed).",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
def build(
    exports: tuple[str, ...],
    out: str,
    cohort: str | None,
    strict: bool,
    allow_mixed: bool,
    quiet: bool,
) -> None:
    """Merge couples' exports (files or folders of them) into a Parquet dataset.

    Synthetic and real exports are never mixed in one cohort unless --allow-mixed."""
    from repairbook.research.dataset import build_dataset

    if not exports:
        raise UserError(R.BUILD_NO_INPUTS)
    report = build_dataset(exports, out, cohort=cohort, progress=not quiet, allow_mixed=allow_mixed)
    for s in report.skipped:
        echo(s.sentence(), err=True)
    if report.couples == 0:
        raise UserError(R.BUILD_NOTHING.format(total=report.inputs))
    echo(
        R.BUILD_DONE.format(
            couples=report.couples,
            path=report.path,
            cohort=report.cohort,
            rows=report.total_rows,
            tables=len(report.rows),
        )
    )
    if report.skipped:
        echo(R.BUILD_SOME_SKIPPED.format(n=len(report.skipped), total=report.inputs), err=True)
        if strict:
            sys.exit(1)


@research.command()
@click.option("--couples", default=100, show_default=True, help="How many couples.")
@click.option("--days", default=365, show_default=True, help="Days per couple.")
@click.option("--seed", default=0, show_default=True, help="Random seed.")
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Folder for exports.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def synth(couples: int, days: int, seed: int, out: str, quiet: bool) -> None:
    """Write N synthetic couples' exports (made-up data for methods and benchmarks)."""
    from repairbook.research.synth import synth_cohort

    if couples < 1 or not 7 <= days <= 3650:
        raise UserError(R.SYNTH_BAD)
    synth_cohort(couples, days, seed, out, progress=not quiet)
    echo(R.SYNTH_DONE.format(n=couples, days=days, seed=seed, path=out))


@research.command()
@click.argument("dataset", type=click.Path(exists=True, file_okay=False))
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The CSV file.")
@click.option("--cohort", default=None, help="Which cohort (needed when there are several).")
def redcap(dataset: str, out: str, cohort: str | None) -> None:
    """Write a dataset's cohort as REDCap import data (one record per partner, every
    table but partners as a repeating instrument, yes/no as 1/0)."""
    from repairbook.research.redcap import write_redcap

    rows, records, name = write_redcap(dataset, out, cohort=cohort)
    echo(
        R.REDCAP_DONE.format(
            rows=rows,
            records=records,
            cohort=name,
            path=out,
            dictionary=Path(dataset) / "codebook" / "data_dictionary.csv",
        )
    )


@research.command()
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Folder to write to.")
def codebook(out: str) -> None:
    """Write the codebook: Markdown, datapackage.json, a REDCap data dictionary and every
    version of the consent text."""
    from repairbook.research.codebook import write_codebook

    write_codebook(out)
    echo(R.CODEBOOK_DONE.format(path=out))


def register(group: click.Group) -> None:
    group.add_command(consent)
    group.add_command(export_)
    group.add_command(research)
