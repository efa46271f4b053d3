"""Generated plans: the presets edited in ways a user might, and some no
user would, to test the exporter beyond the four presets.

Each variant edits a copy of a preset's plan file (docs/plan-format.md)
with a random number generator seeded from the variant's and the preset's
names, so every run makes the same plans and adding a variant changes no
other.
"""

import copy
import ipaddress
import random

from cli import PRESETS

SEED = "mwaa-plan cloudformation variants 1"

HOSTILE_NAMES = (
    "it's \"quoted\"",
    "'single' and \"double\"",
    "key: value",
    "trailing colon:",
    "# not a comment",
    "hash # inside",
    "café crème",
    "日本語のサブネット",
    "🚀 launch pad",
    "Ünïcödé – dash — and “quotes”",
    "<script>alert('x')</script>",
    "<b>bold</b> &amp; <i>markup</i>",
    "line one\nline two",
    "tab\there",
    "back\\slash \\n not a newline",
    "  padded  ",
    "- looks like a list item",
    "[looks, like, a, list]",
    "{looks: like, a: map}",
    "!Ref NotAReference",
    "*alias",
    "&anchor value",
    "? question",
    "| pipe > fold",
    "%TAG directive",
    "@at `backtick`",
    "${AWS::Region} ${NotAParameter}",
    "---",
    "true",
    "null",
    "~",
    "yes",
    "off",
    "0x1F",
    "1e3",
    "007",
    "1:30",
    "2001-01-01",
    "long " * 50,
)
"""Names that break YAML or JSON printed carelessly: quotes, colons, `#`,
non-ASCII, markup, newlines, YAML's indicators and the plain scalars YAML
would read as booleans, nulls, numbers or dates, and a `${...}` that is
no reference (a plain string keeps it, but cfn-lint reports it as E1029).
A template must carry each one through to the `Name` tag unchanged.
"""

HOSTILE_DESCRIPTIONS = (
    "#1: {not} [yaml] !Ref *alias",
    "a: b, c: d - e = f + g",
    "$HOME; ${x} (y) @z / 10.0.0.0/8",
    "!!str {{template}} [[list]]",
)
"""Security group and rule descriptions that break YAML printed
carelessly, made only of the characters EC2 accepts in them
(a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=;{}!$*)."""

REGIONS_WITH_THREE_ZONES = ("eu-west-1", "eu-central-1", "ap-southeast-2")


def plan_file(preset_file: dict, variant: str, preset: str) -> dict:
    """A copy of a preset's plan file, edited by a variant."""
    edited = copy.deepcopy(preset_file)
    rng = random.Random(f"{SEED}/{variant}/{preset}")
    for edit in VARIANTS[variant]:
        edit(edited["plan"], rng)
    return edited


def rename_network(plan: dict, rng: random.Random) -> None:
    """Gives the plan and every part of its network a hostile name,
    distinct within its kind, and every security group and rule a hostile
    description. The environment keeps its name (see rename_environment).
    """
    plan["name"] = rng.choice(HOSTILE_NAMES)
    for part in (plan["vpc"], plan.get("internet_gateway")):
        if part is not None:
            part["name"] = rng.choice(HOSTILE_NAMES)
    for kind in ("subnets", "route_tables", "nat_gateways",
                 "security_groups", "network_acls", "endpoints"):
        parts = plan.get(kind, [])
        for part, name in zip(parts, rng.sample(HOSTILE_NAMES, len(parts))):
            part["name"] = name
    for group in plan["security_groups"]:
        group["description"] = rng.choice(HOSTILE_DESCRIPTIONS)
        for rule in group["ingress"] + group["egress"]:
            rule["description"] = rng.choice(HOSTILE_DESCRIPTIONS)


def rename_environment(plan: dict, rng: random.Random) -> None:
    """Gives the environment a hostile name. MWAA accepts only names of
    letters, digits, `-` and `_` that start with a letter, up to 80
    characters, so the exporter must make one from it (or refuse the
    plan)."""
    plan["environment"]["name"] = rng.choice(HOSTILE_NAMES)


