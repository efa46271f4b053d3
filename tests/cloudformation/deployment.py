"""A plan's template deployed to the moto server with CloudFormation, and
the deployed network read back with EC2's describe calls.

moto drops the `Tags` of route tables, NAT gateways, internet gateways and
VPC endpoints that CloudFormation creates (it keeps those of VPCs, subnets
and security groups). So a plan part is found through the template: the
resource whose `Name` tag is the part's name gives a logical id, and the
stack's resources give that logical id's physical id.
"""

import itertools
from dataclasses import dataclass, field

from botocore.exceptions import ClientError, WaiterError

import existing_vpc
from aws import Aws
from plans import PlanCase, Plans
from template import Template

PART_TYPES = {
    "vpc": "AWS::EC2::VPC",
    "internet_gateway": "AWS::EC2::InternetGateway",
    "subnets": "AWS::EC2::Subnet",
    "route_tables": "AWS::EC2::RouteTable",
    "nat_gateways": "AWS::EC2::NatGateway",
    "security_groups": "AWS::EC2::SecurityGroup",
    "endpoints": "AWS::EC2::VPCEndpoint",
}
"""The resource type of each kind of plan part that moto deploys."""

CREATE_WAIT = {"Delay": 1, "MaxAttempts": 60}
"""How long to wait for CREATE_COMPLETE: a minute, polled each second."""


class DeployFailed(Exception):
    """CloudFormation did not create the stack."""


@dataclass
class Deployment:
    """A plan's template, deployed as a stack."""

    plan: dict
    template: Template
    stack_name: str
    ec2: object
    resources: dict = field(default_factory=dict)
    """The stack's resources by logical id. moto leaves out those it
    skips, such as network ACLs."""
    existing_ids: dict = field(default_factory=dict)
    """The AWS ids of the parts that existed before the stack, by plan
    id."""

    def aws_id(self, part_id: str) -> str:
        """The AWS id of a plan part. Raises AssertionError, saying what
        is missing, when the template or the stack has no such part."""
        if part_id in self.existing_ids:
            return self.existing_ids[part_id]
        kind, part = find_part(self.plan, part_id)
        resource_type = PART_TYPES[kind]
        logical_id = self.template.named(resource_type).get(part["name"])
        assert logical_id is not None, (
            f"the template has no {resource_type} named {part['name']!r}"
            f" for the plan's {part_id!r}"
        )
        assert logical_id in self.resources, (
            f"the stack has no {logical_id} ({resource_type})"
        )
        return self.resources[logical_id]["PhysicalResourceId"]

    @property
    def vpc_id(self) -> str:
        """The id of the plan's VPC."""
        return self.aws_id(self.plan["vpc"]["id"])

    def in_vpc(self, describe, list_key: str, id_key: str) -> dict:
        """What an EC2 describe call lists in the VPC, by id: `list_key`
        names the list in the answer, `id_key` each item's id."""
        vpc_filter = [{"Name": "vpc-id", "Values": [self.vpc_id]}]
        answer = describe(Filters=vpc_filter)
        return {item[id_key]: item for item in answer[list_key]}

    def subnets(self) -> dict:
        """The VPC's subnets, by id."""
        return self.in_vpc(self.ec2.describe_subnets, "Subnets", "SubnetId")

    def route_tables(self) -> dict:
        """The VPC's route tables, by id."""
        return self.in_vpc(
            self.ec2.describe_route_tables, "RouteTables", "RouteTableId"
        )

    def nat_gateways(self) -> dict:
        """The VPC's NAT gateways, by id."""
        answer = self.ec2.describe_nat_gateways(  # `Filter`, not `Filters`
            Filter=[{"Name": "vpc-id", "Values": [self.vpc_id]}]
        )
        return {g["NatGatewayId"]: g for g in answer["NatGateways"]}

    def endpoints(self) -> dict:
        """The VPC's endpoints, by id."""
        return self.in_vpc(
            self.ec2.describe_vpc_endpoints, "VpcEndpoints", "VpcEndpointId"
        )

    def security_groups(self) -> dict:
        """The VPC's security groups, by id."""
        return self.in_vpc(
            self.ec2.describe_security_groups, "SecurityGroups", "GroupId"
        )

    def vpc(self) -> dict:
        """The VPC as EC2 describes it."""
        return self.ec2.describe_vpcs(VpcIds=[self.vpc_id])["Vpcs"][0]

    def vpc_attribute(self, attribute: str) -> bool:
        """A boolean attribute of the VPC, such as `enableDnsSupport`."""
        answer = self.ec2.describe_vpc_attribute(
            VpcId=self.vpc_id, Attribute=attribute
        )
        key = attribute[0].upper() + attribute[1:]
        return answer[key]["Value"]

    def internet_gateways(self) -> dict:
        """The internet gateways attached to the VPC, by id."""
        answer = self.ec2.describe_internet_gateways(
            Filters=[{"Name": "attachment.vpc-id", "Values": [self.vpc_id]}]
        )
        return {g["InternetGatewayId"]: g for g in answer["InternetGateways"]}


