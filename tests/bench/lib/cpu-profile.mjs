// The functions where a process spent its own time, from the .cpuprofile files Node writes with
// --cpu-prof: for `npm run bench:sync`'s profile of the app at 250 documents.
import fs from 'node:fs';
import path from 'node:path';

/** The `count` functions with the most self time over every profile in `dir`, with their share of the busy time. */
export function topFunctions(dir, count = 5) {
	const self = new Map();
	let total = 0;
	for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
		const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
		const byId = new Map(profile.nodes.map((node) => [node.id, node]));
		// timeDeltas[i] is the time before sample i; each sample counts for its node's own time.
		profile.samples.forEach((id, i) => {
			const node = byId.get(id);
			const { functionName, url, lineNumber } = node.callFrame;
			// Waiting is not work: the shares are of the time the process was busy.
			if (functionName === '(idle)') return;
			const where = url ? `${path.relative(process.cwd(), url.replace('file://', '')) || url}:${lineNumber + 1}` : '';
			const key = `${functionName || '(anonymous)'} ${where}`.trim();
			const ms = (profile.timeDeltas[i] ?? 0) / 1000;
			self.set(key, (self.get(key) ?? 0) + ms);
			total += ms;
		});
	}
	return [...self]
		.sort((a, b) => b[1] - a[1])
		.slice(0, count)
		.map(([name, ms]) => ({ name, ms, share: total > 0 ? ms / total : 0 }));
}
