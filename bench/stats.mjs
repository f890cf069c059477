// Small statistics helpers shared by the measurements and the report.

function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The median over rounds of a per-round ratio. Pairing the two subjects within a
 * round cancels the machine's drift between rounds, which on a shared machine is
 * larger than the differences measured.
 */
function pairedRatio(rounds, numerator, denominator) {
  return median(rounds.map((round) => numerator(round) / denominator(round)));
}

/** The subjects of round `index`, rotated so each one takes every position in turn. */
function rotated(subjects, index) {
  const shift = index % subjects.length;
  return [...subjects.slice(shift), ...subjects.slice(0, shift)];
}

export { median, pairedRatio, rotated };
