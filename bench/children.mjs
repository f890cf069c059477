// Every child process the harness starts goes through here, so all of them are
// killed at the end, even when the run fails half-way.
import { spawn } from "node:child_process";

const live = new Set();

/**
 * Starts `node <args>`; stderr is kept and shown only if the child fails. With
 * `inheritEnv: false` the child sees `env` alone, so nothing of the developer's
 * own setup (an AWS_PROFILE, a NODE_OPTIONS) changes what it does.
 */
function startNode(args, { env, inheritEnv = true } = {}) {
  const child = spawn(process.execPath, args, {
    stdio: ["pipe", "pipe", "pipe"],
    env: inheritEnv ? { ...process.env, ...env } : env,
  });
  live.add(child);
  child.stderrText = "";
  child.stderr.setEncoding("utf8").on("data", (text) => (child.stderrText += text));
  child.on("exit", () => live.delete(child));
  return child;
}

/** Resolves with the child's first stdout line (trimmed), or rejects on exit or timeout. */
function firstLine(child, { timeoutMs, label }) {
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => fail(`no output within ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk) => {
      text += chunk;
      const end = text.indexOf("\n");
      if (end === -1) return;
      cleanup();
      resolve(text.slice(0, end).trim());
    };
    // "close", not "exit": by then stderr has been read to the end for the message.
    const onClose = (code, signal) => fail(`exited (${signal ?? code}) before printing a line`);
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.off("close", onClose);
    }
    function fail(reason) {
      cleanup();
      reject(new Error(`${label}: ${reason}\n${child.stderrText.trim()}`));
    }
    child.stdout.setEncoding("utf8").on("data", onData);
    child.on("close", onClose);
  });
}

/** Waits for a child to exit, killing it once `timeoutMs` has passed. */
function exited(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Resolves with the child's exit code and its whole stdout and stderr once it has
 * exited and closed them; kills it and rejects after `timeoutMs`.
 */
function ranToEnd(child, { timeoutMs, label }) {
  return new Promise((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${label}: still running after ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (text) => (stdout += text));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, stdout, stderr: child.stderrText });
    });
  });
}

function killAll() {
  for (const child of live) child.kill("SIGKILL");
}

export { startNode, firstLine, exited, ranToEnd, killAll };
