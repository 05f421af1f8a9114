"""`tosscan serve`: the web report and JSON API under uvicorn."""
from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every interface)."),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
        workers: int = typer.Option(1, "--workers", min=1,
                                    help="Worker processes; each builds its own scanner (one per CPU core helps "
                                         "under load)."),
    ) -> None:
        """Serve the web form, the reports and the JSON API (settings from TOSSCAN_* variables)."""
        import uvicorn

        typer.echo(f"tosscan: open http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port} "
                   "(press Ctrl+C to stop)", err=True)
        # The access log records method, path and status only; request bodies (the submitted text) never.
        uvicorn.run("tosscan.web.app:create_app", factory=True, host=host, port=port, workers=workers,
                    server_header=False, log_level="info")
