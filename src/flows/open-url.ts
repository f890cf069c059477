import { spawn } from "node:child_process";

/**
 * The platform's "open this URL" command. Resolves once the opener started, rejects when it
 * cannot start (no `xdg-open` on a server, say), so the caller can tell the user to open the URL
 * by hand. The opener is detached: it may outlive this process and its exit code is not awaited,
 * because some openers only return when the browser closes.
 */
function openUrl(url: string): Promise<void> {
  const [command, args, windowsVerbatimArguments] =
    process.platform === "darwin"
      ? ["open", [url], false]
      : process.platform === "win32"
        ? // `start` is a cmd builtin; cmd treats & | < > ^ % specially, so they are ^-escaped.
          ["cmd.exe", ["/d", "/c", "start", '""', url.replace(/[&|<>^%]/g, "^$&")], true]
        : ["xdg-open", [url], false];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      detached: true,
      stdio: "ignore",
      windowsVerbatimArguments,
      windowsHide: true,
    });
    child.once("error", reject);
    child.once("spawn", () => {
      child.unref();
      resolve();
    });
  });
}

export { openUrl };