def widen_subnets(plan: dict, rng: random.Random) -> None:
    """Moves every subnet to a /20 of its VPC, picked at random among the
    free ones."""
    for subnet in plan["subnets"]:
        subnet["cidr"] = None
    for subnet in plan["subnets"]:
        subnet["cidr"] = free_block(plan, 20, rng)


def add_zone(plan: dict, rng: random.Random) -> None:
    """Adds a zone the plan does not use yet: a copy of each subnet of its
    first zone, on the same route table and network ACL, added to the
    interface endpoints that use the original."""
    zones = sorted({subnet["availability_zone"] for subnet in plan["subnets"]})
    letter = next(c for c in "abcdef" if plan["region"] + c not in zones)
    for subnet in [s for s in plan["subnets"]
                   if s["availability_zone"] == zones[0]]:
        copied = dict(subnet, id=f"{subnet['id']}-{letter}",
                      name=f"{subnet['name']}-{letter}",
                      availability_zone=plan["region"] + letter)
        copied["cidr"] = free_block(plan, 24, rng)
        plan["subnets"].append(copied)
        for endpoint in plan.get("endpoints", []):
            if subnet["id"] in endpoint.get("subnets", []):
                endpoint["subnets"].append(copied["id"])


def add_secondary_cidrs(plan: dict, rng: random.Random) -> None:
    """Adds two secondary CIDR blocks to a new VPC and a subnet in each, so
    the template must create the blocks before those subnets."""
    if plan["vpc"]["provenance"] != "new":
        return
    blocks = rng.sample(["10.193.0.0/16", "10.250.0.0/20", "100.64.0.0/16"], 2)
    template = plan["subnets"][-1]
    for number, block in enumerate(blocks, start=1):
        plan["vpc"]["cidr_blocks"].append(block)
        cidr = next(ipaddress.ip_network(block).subnets(new_prefix=24))
        plan["subnets"].append(dict(
            template, id=f"subnet-secondary-{number}",
            name=f"secondary-{number}", cidr=str(cidr)))


def custom_endpoint_policies(plan: dict, rng: random.Random) -> None:
    """Gives endpoints custom policies, adding an S3 gateway endpoint on the
    environment's route tables when the plan has none."""
    endpoints = plan.setdefault("endpoints", [])
    if not any(e["service"] == "s3" for e in endpoints):
        endpoints.append(s3_gateway_endpoint(plan))
    for endpoint in endpoints:
        if endpoint["service"] == "s3" or rng.random() < 0.5:
            endpoint["policy"] = {"custom": endpoint_policy(endpoint, rng)}


def s3_gateway_endpoint(plan: dict) -> dict:
    """An S3 gateway endpoint on the route tables of the environment's
    subnets."""
    subnets = {subnet["id"]: subnet for subnet in plan["subnets"]}
    tables = [subnets[s].get("route_table")
              for s in plan["environment"]["subnets"]]
    return {
        "id": "vpce-s3-added", "name": "added-s3", "service": "s3",
        "kind": "gateway", "private_dns": False,
        "route_tables": sorted({t for t in tables if t is not None}),
    }


def endpoint_policy(endpoint: dict, rng: random.Random) -> dict:
    """A policy document for an endpoint: conditions with IAM policy
    variables, lists, booleans as strings, wildcards and ARNs with
    colons."""
    account = str(rng.randrange(10**11, 10**12))
    prefix = IAM_PREFIXES.get(endpoint["service"], endpoint["service"])
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "OnlyOurAccount",
                "Effect": "Allow",
                "Principal": "*",
                "Action": [f"{prefix}:*"],
                "Resource": "*",
                "Condition": {
                    "StringEquals": {
                        "aws:PrincipalAccount": [account],
                        "aws:ResourceAccount": "${aws:PrincipalAccount}",
                    },
                },
            },
            {
                "Sid": "NoPlainHttp",
                "Effect": "Deny",
                "Principal": {"AWS": "*"},
                "NotAction": [f"{prefix}:List*", f"{prefix}:Describe*"],
                "Resource": [f"arn:aws:s3:::dags-{account}/*", "*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            },
        ],
    }


