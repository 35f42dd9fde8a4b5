"""reportbook: Chinese source documents in, a citable report book on Xinzhou out.

The stages: ``sources`` ingests a document (``normalize`` decodes and repairs it, keeping an
offset map to the raw bytes) → ``extract`` reads every figure (``quantities``, ``frames``,
``phrases``, ``indicators``) → ``ledger`` writes the fact ledger, ``check`` validates it and
``review`` lists what needs a person → ``run`` executes the chapter notebooks (``chapters``,
``narrative``, ``views``, ``charts``, ``targets``, ``wording``) → ``build`` publishes the book
(``appendix``, ``pages``, ``cite``, ``pdf``, ``guard``). The README's "How it is built" gives
every module's one idea and the direction of the dependencies.
"""

__version__ = "0.1.0"
