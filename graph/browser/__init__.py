"""The Neo4j Browser's guide, style sheet and favorites, shipped as package data in this folder."""

from pathlib import Path

BROWSER_DIR = Path(__file__).resolve().parent
