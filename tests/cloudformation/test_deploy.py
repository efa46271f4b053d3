"""Each template, without the environment (moto has no MWAA), deploys to a
local moto server, and the network read back with EC2's describe calls is
the plan's.

What moto cannot show, checked from the template instead (test_template):
- network ACLs, their entries and subnet associations: skipped silently,
  only the VPC's default ACL shows;
- VPC CIDR blocks (AWS::EC2::VPCCidrBlock): skipped, so a plan with
  secondary blocks cannot deploy here (its subnets there are refused);
- a VPC's DNS settings: ignored, the VPC keeps moto's defaults;
- outbound security group rules (inline or AWS::EC2::SecurityGroupEgress):
  skipped, every group keeps the default allow-all rule; inbound rules to
  IPv6 blocks are dropped, and an inbound rule from a prefix list fails;
- subnet route-table associations made by CloudFormation: created, but
  not shown in describe_route_tables (checked here through the template
  and the stack's resource status);
- a subnet's MapPublicIpOnLaunch: ignored, not compared.
moto also drops the Tags of route tables, NAT gateways, internet gateways
and endpoints: those are matched to the plan through the template's Name
tags (see deployment.py).
"""

import ast
import json

import pytest

from cli import TEMPLATE_FORMATS
from comparable import (
    EC2_DESCRIPTION,
    deployed_routes,
    deployed_rules,
    planned_routes,
    planned_rules,
)
from deployment import Deployments, name_tag
from plans import ALL_CASES
from template import ref

NOT_DEPLOYED_VARIANTS = {
    "secondary-cidrs": "moto skips AWS::EC2::VPCCidrBlock, then refuses"
    " the subnets in the secondary blocks",
    "everything": "it has secondary CIDR blocks too",
    "hostile-environment-name": "it changes only the environment, which"
    " is not deployed",
}
"""The generated plans not deployed, and why."""

DEPLOYED_CASES = [
    c for c in ALL_CASES if c.variant not in NOT_DEPLOYED_VARIANTS
]
NEW_VPC_CASES = [c for c in DEPLOYED_CASES if not c.existing_vpc]
EXISTING_VPC_CASES = [c for c in DEPLOYED_CASES if c.existing_vpc]

MOTO_INGRESS_PEERS = ("cidr", "security_group")
"""The inbound rule peers moto's CloudFormation keeps: IPv4 blocks and
security groups (it drops IPv6 blocks and fails on prefix lists)."""


def deploy_params(cases) -> list:
    """One test case per plan and template format."""
    return [
        pytest.param(case, template_format, id=f"{case}/{template_format}")
        for case in cases
        for template_format in TEMPLATE_FORMATS
    ]


every_deployment = pytest.mark.parametrize(
    "case, template_format", deploy_params(DEPLOYED_CASES)
)
new_vpc_deployments = pytest.mark.parametrize(
    "case, template_format", deploy_params(NEW_VPC_CASES)
)
existing_vpc_deployments = pytest.mark.parametrize(
    "case, template_format", deploy_params(EXISTING_VPC_CASES)
)


@pytest.fixture(scope="session")
def deployments(plans, aws) -> Deployments:
    """Every case deployed once, on first use."""
    return Deployments(plans, aws)


@new_vpc_deployments
def test_vpc_matches_plan(deployments, case, template_format):
    """The VPC has the plan's name and CIDR block, and the plan's internet
    gateway is attached. (moto ignores DNS settings and secondary blocks.)
    """
    deployment = deployments.get(case, template_format)
    plan = deployment.plan
    vpc = deployment.vpc()

    assert name_tag(vpc) == plan["vpc"]["name"]
    assert vpc["CidrBlock"] == plan["vpc"]["cidr_blocks"][0]

    gateways = set(deployment.internet_gateways())
    if plan.get("internet_gateway"):
        assert gateways == {deployment.aws_id(plan["internet_gateway"]["id"])}
    else:
        assert gateways == set()


@every_deployment
def test_subnets_match_plan(deployments, case, template_format):
    """The VPC has exactly the plan's subnets, each found by its Name tag,
    with the plan's CIDR block and Availability Zone. (moto ignores
    MapPublicIpOnLaunch, so it is not compared.)"""
    deployment = deployments.get(case, template_format)

    deployed = {
        name_tag(subnet): (subnet["CidrBlock"], subnet["AvailabilityZone"])
        for subnet in deployment.subnets().values()
    }

    planned = {
        subnet["name"]: (subnet["cidr"], subnet["availability_zone"])
        for subnet in deployment.plan["subnets"]
    }
    assert deployed == planned