def find_part(plan: dict, part_id: str) -> tuple[str, dict]:
    """The kind and the part of a plan id."""
    for kind in PART_TYPES:
        parts = plan.get(kind) or []
        for part in parts if isinstance(parts, list) else [parts]:
            if part["id"] == part_id:
                return kind, part
    raise KeyError(f"the plan has no part {part_id!r}")


def name_tag(described: dict) -> str | None:
    """The `Name` tag of a resource as EC2 describes it."""
    for tag in described.get("Tags", []):
        if tag["Key"] == "Name":
            return tag["Value"]
    return None


class Deployments:
    """Deploys each case once per test session, on first use, and keeps
    the deployment (or the failure) for every test that reads it back."""

    def __init__(self, plans: Plans, aws: Aws):
        self.plans = plans
        self.aws = aws
        self._done: dict = {}
        self._numbers = itertools.count(1)

    def get(self, case: PlanCase, template_format: str) -> Deployment:
        """The deployment of a case's template in a format, without the
        environment (moto has no MWAA)."""
        key = (case, template_format)
        if key not in self._done:
            try:
                self._done[key] = self._deploy(case, template_format)
            except Exception as failure:  # reported by each test of it
                self._done[key] = failure
        if isinstance(self._done[key], Exception):
            raise self._done[key]
        return self._done[key]

    def _deploy(self, case: PlanCase, template_format: str) -> Deployment:
        """Deploys a case: first the existing network its plan describes,
        if any, then the template, given that network's ids."""
        plan = self.plans.plan(case)
        text = self.plans.template(case, template_format, False)
        template = Template.parse(text)
        ec2 = self.aws.client("ec2", plan["region"])

        existing_ids, parameters = {}, []
        if plan["vpc"]["provenance"] == "existing":
            existing_ids = existing_vpc.create(ec2, plan)
            parameters = existing_vpc.parameter_values(
                template, plan, existing_ids
            )

        stack_name = f"case-{next(self._numbers)}"
        cloudformation = self.aws.client("cloudformation", plan["region"])
        create_stack(cloudformation, stack_name, text, parameters)
        resources = stack_resources(cloudformation, stack_name)
        return Deployment(
            plan, template, stack_name, ec2, resources, existing_ids
        )


def create_stack(cloudformation, name: str, body: str, parameters) -> None:
    """Creates a stack and waits, a bounded time, for CREATE_COMPLETE.
    Raises DeployFailed with CloudFormation's reasons."""
    try:
        cloudformation.create_stack(
            StackName=name, TemplateBody=body, Parameters=parameters
        )
        cloudformation.get_waiter("stack_create_complete").wait(
            StackName=name, WaiterConfig=CREATE_WAIT
        )
    except ClientError as error:
        raise DeployFailed(f"CreateStack failed: {error}") from error
    except WaiterError as error:
        reasons = failure_reasons(cloudformation, name)
        raise DeployFailed(f"{error}\n{reasons}") from error


def failure_reasons(cloudformation, name: str) -> str:
    """Why the resources of a stack failed, one a line."""
    events = cloudformation.describe_stack_events(StackName=name)
    return "\n".join(
        f"  {event.get('LogicalResourceId')}: {event['ResourceStatus']}"
        f" {event.get('ResourceStatusReason', '')}"
        for event in events["StackEvents"]
        if event["ResourceStatus"].endswith("FAILED")
    )


def stack_resources(cloudformation, name: str) -> dict:
    """The resources of a stack by logical id. moto lists the resources it
    skips (network ACLs) without a logical id; they are left out."""
    answer = cloudformation.describe_stack_resources(StackName=name)
    return {
        resource["LogicalResourceId"]: resource
        for resource in answer["StackResources"]
        if "LogicalResourceId" in resource
    }
