/**
 * Offline copies of documents live in IndexedDB, one store per user and document, so a shared
 * office computer never hands one person's unsent edits to the next. Sign-out deletes them.
 */
const PREFIX = 'fokus';

export function offlineStoreName(userId: string, docName: string): string {
	return `${PREFIX}:${userId}:${docName}`;
}

/** Deletes every offline store of this browser (called at sign-out). */
export async function clearOfflineStores(): Promise<void> {
	if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
	const databases = await indexedDB.databases();
	await Promise.all(
		databases
			.map((db) => db.name)
			.filter((name): name is string => typeof name === 'string' && name.startsWith(`${PREFIX}:`))
			.map(
				(name) =>
					new Promise<void>((resolve) => {
						const request = indexedDB.deleteDatabase(name);
						request.onsuccess = request.onerror = request.onblocked = () => resolve();
					})
			)
	);
}

/**
 * A sign-out form's submit handler: offline copies belong to the person signing out, and a
 * shared computer must not keep them, so they go before the form is sent.
 */
export async function submitSigningOut(event: SubmitEvent): Promise<void> {
	event.preventDefault();
	const form = event.currentTarget as HTMLFormElement;
	await clearOfflineStores().catch(() => {});
	form.submit();
}
