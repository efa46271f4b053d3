"""Fixtures of the CloudFormation checks: the `mwaa-plan` command, built
once; the plans and templates it makes; and a moto server on 127.0.0.1
with dummy AWS credentials for the deploy tests."""

import shutil
from pathlib import Path

import pytest

import cli
from aws import Aws
from moto_server import HOST, MotoServer
from plans import Plans

REPO_ROOT = Path(__file__).resolve().parents[2]

DUMMY_AWS_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": "/dev/null",
    "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
}
"""Credentials moto accepts and no AWS account does, and no profile, so a
test can never reach a real account."""


@pytest.fixture(scope="session")
def mwaa_plan(tmp_path_factory) -> cli.MwaaPlan:
    """The `mwaa-plan` command, built from this work tree and copied, so a
    build running beside the tests cannot change it halfway."""
    workdir = tmp_path_factory.mktemp("mwaa-plan")
    executable = Path(shutil.copy2(cli.build(REPO_ROOT), workdir))
    return cli.MwaaPlan(executable, workdir)


@pytest.fixture(scope="session")
def plans(mwaa_plan) -> Plans:
    """The plans of the test cases and their templates."""
    return Plans(mwaa_plan)


@pytest.fixture(scope="session")
def dummy_aws_environment():
    """Dummy AWS credentials and Region for boto3, and no proxy for the
    loopback address."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in DUMMY_AWS_ENVIRONMENT.items():
            patch.setenv(name, value)
        for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
            patch.delenv(name, raising=False)
        patch.setenv("NO_PROXY", HOST)
        patch.setenv("no_proxy", HOST)
        yield


@pytest.fixture(scope="session")
def aws(tmp_path_factory, dummy_aws_environment) -> Aws:
    """boto3 clients of a moto server started for the test session."""
    log = tmp_path_factory.mktemp("moto") / "moto_server.log"
    with MotoServer(log) as server:
        yield Aws(server.url)