@every_deployment
def test_routes_match_plan(deployments, case, template_format):
    """Each route table of the plan has exactly the plan's routes, besides
    the local one: every route to the internet gateway or a NAT gateway,
    with its destination, and the prefix-list route of each gateway
    endpoint on the table. The VPC has no route table the plan lacks
    (but its main one)."""
    deployment = deployments.get(case, template_format)
    plan = deployment.plan
    tables = deployment.route_tables()

    for table in plan["route_tables"]:
        deployed = tables[deployment.aws_id(table["id"])]
        assert deployed_routes(deployed) == planned_routes(
            plan, table["id"], deployment.aws_id
        ), f"routes of {table['name']!r}"

    planned_ids = {deployment.aws_id(t["id"]) for t in plan["route_tables"]}
    main_ids = {table_id for table_id, table in tables.items()
                if any(a.get("Main") for a in table["Associations"])}
    assert set(tables) - main_ids == planned_ids


@every_deployment
def test_nat_gateways_sit_in_planned_subnets(
    deployments, case, template_format
):
    """The VPC has exactly the plan's NAT gateways, each in its planned
    subnet: public, with an Elastic IP, when the plan gives it one."""
    deployment = deployments.get(case, template_format)
    deployed = deployment.nat_gateways()

    planned = deployment.plan.get("nat_gateways", [])
    assert set(deployed) == {deployment.aws_id(n["id"]) for n in planned}
    for nat in planned:
        gateway = deployed[deployment.aws_id(nat["id"])]
        has_address = any(
            address.get("AllocationId")
            for address in gateway.get("NatGatewayAddresses", [])
        )
        assert gateway["SubnetId"] == deployment.aws_id(nat["subnet"])
        assert has_address == nat["elastic_ip"], nat["name"]
        assert gateway["ConnectivityType"] == (
            "public" if nat["elastic_ip"] else "private"
        )


@every_deployment
def test_endpoints_match_plan(deployments, case, template_format):
    """The VPC has exactly the plan's endpoints, each with its service,
    type, subnets, security groups, private DNS (interface endpoints),
    route tables (gateway endpoints) and policy."""
    deployment = deployments.get(case, template_format)
    aws_id = deployment.aws_id
    deployed = deployment.endpoints()

    planned = deployment.plan.get("endpoints", [])
    assert set(deployed) == {aws_id(e["id"]) for e in planned}
    for endpoint in planned:
        found = deployed[aws_id(endpoint["id"])]
        region = deployment.plan["region"]
        assert found["ServiceName"] == (
            f"com.amazonaws.{region}.{endpoint['service']}"
        )
        assert found["VpcEndpointType"] == endpoint["kind"].capitalize()
        assert set(found.get("SubnetIds", [])) == {
            aws_id(s) for s in endpoint.get("subnets", [])
        }
        assert {g["GroupId"] for g in found.get("Groups", [])} == {
            aws_id(g) for g in endpoint.get("security_groups", [])
        }
        assert set(found.get("RouteTableIds", [])) == {
            aws_id(t) for t in endpoint.get("route_tables", [])
        }
        if endpoint["kind"] == "interface":
            assert found["PrivateDnsEnabled"] == endpoint["private_dns"]
        assert_policy(found, endpoint)


def assert_policy(found: dict, endpoint: dict) -> None:
    """The endpoint's policy is the plan's custom one, or allows all."""
    policy = policy_document(found["PolicyDocument"])
    planned = endpoint.get("policy", "full_access")
    if planned == "full_access":
        assert allows_everything(policy), (
            f"{endpoint['name']!r} should allow full access: {policy}"
        )
    else:
        assert policy == planned["custom"], endpoint["name"]


