"""The web app (FastAPI + server-rendered Jinja2 pages): read an audited document, follow entities and
sources across the dossier, leave notes and review what the machine extracted."""

from claimscope.web.app import WebSettings, create_app

__all__ = ["WebSettings", "create_app"]
