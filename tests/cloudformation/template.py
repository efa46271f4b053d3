"""A CloudFormation template read back as data, to find its parts by the
`Name` tags the plan gave them."""

import json
import re

from cfnlint.decode.decode import decode_str

SUB_REFERENCE = re.compile(r"\$\{([A-Za-z0-9]+)[.}]")
"""A resource or parameter named inside an `Fn::Sub` string."""


class Template:
    """A parsed template: its parameters and resources, with the short-form
    intrinsic functions of YAML in their long form (`!Ref x` is
    `{"Ref": "x"}`)."""

    def __init__(self, body: dict):
        self.body = body
        self.parameters: dict = body.get("Parameters", {})
        self.resources: dict = body.get("Resources", {})

    @classmethod
    def parse(cls, text: str) -> "Template":
        """Reads a YAML or JSON template. Raises ValueError when it does not
        parse."""
        body, errors = decode_str(text)
        if errors or body is None:
            shown = "; ".join(str(error.message) for error in errors)
            raise ValueError(f"the template does not parse: {shown}")
        return cls(_plain(body))

    def of_type(self, resource_type: str) -> dict:
        """The resources of a type, by logical id."""
        return {
            logical_id: resource
            for logical_id, resource in self.resources.items()
            if resource.get("Type") == resource_type
        }

    def named(self, resource_type: str) -> dict:
        """The logical ids of the resources of a type, by `Name` tag.

        Raises ValueError when two resources share a name, since a plan
        part could then not be told from another.
        """
        by_name = {}
        for logical_id, resource in self.of_type(resource_type).items():
            name = name_tag(resource)
            if name is None:
                continue
            if name in by_name:
                raise ValueError(
                    f"{by_name[name]} and {logical_id} are both named {name!r}"
                )
            by_name[name] = logical_id
        return by_name

    def properties(self, logical_id: str) -> dict:
        """The properties of a resource."""
        return self.resources[logical_id].get("Properties", {})

    def depends_on(self, logical_id: str) -> set[str]:
        """Every resource CloudFormation creates before this one: those it
        names in DependsOn or refers to (Ref, GetAtt, Sub), and theirs in
        turn."""
        found: set[str] = set()
        waiting = [logical_id]
        while waiting:
            for other in self._direct_dependencies(waiting.pop()):
                if other not in found:
                    found.add(other)
                    waiting.append(other)
        return found

    def _direct_dependencies(self, logical_id: str) -> set[str]:
        """The resources one resource names directly."""
        resource = self.resources[logical_id]
        depends_on = resource.get("DependsOn", [])
        if isinstance(depends_on, str):
            depends_on = [depends_on]
        named = set(depends_on) | referenced(resource.get("Properties", {}))
        return named & set(self.resources)


def name_tag(resource: dict) -> str | None:
    """The value of a resource's `Name` tag, if it has one."""
    for tag in resource.get("Properties", {}).get("Tags", []):
        if tag.get("Key") == "Name":
            return literal(tag.get("Value"))
    return None


def literal(value) -> str | None:
    """The text of a value that is text once CloudFormation reads it: a
    string, or an Fn::Join of strings (how a `${` is written outside
    Fn::Sub without cfn-lint taking it for a reference). None for anything
    else."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and list(value) == ["Fn::Join"]:
        separator, parts = value["Fn::Join"]
        texts = [literal(part) for part in parts]
        if None not in texts:
            return separator.join(texts)
    return None


def ref(value) -> str | None:
    """The logical id a `{"Ref": id}` names, or None for any other value."""
    if isinstance(value, dict) and list(value) == ["Ref"]:
        return value["Ref"]
    return None


def referenced(value) -> set[str]:
    """The logical ids a value refers to with Ref, Fn::GetAtt or Fn::Sub,
    at any depth."""
    if isinstance(value, list):
        return set().union(*(referenced(item) for item in value))
    if not isinstance(value, dict):
        return set()
    found = set()
    for key, inner in value.items():
        if key == "Ref":
            found.add(inner)
        elif key == "Fn::GetAtt":
            found.add(inner[0] if isinstance(inner, list)
                      else inner.split(".")[0])
        elif key == "Fn::Sub":
            text = inner[0] if isinstance(inner, list) else inner
            found |= set(SUB_REFERENCE.findall(text))
        found |= referenced(inner)
    return found


def _plain(body) -> dict:
    """The decoded template as plain dicts, lists and strings, without
    cfn-lint's node types and their line numbers."""
    return json.loads(json.dumps(body))
