// Production install footprint: what `npm install <package>` puts on a user's
// disk (no dev dependencies), for our packed tarball and for the official
// client at the version our lockfile pins. Done once per run.
import { execFile } from "node:child_process";
import { lstat, mkdir, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = promisify(execFile);

async function npmRun(args, cwd) {
  // A bounded wait: an install that hangs on the network fails the step, not the run.
  return run(npm, args, { cwd, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
}

async function officialVersion() {
  const lock = JSON.parse(await readFile(join(repoRoot, "package-lock.json"), "utf8"));
  return lock.packages["node_modules/@aws-sdk/client-sso-oidc"].version;
}

/**
 * Walks node_modules: every directory holding a package.json at a package
 * position (`x`, `@scope/x`, and the same inside nested node_modules) is one
 * installed package; a copy nested under another package counts at its own path.
 * `bytes` is every file under node_modules; `bytesByPackage` splits it per package
 * (a package's own files, without its nested node_modules).
 */
async function footprint(nodeModules) {
  const bytesByPackage = {};
  async function walkPackages(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || !entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (entry.name.startsWith("@")) await walkPackages(path);
      else if (await exists(join(path, "package.json"))) {
        const name = relative(nodeModules, path).split(sep).join("/");
        bytesByPackage[name] = await sumBytes(path, { skip: "node_modules" });
        if (await exists(join(path, "node_modules")))
          await walkPackages(join(path, "node_modules"));
      }
    }
  }
  await walkPackages(nodeModules);
  const sorted = Object.entries(bytesByPackage).sort((a, b) => b[1] - a[1]);
  return {
    packages: sorted.length,
    bytes: await sumBytes(nodeModules),
    bytesByPackage: Object.fromEntries(sorted),
  };
}

async function sumBytes(dir, { skip } = {}) {
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) bytes += entry.name === skip ? 0 : await sumBytes(path);
    else bytes += (await lstat(path)).size;
  }
  return bytes;
}

async function exists(path) {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

async function installInFreshFolder(spec, workDir, name) {
  const dir = join(workDir, name);
  await mkdir(dir);
  await npmRun(["init", "-y"], dir);
  await npmRun(["install", "--omit=dev", "--no-audit", "--no-fund", spec], dir);
  return footprint(join(dir, "node_modules"));
}

async function measureInstall({ log }) {
  const workDir = await mkdtemp(join(tmpdir(), "sso-oidc-bench-install-"));
  try {
    // The build has run already (`npm run bench` builds first): skip `prepare`,
    // whose output would mix with the JSON.
    const { stdout } = await npmRun(
      ["pack", "--json", "--ignore-scripts", "--pack-destination", workDir],
      repoRoot,
    );
    const tarball = join(workDir, JSON.parse(stdout)[0].filename);
    const version = await officialVersion();
    const ours = await installInFreshFolder(tarball, workDir, "ours");
    const official = await installInFreshFolder(
      `@aws-sdk/client-sso-oidc@${version}`,
      workDir,
      "official",
    );
    log(
      `install: ours ${ours.packages} packages ${ours.bytes} B, official ${official.packages} packages ${official.bytes} B`,
    );
    return {
      officialVersion: version,
      ours,
      official,
      ratios: { bytes: ours.bytes / official.bytes, packages: ours.packages / official.packages },
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

export { measureInstall };
