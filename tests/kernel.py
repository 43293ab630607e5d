"""Run code in a real Jupyter kernel, as JupyterLab and nbval do, and collect its outputs."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_client.manager import KernelManager


@dataclass
class Result:
    ok: bool
    text: str = ""                                 # stdout, stderr and text/plain results, joined
    error: str = ""                                # "ename: evalue" when the code raised
    outputs: list = field(default_factory=list)


class Kernel:
    """A python3 kernel started in ``cwd`` with extra environment variables."""

    def __init__(self, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60):
        self.timeout = timeout
        self.manager = KernelManager(kernel_name="python3")
        self.manager.start_kernel(cwd=str(cwd), env={**os.environ, **(env or {})})
        self.client = self.manager.blocking_client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)

    def run(self, code: str) -> Result:
        outputs = []

        def hook(msg):
            if msg["msg_type"] in ("stream", "execute_result", "display_data", "error"):
                outputs.append(msg["content"])

        reply = self.client.execute_interactive(code, output_hook=hook, timeout=self.timeout,
                                                allow_stdin=False)
        content = reply["content"]
        parts = []
        for out in outputs:
            if "text" in out:
                parts.append(out["text"])
            elif "data" in out and "text/plain" in out["data"]:
                parts.append(out["data"]["text/plain"])
        error = ""
        if content["status"] == "error":
            error = f"{content['ename']}: {content['evalue']}"
        return Result(ok=content["status"] == "ok", text="".join(parts), error=error, outputs=outputs)

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)