IAM_PREFIXES = {
    "monitoring": "cloudwatch",
    "ecr.api": "ecr",
    "ecr.dkr": "ecr",
    "airflow.api": "airflow",
    "airflow.env": "airflow",
    "airflow.ops": "airflow",
}
"""The IAM action prefix of each endpoint service whose name is not it."""


def add_security_group_rules(plan: dict, rng: random.Random) -> None:
    """Adds a second security group whose rules and the environment's refer
    to each other (so the template cannot write them inline), rules with
    ports, ICMP and IPv6 blocks, and replaces the environment's all-open
    egress with narrower rules, prefix lists among them. (Prefix lists go
    outbound only: moto fails on an inbound rule from one.)"""
    environment = plan["security_groups"][0]
    clients = {
        "id": "sg-clients", "name": "airflow-clients",
        "description": "Clients of the Airflow web server",
        "ingress": [],
        "egress": [tcp(443, {"security_group": environment["id"]})],
    }
    plan["security_groups"].append(clients)
    prefix_list = f"pl-{rng.randrange(16**8):08x}"
    environment["ingress"] += [
        tcp(443, {"security_group": clients["id"]}),
        tcp("8080-8081", {"cidr": "10.0.0.0/8"}),
        {"protocol": "udp", "ports": 53, "peer": {"cidr": "2001:db8::/32"}},
        {"protocol": "icmp", "peer": {"cidr": "192.168.0.0/16"}},
    ]
    environment["egress"] = [
        {"protocol": "all", "peer": {"security_group": environment["id"]}},
        tcp(443, {"cidr": "0.0.0.0/0"}),
        tcp(443, {"prefix_list": prefix_list}),
        {"protocol": "all", "peer": {"cidr": "::/0"}},
        {"protocol": "udp", "ports": "1024-65535",
         "peer": {"cidr": rng.choice(["10.0.0.0/8", "192.168.0.0/16"])}},
    ]


def tcp(ports, peer: dict) -> dict:
    """A TCP rule."""
    return {"protocol": "tcp", "ports": ports, "peer": peer}


def move_region(plan: dict, rng: random.Random) -> None:
    """Moves the plan to another Region, keeping each subnet's zone
    letter."""
    region = rng.choice(REGIONS_WITH_THREE_ZONES)
    for subnet in plan["subnets"]:
        letter = subnet["availability_zone"][len(plan["region"]):]
        subnet["availability_zone"] = region + letter
    plan["region"] = region


def free_block(plan: dict, prefix: int, rng: random.Random) -> str:
    """A random block of the prefix length in the VPC's CIDR blocks that
    overlaps no subnet of the plan."""
    taken = [ipaddress.ip_network(s["cidr"])
             for s in plan["subnets"] if s["cidr"] is not None]
    candidates = [
        block
        for vpc_block in plan["vpc"]["cidr_blocks"]
        for block in ipaddress.ip_network(vpc_block).subnets(new_prefix=prefix)
        if not any(block.overlaps(other) for other in taken)
    ]
    return str(rng.choice(candidates))


VARIANTS = {
    "hostile-names": (rename_network,),
    "hostile-environment-name": (rename_environment,),
    "wide-subnets": (widen_subnets,),
    "third-zone": (add_zone,),
    "secondary-cidrs": (add_secondary_cidrs,),
    "endpoint-policies": (custom_endpoint_policies,),
    "security-group-rules": (add_security_group_rules,),
    "other-region": (move_region,),
    "everything": (
        widen_subnets, add_secondary_cidrs, add_zone,
        custom_endpoint_policies, add_security_group_rules,
        rename_network, rename_environment,
    ),
}
"""Each variant and its edits, applied in order."""

CASES = tuple(
    (variant, preset)
    for variant in VARIANTS
    for preset in PRESETS
    if not (variant == "secondary-cidrs" and preset == "private-existing-vpc")
)
"""Every generated plan: a variant of a preset. An existing VPC's CIDR
blocks are not the template's, so it has no secondary-CIDR variant."""
