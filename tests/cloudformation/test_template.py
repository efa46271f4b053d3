"""What the templates must say that neither cfn-lint nor moto checks: read
from the template itself, for every plan.

moto skips network ACLs, VPC CIDR blocks, outbound security group rules
and a VPC's DNS settings, and cfn-lint does not know what the plan asked
for, nor that CloudFormation needs some resources created before others.
"""

import ipaddress

import pytest

from comparable import (
    EC2_DESCRIPTION,
    planned_rules,
    template_rules,
)
from plans import ALL_CASES
from template import Template, literal, ref

NEW_VPC_CASES = [c for c in ALL_CASES if not c.existing_vpc]


def network_template(plans, case) -> Template:
    """The JSON template of a case, without the environment."""
    return Template.parse(plans.template(case, "cfn-json", False))


@pytest.mark.parametrize("case, with_environment", [
    pytest.param(case, with_environment, id=f"{case}/{label}")
    for case in ALL_CASES
    for with_environment, label in ((False, "network"),
                                    (True, "with-environment"))
])
def test_yaml_and_json_templates_agree(plans, case, with_environment):
    """The YAML template, its short-form functions read as the long form,
    is the JSON template: the same names, values and references."""
    yaml = Template.parse(plans.template(case, "cfn-yaml", with_environment))
    json = Template.parse(plans.template(case, "cfn-json", with_environment))

    found = list(differences(yaml.body, json.body))
    assert not found, "YAML and JSON differ:\n  " + "\n  ".join(found)


def differences(yaml, json, path: str = "template"):
    """Where two parsed templates differ, as `path: yaml value, json
    value`."""
    if isinstance(yaml, dict) and isinstance(json, dict):
        for key in list(yaml) + [k for k in json if k not in yaml]:
            yield from differences(yaml.get(key), json.get(key),
                                   f"{path}/{key}")
    elif (isinstance(yaml, list) and isinstance(json, list)
          and len(yaml) == len(json)):
        for index, (left, right) in enumerate(zip(yaml, json)):
            yield from differences(left, right, f"{path}/{index}")
    elif yaml != json:
        yield f"{path}: YAML {yaml!r}, JSON {json!r}"


@pytest.mark.parametrize("case", NEW_VPC_CASES, ids=str)
def test_vpc_has_planned_dns_settings_and_cidr_blocks(plans, case):
    """The VPC has the plan's DNS settings and primary CIDR block, and one
    VPCCidrBlock resource for each secondary block (moto ignores both the
    settings and the blocks)."""
    plan = plans.plan(case)
    template = network_template(plans, case)
    (vpc_id,) = template.named("AWS::EC2::VPC").values()
    vpc = template.properties(vpc_id)

    blocks = template.of_type("AWS::EC2::VPCCidrBlock").values()
    secondary = {
        block["Properties"]["CidrBlock"]
        for block in blocks
        if ref(block["Properties"].get("VpcId")) == vpc_id
    }
    assert vpc["CidrBlock"] == plan["vpc"]["cidr_blocks"][0]
    assert secondary == set(plan["vpc"]["cidr_blocks"][1:])
    assert vpc.get("EnableDnsSupport", True) == plan["vpc"]["dns_support"]
    assert vpc.get("EnableDnsHostnames", False) == plan["vpc"]["dns_hostnames"]


@pytest.mark.parametrize("case", NEW_VPC_CASES, ids=str)
def test_subnets_wait_for_their_secondary_cidr_block(plans, case):
    """A subnet in a secondary CIDR block is created after the block is
    added to the VPC: otherwise CloudFormation may create it first, and
    EC2 refuses a subnet outside the VPC's blocks."""
    plan = plans.plan(case)
    template = network_template(plans, case)
    blocks = {
        ipaddress.ip_network(r["Properties"]["CidrBlock"]): logical_id
        for logical_id, r in template.of_type("AWS::EC2::VPCCidrBlock").items()
    }

    subnets = template.named("AWS::EC2::Subnet")
    for subnet in plan["subnets"]:
        cidr = ipaddress.ip_network(subnet["cidr"])
        for block, block_id in blocks.items():
            if cidr.subnet_of(block):
                assert block_id in template.depends_on(
                    subnets[subnet["name"]]
                ), f"subnet {subnet['name']!r} must wait for {block_id}"


@pytest.mark.parametrize("case", NEW_VPC_CASES, ids=str)
def test_internet_gateway_is_attached_before_use(plans, case):
    """Every Elastic IP, NAT gateway and route to the internet gateway is
    created after the gateway is attached to the VPC, as AWS requires
    (cfn-lint does not notice a missing DependsOn here, and moto does not
    mind)."""
    template = network_template(plans, case)
    attachments = set(template.of_type("AWS::EC2::VPCGatewayAttachment"))
    gateways = set(template.of_type("AWS::EC2::InternetGateway"))

    users = set(template.of_type("AWS::EC2::EIP"))
    users |= set(template.of_type("AWS::EC2::NatGateway"))
    users |= {
        logical_id
        for logical_id, route in template.of_type("AWS::EC2::Route").items()
        if ref(route["Properties"].get("GatewayId")) in gateways
    }
    for user in sorted(users):
        assert template.depends_on(user) & attachments, (
            f"{user} must depend on the gateway attachment"
        )


