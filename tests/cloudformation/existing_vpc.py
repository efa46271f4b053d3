"""The network an existing-VPC plan describes, made in moto with EC2 calls
before the template is deployed, and the template's parameters filled
with its ids.

It makes the VPC with its CIDR blocks and DNS settings, the route tables
and the subnets on them. Routes of the existing route tables are not made:
the preset's only route goes to a transit gateway (`other`), which the plan
does not model; the tests expect none.
"""

from template import Template

PARAMETER_KINDS = {
    "AWS::EC2::VPC::Id": "vpc",
    "AWS::EC2::Subnet::Id": "subnets",
}
"""The kind of plan part each typed parameter asks for. CloudFormation
has no type for a route table id: a String whose pattern starts `^rtb-`
asks for one."""


def create(ec2, plan: dict) -> dict:
    """Makes the existing network of a plan; returns the AWS ids by plan
    id."""
    ids = {plan["vpc"]["id"]: create_vpc(ec2, plan["vpc"])}
    vpc_id = ids[plan["vpc"]["id"]]
    for table in plan["route_tables"]:
        answer = ec2.create_route_table(
            VpcId=vpc_id, TagSpecifications=name_tags("route-table", table)
        )
        ids[table["id"]] = answer["RouteTable"]["RouteTableId"]
    for subnet in plan["subnets"]:
        ids[subnet["id"]] = create_subnet(ec2, vpc_id, subnet)
        if subnet.get("route_table"):
            ec2.associate_route_table(
                RouteTableId=ids[subnet["route_table"]],
                SubnetId=ids[subnet["id"]],
            )
    return ids


def create_vpc(ec2, vpc: dict) -> str:
    """Makes a VPC with its CIDR blocks and DNS settings; returns its id."""
    primary, *secondary = vpc["cidr_blocks"]
    vpc_id = ec2.create_vpc(
        CidrBlock=primary, TagSpecifications=name_tags("vpc", vpc)
    )["Vpc"]["VpcId"]
    for block in secondary:
        ec2.associate_vpc_cidr_block(VpcId=vpc_id, CidrBlock=block)
    ec2.modify_vpc_attribute(
        VpcId=vpc_id, EnableDnsSupport={"Value": vpc["dns_support"]}
    )
    ec2.modify_vpc_attribute(
        VpcId=vpc_id, EnableDnsHostnames={"Value": vpc["dns_hostnames"]}
    )
    return vpc_id


def create_subnet(ec2, vpc_id: str, subnet: dict) -> str:
    """Makes a subnet; returns its id."""
    answer = ec2.create_subnet(
        VpcId=vpc_id,
        CidrBlock=subnet["cidr"],
        AvailabilityZone=subnet["availability_zone"],
        TagSpecifications=name_tags("subnet", subnet),
    )
    return answer["Subnet"]["SubnetId"]


def name_tags(resource_type: str, part: dict) -> list:
    """The TagSpecifications that give a new resource the part's name."""
    return [{
        "ResourceType": resource_type,
        "Tags": [{"Key": "Name", "Value": part["name"]}],
    }]


def parameter_values(template: Template, plan: dict, ids: dict) -> list:
    """The template's parameters, each given the id of the existing part
    it asks for.

    A parameter asks for the part whose name its description quotes: the
    description is what a person deploying the template reads. Parameters
    with a default keep it.
    """
    values = []
    for key, parameter in template.parameters.items():
        if "Default" in parameter:
            continue
        part = asked_part(key, parameter, plan)
        values.append({"ParameterKey": key, "ParameterValue": ids[part["id"]]})
    return values


def asked_part(key: str, parameter: dict, plan: dict) -> dict:
    """The plan part a parameter asks for. Raises AssertionError when its
    description names none, or several equally well."""
    candidates = candidate_parts(parameter, plan)
    description = parameter.get("Description", "")
    named = [part for part in candidates if part["name"] in description]
    longest = max((len(part["name"]) for part in named), default=0)
    best = [part for part in named if len(part["name"]) == longest]
    assert len(best) == 1, (
        f"parameter {key} ({parameter.get('Type')}) must name one part of"
        f" the plan in its description; it says {description!r}"
    )
    return best[0]


def candidate_parts(parameter: dict, plan: dict) -> list:
    """The plan parts of the kind a parameter asks for: the VPC, subnets
    or route tables. Raises AssertionError for any other parameter."""
    kind = PARAMETER_KINDS.get(parameter.get("Type"))
    if parameter.get("AllowedPattern", "").startswith("^rtb-"):
        kind = "route_tables"
    assert kind is not None, (
        f"the test cannot give a parameter of type {parameter.get('Type')}"
        f" ({parameter.get('Description')!r}) without a default"
    )
    parts = plan[kind]
    return parts if isinstance(parts, list) else [parts]
