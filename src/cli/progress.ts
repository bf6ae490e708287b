import cliProgress from 'cli-progress';

/** A terminal progress bar for long commands; quiet (no bar) when output is not a terminal. */
export function progressBar(label: string): { update(done: number, total: number): void; stop(): void } {
  if (!process.stderr.isTTY) {
    let lastPct = -1;
    return {
      update(done, total) {
        const pct = total > 0 ? Math.floor((done / total) * 10) * 10 : 100;
        if (pct !== lastPct) { lastPct = pct; process.stderr.write(`${label}: ${pct}%\n`); }
      },
      stop() { /* nothing to clean up */ },
    };
  }
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (!started) { bar.start(total, done); started = true; }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() { if (started) bar.stop(); },
  };
}
