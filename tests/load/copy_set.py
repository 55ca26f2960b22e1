"""Writes two publications of the shipped decision set under another name, without its scenarios, into a folder:
NAME-v1.json (the shipped files) and NAME-v2.json (value-tier's catch-all row says SILVER instead of BRONZE).
Usage, from the repository root: python3 tests/load/copy_set.py NAME FOLDER"""
import json
import pathlib
import re
import sys

name, folder = sys.argv[1], pathlib.Path(sys.argv[2])
manifest = pathlib.Path("decisions/customer-value.yaml").read_text()
manifest = re.sub(r"(?s)\nscenarios:.*", "\n", manifest.replace("name: customer-value", "name: " + name))
files = {name + ".yaml": manifest,
         "value-tier.dmn": pathlib.Path("dmn/value-tier.dmn").read_text(),
         "risk-grade.dmn": pathlib.Path("dmn/risk-grade.dmn").read_text(),
         "retention-actions.drl": pathlib.Path("src/main/resources/rules/retention-actions.drl").read_text(),
         "customer-alerts.drl": pathlib.Path("src/main/resources/rules/customer-alerts.drl").read_text()}
(folder / (name + "-v1.json")).write_text(json.dumps({"files": files, "comment": "v1"}))
files["value-tier.dmn"] = re.sub(r'(?s)(<rule id="vt-r22".*?<outputEntry[^>]*>\s*<text>)"BRONZE"', r'\1"SILVER"',
                                 files["value-tier.dmn"])
(folder / (name + "-v2.json")).write_text(json.dumps({"files": files, "comment": "v2"}))
