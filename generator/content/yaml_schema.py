"""The YAML loader content is read with: PyYAML's safe schema, but only plain decimals are integers.

YAML 1.1 also reads `0577…` as an octal number, `8:30` as 510 (base 60), `1_000`, `+5`,
`0x1f` and `0b101` as integers: a phone number or an office hour would silently become
another number. Here those stay the text the editor wrote (as in YAML 1.2's core schema);
a field that wants a number still parses a decimal text like "010".
"""

from __future__ import annotations

import re

import yaml

INT_TAG = "tag:yaml.org,2002:int"
PLAIN_DECIMAL = re.compile(r"^-?(?:0|[1-9][0-9]*)$")


class ContentLoader(yaml.CSafeLoader):
    """The C safe loader with integers limited to plain decimals."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != INT_TAG]
        for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
    }


ContentLoader.add_implicit_resolver(INT_TAG, PLAIN_DECIMAL, list("-0123456789"))
