"""Prints one top-level field of a JSON document (a file, or standard input when no file is given).

Usage: python3 bench/json_field.py FIELD [FILE] [--times FACTOR]   (--times: the field times FACTOR, as an integer >= 1)
"""
import json
import sys

args = sys.argv[1:]
factor = None
if "--times" in args:
    i = args.index("--times")
    factor = float(args[i + 1])
    del args[i:i + 2]
field = args[0]
document = json.load(open(args[1])) if len(args) > 1 else json.load(sys.stdin)
value = document[field]
print(max(1, int(factor * value)) if factor is not None else value)
