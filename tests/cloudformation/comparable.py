"""Routes and security group rules in one form for the plan, for what EC2
describes and for what a template declares, so they compare as sets.

A plan names its parts by plan id; `aws_id` turns such an id into the id
of the deployed resource.
"""

import re
from typing import Callable, NamedTuple

from template import Template, literal

AwsId = Callable[[str], str]

EC2_DESCRIPTION = re.compile(r"^[a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*]{0,255}$")
"""The characters and length EC2 accepts in a security group's or a
rule's description."""

PROTOCOL_NAMES = {"-1": "all", "6": "tcp", "17": "udp", "1": "icmp"}


class Route(NamedTuple):
    """A route: `destination` a CIDR block, or `endpoint` for the route
    a gateway endpoint adds to its own prefix list; `target` the id of the
    gateway, NAT gateway or endpoint."""

    destination: str
    target: str


class Rule(NamedTuple):
    """A security group rule. Ports are None for all traffic; the peer is
    `(kind, value)` with kind `cidr`, `security_group` (its id) or
    `prefix_list`."""

    protocol: str
    from_port: int | None
    to_port: int | None
    peer: tuple[str, str]


def planned_routes(plan: dict, table_id: str, aws_id: AwsId) -> set[Route]:
    """The routes a plan gives a route table, besides the local route:
    its own routes to the internet gateway, NAT gateways and gateway
    endpoints, and the route each gateway endpoint on the table adds.

    Routes to targets the plan does not model (`other`) are left out: the
    template cannot create them.
    """
    table = next(t for t in plan["route_tables"] if t["id"] == table_id)
    routes = set()
    for route in table["routes"]:
        target = route["target"]
        if "gateway_endpoint" in target:
            routes.add(Route("endpoint", aws_id(target["gateway_endpoint"])))
        elif "internet_gateway" in target or "nat_gateway" in target:
            (target_id,) = target.values()
            (destination,) = route["destination"].values()
            routes.add(Route(destination, aws_id(target_id)))
    for endpoint in plan.get("endpoints", []):
        if table_id in endpoint.get("route_tables", []):
            routes.add(Route("endpoint", aws_id(endpoint["id"])))
    return routes


def deployed_routes(table: dict) -> set[Route]:
    """The routes of a route table as EC2 describes it, but the local
    route."""
    routes = set()
    for route in table["Routes"]:
        target = route.get("GatewayId") or route.get("NatGatewayId")
        if target == "local":
            continue
        if route.get("DestinationPrefixListId") and target.startswith("vpce-"):
            routes.add(Route("endpoint", target))
        else:
            destination = (
                route.get("DestinationCidrBlock")
                or route.get("DestinationIpv6CidrBlock")
                or route.get("DestinationPrefixListId")
            )
            routes.add(Route(destination, target))
    return routes


def planned_rules(
    rules: list[dict], aws_id: AwsId
) -> dict[Rule, str | None]:
    """A plan's security group rules (ingress or egress), each with the
    description it must arrive with: None when the plan gives none or one
    EC2 would refuse, which the exporter has to change."""
    return {
        Rule(
            rule["protocol"],
            *port_range(rule["protocol"], rule.get("ports")),
            planned_peer(rule["peer"], aws_id),
        ): expected_description(rule.get("description"))
        for rule in rules
    }


def port_range(protocol: str, ports) -> tuple[int | None, int | None]:
    """The from and to ports of a rule: none for all traffic, every port
    when the plan gives none (-1 to -1 for ICMP: every type and code)."""
    if protocol == "all":
        return None, None
    if ports is None:
        return (-1, -1) if protocol == "icmp" else (0, 65535)
    low, _, high = str(ports).partition("-")
    return int(low), int(high or low)


def planned_peer(peer: dict, aws_id: AwsId) -> tuple[str, str]:
    """A plan rule's peer, with a security group as its deployed id."""
    ((kind, value),) = peer.items()
    if kind == "security_group":
        return kind, aws_id(value)
    return kind, value


def expected_description(description: str | None) -> str | None:
    """The description EC2 keeps, or None when there is none or EC2 would
    refuse it."""
    if description is None or not EC2_DESCRIPTION.match(description):
        return None
    return description


