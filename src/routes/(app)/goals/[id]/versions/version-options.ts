import { m } from '$lib/i18n';
import { formatDateTime } from '$lib/shared/format';
import type { NamedVersion } from '$lib/shared/history';

/**
 * The versions of a goal as choices of a select: named ones first, then the ends of editing
 * sessions (newest first), each version once: a session a name points at is offered by its name.
 */
export function versionOptions(
	choices: { named: readonly NamedVersion[]; sessions: readonly { upToId: number; at: Date; userName: string | null }[] },
	locale: string
): { value: string; label: string }[] {
	const named = choices.named.map((v) => ({ value: String(v.upToId), label: `${m.history_version({ name: v.name })} (${formatDateTime(v.stateAt, locale)})` }));
	const seen = new Set(named.map((o) => o.value));
	const unique = named.filter((o, i) => named.findIndex((p) => p.value === o.value) === i);
	const sessions = choices.sessions
		.filter((s) => !seen.has(String(s.upToId)))
		.map((s) => ({ value: String(s.upToId), label: m.compare_session({ at: formatDateTime(s.at, locale), name: s.userName ?? m.goal_history_system() }) }));
	return [...unique, ...sessions];
}
