/** Keeps the event loop busy for `ms`, as a CPU-bound request would (what the overload guard's sampler must notice). */
export function blockEventLoop(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) { /* spin on purpose */ }
}