def deployed_rules(permissions: list[dict]) -> dict[Rule, str | None]:
    """The rules of a security group as EC2 describes them (its
    IpPermissions or IpPermissionsEgress), one per peer, with their
    descriptions."""
    rules = {}
    for permission in permissions:
        protocol = PROTOCOL_NAMES.get(
            str(permission["IpProtocol"]), permission["IpProtocol"]
        )
        ports = (None, None)
        if protocol != "all":
            ports = (permission.get("FromPort"), permission.get("ToPort"))
        for peer, description in deployed_peers(permission):
            rules[Rule(protocol, *ports, peer)] = description
    return rules


def deployed_peers(permission: dict):
    """The peers of one IpPermission, with their descriptions."""
    for ip_range in permission.get("IpRanges", []):
        yield ("cidr", ip_range["CidrIp"]), ip_range.get("Description")
    for ip_range in permission.get("Ipv6Ranges", []):
        yield ("cidr", ip_range["CidrIpv6"]), ip_range.get("Description")
    for pair in permission.get("UserIdGroupPairs", []):
        yield ("security_group", pair["GroupId"]), pair.get("Description")
    for prefix_list in permission.get("PrefixListIds", []):
        peer = ("prefix_list", prefix_list["PrefixListId"])
        yield peer, prefix_list.get("Description")


RULE_KEYS = {
    "ingress": ("SecurityGroupIngress", "AWS::EC2::SecurityGroupIngress",
                "SourceSecurityGroupId", "SourcePrefixListId"),
    "egress": ("SecurityGroupEgress", "AWS::EC2::SecurityGroupEgress",
               "DestinationSecurityGroupId", "DestinationPrefixListId"),
}
"""Per direction: the inline property of a security group, the resource
type of a separate rule, and the properties naming a peer group or prefix
list."""

DEFAULT_EGRESS = Rule("all", None, None, ("cidr", "0.0.0.0/0"))
"""The outbound rule EC2 gives every new security group. CloudFormation
removes it only when the group lists outbound rules of its own
(SecurityGroupEgress); separate egress resources leave it in place."""

NOTHING_OUTBOUND = Rule("all", None, None, ("cidr", "127.0.0.1/32"))
"""The inline outbound rule that stands for none: CloudFormation has no
other way to remove the default rule from a group whose outbound rules are
all separate resources, and traffic to the loopback block never leaves an
instance."""


def template_rules(
    template: Template, group: str, direction: str
) -> dict[Rule, str | None]:
    """The rules a template gives a security group (its logical id) in one
    direction, as CloudFormation would create them: its inline rules, the
    separate rule resources naming it, and the default outbound rule where
    it lists none. A peer group is given by its logical id."""
    inline_key, resource_type, group_key, prefix_key = RULE_KEYS[direction]
    properties = template.properties(group)
    rules = list(properties.get(inline_key, []))
    rules += [
        separate["Properties"]
        for separate in template.of_type(resource_type).values()
        if group_of(separate["Properties"].get("GroupId")) == group
    ]
    found = {
        template_rule(rule, group_key, prefix_key):
            literal(rule.get("Description"))
        for rule in rules
    }
    found.pop(NOTHING_OUTBOUND, None)
    if direction == "egress" and inline_key not in properties:
        found.setdefault(DEFAULT_EGRESS, None)
    return found


def template_rule(rule: dict, group_key: str, prefix_key: str) -> Rule:
    """One rule of a template in comparable form."""
    protocol = PROTOCOL_NAMES.get(str(rule["IpProtocol"]), rule["IpProtocol"])
    ports = (None, None)
    if protocol != "all":
        ports = (int(rule["FromPort"]), int(rule["ToPort"]))
    if group_key in rule:
        peer = ("security_group", group_of(rule[group_key]))
    elif prefix_key in rule:
        peer = ("prefix_list", rule[prefix_key])
    else:
        peer = ("cidr", rule.get("CidrIp") or rule.get("CidrIpv6"))
    return Rule(protocol, *ports, peer)


def group_of(value) -> str | None:
    """The logical id of a security group that a value names: `!Ref G` or
    `!GetAtt G.GroupId`."""
    if isinstance(value, dict) and "Ref" in value:
        return value["Ref"]
    if isinstance(value, dict) and "Fn::GetAtt" in value:
        attribute = value["Fn::GetAtt"]
        if isinstance(attribute, str):
            attribute = attribute.split(".")
        return attribute[0]
    return None
