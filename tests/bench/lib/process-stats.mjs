// CPU and memory of another process, read from /proc once a second.
import fs from 'node:fs';

const TICKS = 100; // USER_HZ on Linux

function read(pid) {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	const cpu = (Number(stat[11]) + Number(stat[12])) / TICKS;
	const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
	return { cpu, rss, at: Date.now() };
}

/** CPU use between two samples, in percent of one core. */
const cpuPercent = (from, to) => (to.at > from.at ? ((to.cpu - from.cpu) / ((to.at - from.at) / 1000)) * 100 : 0);

/**
 * Samples `pid` until `stop()`, which returns CPU over the whole time, peak RSS, and CPU within a
 * window (epoch ms; the samples inside it, so a window must span a few seconds).
 */
export function sampleProcess(pid) {
	const samples = [read(pid)];
	const timer = setInterval(() => {
		try {
			samples.push(read(pid));
		} catch {
			clearInterval(timer);
		}
	}, 1000);
	return {
		stop() {
			clearInterval(timer);
			try {
				samples.push(read(pid));
			} catch {
				// the process is gone; keep the last sample
			}
			return {
				cpuPercent: cpuPercent(samples[0], samples.at(-1)),
				peakRssMb: Math.max(...samples.map((s) => s.rss)) / 2 ** 20,
				cpuBetween(from, to) {
					const window = samples.filter((s) => s.at >= from && s.at <= to);
					return window.length >= 2 ? cpuPercent(window[0], window.at(-1)) : NaN;
				}
			};
		}
	};
}
