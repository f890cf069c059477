// The goals the benchmark checks. Every ratio is ours over a reference; a
// target is met when the measured ratio is at most the target (for the package
// count, when the count is).

const TARGETS = [
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
    name: "cold-start overhead vs official",
    max: 0.6,
    get: (r) => r.coldStart?.ratios.oursOverOfficialOverhead,
  },
  {
    name: "bundle gzip vs official, CreateToken alone",
    max: 0.3,
    get: (r) => r.bundle?.ratios.createTokenGzip,
  },
  {
    name: "bundle gzip vs official, all four operations",
    max: 0.4,
    get: (r) => r.bundle?.ratios.allFourGzip,
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
      met: measured ? value <= max : null,
    };
  });
}

export { checkTargets };
