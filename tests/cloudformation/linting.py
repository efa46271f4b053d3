"""cfn-lint, run as a library: the same rules as the `cfn-lint` command,
loaded once instead of for every template (the command spends about three
seconds starting, and the library a half second loading its rules)."""

from dataclasses import dataclass
from functools import cache

from cfnlint.config import ConfigMixIn
from cfnlint.decode.decode import decode_str
from cfnlint.runner import Runner

FAILING_SEVERITIES = ("error", "warning")
"""What fails a template here, as `--non-zero-exit-code warning` does;
informational findings do not."""


@dataclass(frozen=True)
class Finding:
    """One cfn-lint finding that fails a template."""

    rule: str
    severity: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.rule} {self.severity} at line {self.line}"
            f" ({self.path or 'template'}): {self.message}"
        )


def failing_findings(template: str, region: str) -> list[Finding]:
    """cfn-lint's errors and warnings on a template, checked for `region`.

    A template that does not parse gives cfn-lint's parse error (E0000).
    """
    body, parse_errors = decode_str(template)
    if parse_errors or body is None:
        matches = parse_errors
    else:
        matches = list(_runner(region).validate_template(body))
    findings = [_finding(match) for match in matches]
    return [f for f in findings if f.severity in FAILING_SEVERITIES]


@cache
def _runner(region: str) -> Runner:
    """cfn-lint's runner with every default rule, for one Region."""
    return Runner(ConfigMixIn(regions=[region]))


def _finding(match) -> Finding:
    """A cfn-lint match as a Finding."""
    path = "/".join(str(step) for step in getattr(match, "path", None) or [])
    return Finding(
        rule=match.rule.id,
        severity=match.rule.severity.lower(),
        line=match.linenumber,
        path=path,
        message=match.message,
    )


def report(findings: list[Finding]) -> str:
    """The findings, one a line, for a failure message."""
    return "\n".join(f"  {finding}" for finding in findings)