def policy_document(text: str) -> dict:
    """An endpoint's policy document. moto gives a policy that came from a
    template as Python's repr of the document rather than as JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return ast.literal_eval(text)


def allows_everything(policy: dict) -> bool:
    """Whether a policy has a statement that allows every action on every
    resource to everyone, unconditionally."""
    return any(
        statement.get("Effect") == "Allow"
        and statement.get("Principal") in ("*", {"AWS": "*"})
        and statement.get("Action") in ("*", ["*"])
        and statement.get("Resource") in ("*", ["*"])
        and "Condition" not in statement
        for statement in policy.get("Statement", [])
    )


@every_deployment
def test_security_groups_match_plan(deployments, case, template_format):
    """The VPC has exactly the plan's security groups (and its default
    one), each with its name, description and exactly the plan's inbound
    rules that moto keeps: from IPv4 blocks and from security groups, the
    group itself included, with protocols and ports, and the descriptions
    of rules from IPv4 blocks. A description EC2 would refuse is not
    compared. (Outbound rules, and inbound ones from IPv6 blocks or
    prefix lists, are compared in the template by test_template.)"""
    deployment = deployments.get(case, template_format)
    deployed = deployment.security_groups()

    planned = deployment.plan["security_groups"]
    default = {g for g, group in deployed.items()
               if group["GroupName"] == "default"}
    assert set(deployed) - default == {
        deployment.aws_id(g["id"]) for g in planned
    }
    for group in planned:
        found = deployed[deployment.aws_id(group["id"])]
        assert name_tag(found) == group["name"]
        description = group.get("description")
        if description and EC2_DESCRIPTION.match(description):
            assert found["Description"] == description
        assert_rules(
            deployed_rules(found["IpPermissions"]),
            moto_kept(planned_rules(group["ingress"], deployment.aws_id)),
            f"ingress of {group['name']!r}",
        )


def moto_kept(planned: dict) -> dict:
    """The inbound rules moto keeps, with the descriptions it keeps (only
    those of rules from IPv4 blocks)."""
    kept = {}
    for rule, description in planned.items():
        kind, value = rule.peer
        if kind not in MOTO_INGRESS_PEERS or ":" in value:
            continue
        kept[rule] = description if kind == "cidr" else None
    return kept


def assert_rules(deployed: dict, planned: dict, what: str) -> None:
    """The same rules, and the descriptions the plan fixes."""
    assert set(deployed) == set(planned), what
    fixed = {rule: text for rule, text in planned.items() if text}
    assert {rule: deployed[rule] for rule in fixed} == fixed, what


@new_vpc_deployments
def test_subnet_route_table_associations(deployments, case, template_format):
    """Each subnet of the plan on a route table is associated with it.

    moto does not show associations made by CloudFormation in
    describe_route_tables, so the template's SubnetRouteTableAssociation
    resources are compared with the plan instead, and the stack must have
    created each of them.
    """
    deployment = deployments.get(case, template_format)
    template = deployment.template
    subnets = template.named("AWS::EC2::Subnet")
    tables = template.named("AWS::EC2::RouteTable")

    planned = {
        (subnets.get(s["name"]), tables.get(t["name"]))
        for s in deployment.plan["subnets"]
        if (t := table_of(deployment.plan, s)) is not None
    }
    associations = template.of_type("AWS::EC2::SubnetRouteTableAssociation")
    found = {
        (ref(props.get("SubnetId")), ref(props.get("RouteTableId")))
        for props in (a.get("Properties", {}) for a in associations.values())
    }
    assert found == planned
    for logical_id in associations:
        status = deployment.resources[logical_id]["ResourceStatus"]
        assert status == "CREATE_COMPLETE", logical_id


def table_of(plan: dict, subnet: dict) -> dict | None:
    """The route table a subnet is on, if the plan gives it one."""
    return next((t for t in plan["route_tables"]
                 if t["id"] == subnet.get("route_table")), None)


CREATED_IN_AN_EXISTING_VPC = {
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::SecurityGroupEgress",
    "AWS::EC2::VPCEndpoint",
}
"""What an existing-VPC plan adds: security groups, their rules and the
endpoints."""


@existing_vpc_deployments
def test_existing_vpc_stack_adds_only_what_the_plan_adds(
    deployments, case, template_format
):
    """The stack, given the ids of the existing VPC, subnets and route
    tables, creates only security groups, their rules and endpoints: no
    VPC, subnet, route table, gateway or network ACL of its own."""
    deployment = deployments.get(case, template_format)

    created = {r["ResourceType"] for r in deployment.resources.values()}
    declared = {r["Type"] for r in deployment.template.resources.values()}

    assert created <= CREATED_IN_AN_EXISTING_VPC
    assert declared <= CREATED_IN_AN_EXISTING_VPC
    assert deployment.internet_gateways() == {}
