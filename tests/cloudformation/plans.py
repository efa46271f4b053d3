"""The plans the tests export: the presets and their generated variants,
each made once per test session, with their templates."""

from dataclasses import dataclass
from functools import cache

import variants
from cli import PRESETS, MwaaPlan


@dataclass(frozen=True)
class PlanCase:
    """A preset, or a generated variant of one."""

    preset: str
    variant: str | None = None

    @property
    def existing_vpc(self) -> bool:
        """Whether the plan describes a VPC that exists already (the one
        such preset), so its template takes the VPC as parameters."""
        return self.preset == "private-existing-vpc"

    def __str__(self) -> str:
        if self.variant is None:
            return self.preset
        return f"{self.preset}+{self.variant}"


PRESET_CASES = tuple(PlanCase(preset) for preset in PRESETS)
GENERATED_CASES = tuple(
    PlanCase(preset, variant) for variant, preset in variants.CASES
)
ALL_CASES = PRESET_CASES + GENERATED_CASES


class Plans:
    """Plan files and their templates, made on first use and kept for the
    test session."""

    def __init__(self, mwaa_plan: MwaaPlan):
        self.mwaa_plan = mwaa_plan
        self.plan_file = cache(self._plan_file)
        self.template = cache(self._template)

    def _plan_file(self, case: PlanCase) -> dict:
        """The plan file of a case."""
        preset_file = self.mwaa_plan.new(case.preset)
        if case.variant is None:
            return preset_file
        return variants.plan_file(preset_file, case.variant, case.preset)

    def _template(
        self, case: PlanCase, template_format: str, with_environment: bool
    ) -> str:
        """The template the exporter writes for a case."""
        return self.mwaa_plan.export(
            self.plan_file(case), template_format, with_environment
        )

    def plan(self, case: PlanCase) -> dict:
        """The plan of a case: the `plan` member of its file."""
        return self.plan_file(case)["plan"]
