#!/bin/sh
# Replaces the text between <!-- NAME:begin --> and <!-- NAME:end --> in FILE with stdin (markers kept); appends
# the markers and the text at the end of FILE when they are not there yet. Nothing else in FILE changes.
#   write-section.sh NAME FILE < section.md
set -eu
[ $# -eq 2 ] || { echo "usage: $0 NAME FILE < text" >&2; exit 2; }
NAME=$1 FILE=$2 python3 -c '
import os, sys
name, path = os.environ["NAME"], os.environ["FILE"]
begin, end = "<!-- " + name + ":begin -->", "<!-- " + name + ":end -->"
body = sys.stdin.read().rstrip("\n") + "\n"
text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
block = begin + "\n" + body + end
if begin in text and end in text and text.index(begin) < text.index(end):
    text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
tmp = path + ".tmp"
open(tmp, "w", encoding="utf-8").write(text)
os.replace(tmp, path)
'
