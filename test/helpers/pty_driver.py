"""Runs a command in a real pseudo-terminal and answers it, step by step.

Usage: python3 pty_driver.py STEPS_JSON -- COMMAND [ARGS...]

STEPS_JSON is a list of steps; each waits until the screen text (ANSI codes removed) holds
`expect`, then sends `send` (keystrokes) or `signal` ("INT" sends SIGINT to the command).
Prints the whole transcript, then a last line `exit: N`; exits 0 unless a step timed out.
"""

import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[=>]")
STEP_SECONDS = 20


def read_some(fd, timeout):
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:
        return None


def main():
    steps = json.loads(sys.argv[1])
    command = sys.argv[sys.argv.index("--") + 1 :]
    pid, fd = pty.fork()
    if pid == 0:
        # A fresh pseudo-terminal is 0x0; prompts wrap at the width, so give it a real one.
        fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        os.execvp(command[0], command)

    transcript = b""
    seen = 0
    for step in steps:
        deadline = time.time() + STEP_SECONDS
        while True:
            text = ANSI.sub("", transcript.decode("utf-8", "replace"))
            found = text.find(step["expect"], seen)
            if found >= 0:
                seen = found + len(step["expect"])
                break
            if time.time() > deadline:
                os.kill(pid, signal.SIGKILL)
                print(text)
                print("timed out waiting for: " + step["expect"])
                sys.exit(3)
            chunk = read_some(fd, 0.1)
            if chunk is None:
                break
            transcript += chunk
        time.sleep(0.15)
        if "send" in step:
            os.write(fd, step["send"].encode())
        if step.get("signal") == "INT":
            os.kill(pid, signal.SIGINT)

    while True:
        chunk = read_some(fd, STEP_SECONDS)
        if not chunk:
            break
        transcript += chunk
    _, status = os.waitpid(pid, 0)
    print(ANSI.sub("", transcript.decode("utf-8", "replace")))
    print("exit: %d" % os.waitstatus_to_exitcode(status))


main()
