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
	private closed = false;
	/** Rows fetched since start (a room's own rows are never fetched back). */
	pulled = 0;

	constructor(
		private readonly db: Db,
		private readonly log: Logger
	) {}

	request(room: Room): void {
		if (this.closed) return;
		this.wanted.add(room);
		if (!this.running && !this.retry) void this.run();
	}

	private async run(): Promise<void> {
		this.running = true;
		try {
			while (this.wanted.size > 0) {
				const rooms = [...this.wanted].filter((room) => !room.closed);
				this.wanted.clear();
				let rows;
				try {
					rows = await updatesAfter(this.db, rooms.map((room) => ({ name: room.name, seq: room.position })));
				} catch (error) {
					if (this.closed) return;
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
				this.pulled += rows.length;
				// By the room that asked (a room unloading and its successor may share a name); one
				// room's unreadable row does not keep the others behind.
				const failed = new Set<Room>();
				for (const row of rows) {
					const room = rooms[row.at]!;
					if (failed.has(room)) continue;
					try {
						room.applyStored(row.seq, row.update);
					} catch (error) {
						failed.add(room);
						this.log.error({ err: error, doc: room.name, seq: row.seq }, 'a stored update could not be applied');
					}
				}
			}
		} finally {
			this.running = false;
		}
	}

	close(): void {
		this.closed = true;
		clearTimeout(this.retry);
		this.wanted.clear();
	}
}
