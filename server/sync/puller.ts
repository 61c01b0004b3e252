import type { Logger } from 'pino';
import type { Db } from '../../src/lib/server/db';
import { updatesAfter } from '../../src/lib/server/documents/update-log';
import type { Room } from './room';

const RETRY_MS = 1000;

/**
 * Fetches what other processes wrote for many rooms at once. With each document's writers on
 * different processes, every batch another process writes names hundreds of documents; a query
 * per room and notification swamped the database. Here one query runs at a time for every room
 * that asked meanwhile, and a room asking again while it runs is fetched in the next one.
 */
export class Puller {
	private readonly wanted = new Set<Room>();
	private running = false;
	private retry: NodeJS.Timeout | undefined;

	constructor(
		private readonly db: Db,
		private readonly log: Logger
	) {}

	request(room: Room): void {
		this.wanted.add(room);
		if (!this.running && !this.retry) void this.run();
	}

	private async run(): Promise<void> {
		this.running = true;
		try {
			while (this.wanted.size > 0) {
				const rooms = [...this.wanted].filter((room) => !room.closed);
				this.wanted.clear();
				try {
					const rows = await updatesAfter(this.db, rooms.map((room) => ({ name: room.name, seq: room.position })));
					const byName = new Map(rooms.map((room) => [room.name, room]));
					for (const row of rows) byName.get(row.name)?.applyStored(row.seq, row.update);
				} catch (error) {
					// Asked again after a pause (the database may be restarting); nothing is lost meanwhile.
					this.log.error({ err: error, rooms: rooms.length }, 'pulling updates failed; trying again');
					for (const room of rooms) this.wanted.add(room);
					this.retry = setTimeout(() => {
						this.retry = undefined;
						void this.run();
					}, RETRY_MS);
					this.retry.unref();
					return;
				}
			}
		} finally {
			this.running = false;
		}
	}

	close(): void {
		clearTimeout(this.retry);
		this.wanted.clear();
	}
}
