"""cfn-lint reports no error and no warning on any exported template: every
preset and every generated plan, as YAML and as JSON, with and without the
MWAA environment."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli import TEMPLATE_FORMATS
from linting import failing_findings, report
from plans import ALL_CASES, PRESET_CASES


def template_params(cases) -> list:
    """One test case per plan, format and environment option."""
    return [
        pytest.param(
            case, template_format, with_environment,
            id=f"{case}/{template_format}/"
            + ("with-environment" if with_environment else "network"),
        )
        for case in cases
        for template_format in TEMPLATE_FORMATS
        for with_environment in (False, True)
    ]


@pytest.mark.parametrize(
    "case, template_format, with_environment", template_params(ALL_CASES)
)
def test_cfn_lint_finds_no_error_or_warning(
    plans, case, template_format, with_environment
):
    """cfn-lint, checking for the plan's Region, finds nothing worse than
    an informational finding."""
    template = plans.template(case, template_format, with_environment)

    findings = failing_findings(template, plans.plan(case)["region"])

    assert not findings, (
        f"cfn-lint reports on the {template_format} template of {case}:\n"
        + report(findings)
    )


def test_cfn_lint_command_passes_every_preset_template(plans, tmp_path):
    """The `cfn-lint` command itself, as the issue states it, passes every
    preset's templates (one run for all of them, since each run starts in
    about three seconds): the library calls above check the same."""
    files = []
    for param in template_params(PRESET_CASES):
        case, template_format, with_environment = param.values
        suffix = ".yaml" if template_format == "cfn-yaml" else ".json"
        path = tmp_path / (param.id.replace("/", "-") + suffix)
        path.write_text(
            plans.template(case, template_format, with_environment),
            encoding="utf-8",
        )
        files.append(path)

    cfn_lint = Path(sys.executable).parent / "cfn-lint"
    finished = subprocess.run(
        [cfn_lint, "--format", "json", "--non-zero-exit-code", "warning",
         "--", *files],
        capture_output=True, text=True, check=False,
    )

    assert finished.returncode == 0, (
        f"cfn-lint exited with {finished.returncode}:\n"
        + command_findings(finished.stdout) + finished.stderr
    )


def command_findings(stdout: str) -> str:
    """The findings of `cfn-lint --format json`, one a line."""
    try:
        findings = json.loads(stdout)
    except json.JSONDecodeError:
        return stdout
    return "".join(
        f"  {Path(f['Filename']).name}: {f['Rule']['Id']} {f['Level']} at"
        f" line {f['Location']['Start']['LineNumber']}: {f['Message']}\n"
        for f in findings
    )
