// CPU and memory of another process, read from /proc once a second.
import fs from 'node:fs';

const TICKS = 100; // USER_HZ on Linux

function read(pid) {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	const cpu = (Number(stat[11]) + Number(stat[12])) / TICKS;
	const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
	return { cpu, rss };
}

export function sampleProcess(pid) {
	const start = { ...read(pid), at: performance.now() };
	let peakRss = start.rss;
	let last = start;
	const timer = setInterval(() => {
		try {
			last = { ...read(pid), at: performance.now() };
			peakRss = Math.max(peakRss, last.rss);
		} catch {
			clearInterval(timer);
		}
	}, 1000);
	return {
		stop() {
			clearInterval(timer);
			try {
				last = { ...read(pid), at: performance.now() };
				peakRss = Math.max(peakRss, last.rss);
			} catch {
				// the process is gone; keep the last sample
			}
			const seconds = (last.at - start.at) / 1000;
			return { cpuPercent: seconds > 0 ? ((last.cpu - start.cpu) / seconds) * 100 : 0, peakRssMb: peakRss / 1024 / 1024 };
		}
	};
}
