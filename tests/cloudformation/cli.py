"""The `mwaa-plan` command: built once with cargo, then run for plans and
templates."""

import json
import subprocess
from pathlib import Path

PRESETS = (
    "public-internet",
    "public-private-webserver",
    "private-new-vpc",
    "private-existing-vpc",
)
"""Every preset of `mwaa-plan new --preset`."""

TEMPLATE_FORMATS = ("cfn-yaml", "cfn-json")
"""The template formats of `mwaa-plan export --format`."""


class CommandFailed(Exception):
    """A command exited with a status other than 0."""

    def __init__(self, command: list[str], status: int, stderr: str):
        shown = " ".join(str(part) for part in command)
        super().__init__(f"`{shown}` exited with {status}:\n{stderr}")


def build(repo_root: Path) -> Path:
    """Builds the `mwaa-plan` binary and returns its path.

    Cargo says where it put the binary, so a CARGO_TARGET_DIR or a cargo
    configuration that moves the target folder is honoured.
    """
    command = [
        "cargo", "build", "-q", "-p", "mwaa-plan-cli",
        "--message-format=json-render-diagnostics",
    ]
    stdout = run(command, cwd=repo_root)
    for line in stdout.splitlines():
        message = json.loads(line)
        if _is_binary(message, "mwaa-plan"):
            return Path(message["executable"])
    raise RuntimeError(f"`{' '.join(command)}` named no mwaa-plan binary")


def _is_binary(message: dict, name: str) -> bool:
    """Whether a cargo JSON message announces the binary `name`."""
    return (
        message.get("reason") == "compiler-artifact"
        and message["target"]["name"] == name
        and message.get("executable") is not None
    )


def run(command: list, cwd: Path | None = None) -> str:
    """Runs a command and returns its standard output.

    Raises CommandFailed, with the command's standard error, when it exits
    with a status other than 0.
    """
    finished = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode != 0:
        raise CommandFailed(command, finished.returncode, finished.stderr)
    return finished.stdout


class MwaaPlan:
    """Runs `mwaa-plan`, keeping the files it reads and writes in a
    folder of the test session."""

    def __init__(self, executable: Path, workdir: Path):
        self.executable = executable
        self.workdir = workdir
        self._files = 0

    def new(self, preset: str) -> dict:
        """The plan file of a preset, as `mwaa-plan new` writes it."""
        return json.loads(run([self.executable, "new", "--preset", preset]))

    def export(
        self, plan_file: dict, template_format: str, with_environment: bool
    ) -> str:
        """The template `mwaa-plan export` writes for a plan file."""
        source = self._new_file(".json")
        text = json.dumps(plan_file, indent=2, ensure_ascii=False)
        source.write_text(text, encoding="utf-8")
        target = self._new_file(
            ".yaml" if template_format == "cfn-yaml" else ".json"
        )
        command = [
            self.executable, "export", source,
            "--format", template_format, "-o", target,
        ]
        if with_environment:
            command.append("--with-environment")
        run(command)
        return target.read_text(encoding="utf-8")

    def _new_file(self, suffix: str) -> Path:
        """A path for a new file in the work folder."""
        self._files += 1
        return self.workdir / f"file-{self._files}{suffix}"