@pytest.mark.parametrize("case", NEW_VPC_CASES, ids=str)
def test_network_acls_match_plan(plans, case):
    """Each network ACL of the plan is in the template with exactly the
    plan's numbered rules, and each subnet on it is associated with it
    (moto skips network ACLs, their entries and associations)."""
    plan = plans.plan(case)
    template = network_template(plans, case)
    acls = template.named("AWS::EC2::NetworkAcl")
    subnets = template.named("AWS::EC2::Subnet")

    for acl in plan.get("network_acls", []):
        assert acl["name"] in acls, f"no NetworkAcl named {acl['name']!r}"
        assert template_acl_entries(template, acls[acl["name"]]) == (
            planned_acl_entries(acl)
        ), acl["name"]

    planned = {
        (subnets[s["name"]], acls[a["name"]])
        for s in plan["subnets"]
        for a in plan.get("network_acls", [])
        if a["id"] == s.get("network_acl")
    }
    associations = template.of_type("AWS::EC2::SubnetNetworkAclAssociation")
    assert {
        (ref(a["Properties"].get("SubnetId")),
         ref(a["Properties"].get("NetworkAclId")))
        for a in associations.values()
    } == planned


ACL_PROTOCOLS = {"all": -1, "tcp": 6, "udp": 17, "icmp": 1}


def planned_acl_entries(acl: dict) -> set:
    """A plan ACL's rules as (egress, number, action, protocol number,
    CIDR block, ports)."""
    entries = set()
    for egress, rules in ((False, acl["ingress"]), (True, acl["egress"])):
        for rule in rules:
            ports = None
            if rule["protocol"] in ("tcp", "udp"):
                text = str(rule.get("ports", "0-65535"))
                low, _, high = text.partition("-")
                ports = (int(low), int(high or low))
            entries.add((egress, rule["number"], rule["action"],
                         ACL_PROTOCOLS[rule["protocol"]], rule["cidr"], ports))
    return entries


def template_acl_entries(template: Template, acl: str) -> set:
    """The NetworkAclEntry resources of an ACL (its logical id), in the
    form of planned_acl_entries."""
    entries = set()
    for entry in template.of_type("AWS::EC2::NetworkAclEntry").values():
        props = entry["Properties"]
        if ref(props.get("NetworkAclId")) != acl:
            continue
        ports = None
        if int(props["Protocol"]) in (6, 17):
            port_range = props.get("PortRange", {"From": 0, "To": 65535})
            ports = (int(port_range["From"]), int(port_range["To"]))
        entries.add((
            str(props.get("Egress", False)).lower() == "true",
            int(props["RuleNumber"]),
            props["RuleAction"],
            int(props["Protocol"]),
            props["CidrBlock"],
            ports,
        ))
    return entries


@pytest.mark.parametrize("case", ALL_CASES, ids=str)
def test_security_group_rules_match_plan(plans, case):
    """Each security group gets exactly the plan's inbound and outbound
    rules as CloudFormation would create them: inline and separate rules
    together, plus EC2's default allow-all outbound rule unless the group
    lists its own. moto skips outbound rules, and inbound ones to IPv6
    blocks, so only the template shows them all."""
    plan = plans.plan(case)
    template = network_template(plans, case)
    groups = template.named("AWS::EC2::SecurityGroup")

    def logical_id(group_id: str) -> str:
        (name,) = [g["name"] for g in plan["security_groups"]
                   if g["id"] == group_id]
        return groups[name]

    for group in plan["security_groups"]:
        for direction in ("ingress", "egress"):
            found = template_rules(template, groups[group["name"]], direction)
            planned = planned_rules(group[direction], logical_id)
            what = f"{direction} of {group['name']!r}"
            assert set(found) == set(planned), what
            fixed = {rule: text for rule, text in planned.items() if text}
            assert {rule: found[rule] for rule in fixed} == fixed, what


@pytest.mark.parametrize("case", ALL_CASES, ids=str)
def test_descriptions_use_characters_ec2_accepts(plans, case):
    """Security group and rule descriptions use only what EC2 accepts
    (a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*, up to 255): EC2
    refuses anything else with InvalidParameterValue, yet cfn-lint checks
    only GroupDescription and moto nothing."""
    template = Template.parse(plans.template(case, "cfn-json", True))

    refused = [
        f"{logical_id}: {text!r}"
        for logical_id, text in descriptions(template)
        if text is None or not EC2_DESCRIPTION.match(text)
    ]
    assert not refused, "EC2 refuses:\n  " + "\n  ".join(refused)


def descriptions(template: Template):
    """(logical id, text) of every security group and rule description;
    the text is None where it is not plain text."""
    for logical_id in template.of_type("AWS::EC2::SecurityGroup"):
        props = template.properties(logical_id)
        yield logical_id, literal(props.get("GroupDescription", ""))
        for key in ("SecurityGroupIngress", "SecurityGroupEgress"):
            for rule in props.get(key, []):
                if "Description" in rule:
                    yield logical_id, literal(rule["Description"])
    for rule_type in ("AWS::EC2::SecurityGroupIngress",
                      "AWS::EC2::SecurityGroupEgress"):
        for logical_id, rule in template.of_type(rule_type).items():
            if "Description" in rule["Properties"]:
                yield logical_id, literal(rule["Properties"]["Description"])
