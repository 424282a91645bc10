"""Run with Ralph's own Python: validate xAPI statements against Ralph's base model.

Reads a JSON array of statements on standard input; prints a JSON list with, per statement,
null (valid) or the validation error's text; exits 0 either way (the test decides).
"""

import json
import sys

from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement

found = []
for statement in json.load(sys.stdin):
    try:
        BaseXapiStatement(**statement)
        found.append(None)
    except ValidationError as exc:
        found.append(str(exc))
print(json.dumps(found))
