import { accessSync, constants, statSync } from "node:fs";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { chromium, type Browser } from "playwright-core";

interface ChromiumChoice {
  executablePath: string;
  /** Where the binary came from, for the line a test run prints. */
  source: string;
}

/** Installed browsers where the platform's packages put them. */
const SYSTEM_PATHS: Readonly<Record<string, readonly string[]>> = {
  linux: [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/snap/bin/chromium",
  ],
  darwin: [
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  ],
  win32: [
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
  ],
};

/** Names a browser has on `PATH` when it is installed somewhere else. */
const PATH_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findSystemChromium(): string | undefined {
  const known = SYSTEM_PATHS[process.platform] ?? [];
  const onPath = (process.env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => PATH_NAMES.map((name) => join(dir, name)));
  return [...known, ...onPath].find(isExecutableFile);
}

/**
 * `@sparticuz/chromium` carries a compressed Chromium inside its npm package (Linux x64 and
 * arm64 only) and unpacks it into the temporary folder on first use, so a machine with only
 * Node and npm can run the browser suites with no download.
 */
async function unpackPackagedChromium(): Promise<ChromiumChoice> {
  // The package's `exports` hide its package.json; its entry sits two folders below it.
  const entry = createRequire(import.meta.url).resolve("@sparticuz/chromium");
  const manifest = join(dirname(entry), "..", "..", "package.json");
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  const { default: packaged } = await import("@sparticuz/chromium");
  return {
    executablePath: await packaged.executablePath(),
    source: `@sparticuz/chromium ${version} (from npm)`,
  };
}

let choice: Promise<ChromiumChoice> | undefined;

/**
 * The browser the tests use, in this order: `CHROMIUM_PATH`; a Chromium or Chrome installed on
 * the system; the Chromium the `@sparticuz/chromium` devDependency ships.
 */
function findChromium(): Promise<ChromiumChoice> {
  choice ??= (async () => {
    const fromEnv = process.env.CHROMIUM_PATH;
    if (fromEnv) {
      if (!isExecutableFile(fromEnv)) {
        throw new Error(
          `CHROMIUM_PATH=${fromEnv} is not an executable file: point it at a Chromium or Chrome binary, or unset it`,
        );
      }
      return { executablePath: fromEnv, source: "CHROMIUM_PATH" };
    }
    const system = findSystemChromium();
    if (system) return { executablePath: system, source: "installed on this system" };
    if (process.platform === "linux" && (process.arch === "x64" || process.arch === "arm64")) {
      return unpackPackagedChromium();
    }
    throw new Error(
      `no Chromium or Chrome found on ${process.platform}/${process.arch}: install one, or set CHROMIUM_PATH to its binary`,
    );
  })();
  return choice;
}

/** Chromium, headless, with every background fetch of its own turned off. */
async function launchChromium(): Promise<Browser> {
  const { executablePath } = await findChromium();
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export { findChromium, launchChromium };
export type { ChromiumChoice };
