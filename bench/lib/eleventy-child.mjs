/**
 * One Eleventy build in a fresh process (no JIT or module cache carried over from the bench),
 * through Eleventy's programmatic API. Usage:
 *   node eleventy-child.mjs <eleventy entry file> <input dir> <output dir> <includes dir, relative to input> <liquid options JSON>
 * Prints one JSON line: { ms, cpuMs, files } — ms (wall clock) and cpuMs (user + system CPU of
 * the process) from constructing Eleventy to write() resolving (config, data files, templates,
 * render, write), Eleventy's module loading excluded.
 */
import { pathToFileURL } from 'node:url';

const [entry, input, output, includes, optionsJson] = process.argv.slice(2);
if (!entry || !input || !output || !includes || !optionsJson) throw new Error('usage: eleventy-child.mjs <entry> <input> <output> <includes> <liquid options JSON>');
const { Eleventy } = await import(pathToFileURL(entry).href);
const liquidOptions = JSON.parse(optionsJson);

const started = performance.now();
const cpu = process.cpuUsage();
const eleventy = new Eleventy(input, output, {
  // Run in the project folder, which holds no config file: everything the build needs is set here.
  quietMode: true,
  config(cfg) {
    cfg.setLiquidOptions(liquidOptions);
    cfg.setIncludesDirectory(includes);
    cfg.setDataDirectory('_data');
  },
});
const results = await eleventy.write();
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
const files = Array.isArray(results) ? results.flat(Infinity).filter((r) => r && typeof r === 'object' && 'outputPath' in r).length : null;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, files })}\n`);
