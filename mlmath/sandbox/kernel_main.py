"""The grading kernel's entry point, in place of `python -m ipykernel_launcher` (run inside the sandbox, where
mlmath is not importable: it needs only ipykernel).

It is ipykernel's own launcher, but the kernel starts without its debugger: ipykernel imports debugpy (and its
vendored pydevd) at start-up whenever it can, a sixth of a kernel's start-up CPU, for Jupyter's visual debugger,
which no grading uses. debugpy is hidden only while the kernel starts; the answers' code can import it as usual.
"""

import sys

if __name__ == "__main__":
    # As ipykernel_launcher: this script's folder is not the student's code's (IPython puts the working folder
    # on the path itself).
    del sys.path[0]
    sys.modules["debugpy"] = None  # `import debugpy` fails: ipykernel starts without a debugger

    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize()
    del sys.modules["debugpy"]
    app.start()
