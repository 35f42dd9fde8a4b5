"""reportbook: Chinese source documents in, a citable report book on Xinzhou out.

Stages, one module each: sources (registry, ingest) → repair (normalization) → quantities
(grammar) → extract (figures) → indicators (registry) → ledger (validation) → charts /
narrative (chapters) → run (papermill) → build (Jupyter Book) → cite.
"""

__version__ = "0.1.0"
