// The goals the benchmark checks. Every ratio is ours over a reference; a
// target is met when the measured ratio is at most the target (for the package
// count, when the count is). Reported rows carry a figure with no target: the
// one-file bundle sizes, whose targets the initial load of a split build
// replaced, because a split build is how an app ships the client to a browser.

const TARGETS = [
  {
    name: "`sso-oidc token`, cached token, wall vs `node -e 1`",
    max: 1.25,
    get: (r) => r.cliToken?.ratios.tokenOverNode,
  },
  {
    name: "cold-start overhead vs official",
    max: 0.45,
    get: (r) => r.coldStart?.ratios.oursOverOfficialOverhead,
  },
  {
    name: "CPU of the first 10 requests vs official",
    max: 0.5,
    get: (r) => r.firstRequests?.ratios.oursOverOfficialCpu,
  },
  {
    name: "browser gzip, split, initial load vs official, CreateToken",
    max: 0.4,
    get: (r) => r.bundle?.ratios.createTokenSplitInitialGzip,
  },
  {
    name: "browser gzip, split, initial load vs official, all four",
    max: 0.45,
    get: (r) => r.bundle?.ratios.allFourSplitInitialGzip,
  },
  {
    name: "CPU/request vs bare NodeHttpHandler, sequential",
    max: 1.3,
    get: (r) => r.cpu?.ratios.oursOverBareSeqCpu,
  },
  {
    name: "CPU/request vs bare NodeHttpHandler, 32 in flight",
    max: 1.3,
    get: (r) => r.cpu?.ratios.oursOverBareConcCpu,
  },
  {
    name: "peak RSS vs official, 32 in flight",
    max: 0.75,
    get: (r) => r.cpu?.ratios.oursOverOfficialRss,
  },
  {
    name: "installed packages (count)",
    max: 10,
    get: (r) => r.install?.ours.packages,
    count: true,
  },
  { name: "installed bytes vs official", max: 0.6, get: (r) => r.install?.ratios.bytes },
  {
    name: "browser gzip, one file vs official, CreateToken",
    max: null,
    get: (r) => r.bundle?.ratios.createTokenGzip,
  },
  {
    name: "browser gzip, one file vs official, all four",
    max: null,
    get: (r) => r.bundle?.ratios.allFourGzip,
  },
];

function checkTargets(results) {
  return TARGETS.map(({ name, max, get, count }) => {
    const value = get(results);
    const measured = Number.isFinite(value);
    return {
      name,
      value: measured ? value : null,
      target: max,
      count: !!count,
      met: measured && max !== null ? value <= max : null,
    };
  });
}

export { checkTargets };
