"""Estimates of North Korean human trafficking as the news prints them: find, annotate, tabulate."""

import sys

# jsonschema (used by frictionless and nbformat) checks the 'iri' string format with
# rfc3987_syntax when it is installed, and importing that compiles some forty grammars: seconds in
# every kernel and process. No schema the project validates uses that format, so jsonschema is
# told the module is absent (an import of it raises ImportError) unless something imported it.
sys.modules.setdefault("rfc3987_syntax", None)
