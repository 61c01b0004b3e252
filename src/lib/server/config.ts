/**
 * Settings read from the environment, in one place. Plain `process.env` (not `$env`) so the
 * sync server and command-line tools can use the same module.
 */
export interface LoginLimits {
	perAccount: number;
	perAddress: number;
	windowSeconds: number;
}

function intFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}".`);
	return value;
}

export function loginLimits(): LoginLimits {
	return {
		perAccount: intFromEnv('LOGIN_MAX_FAILURES_PER_ACCOUNT', 5),
		perAddress: intFromEnv('LOGIN_MAX_FAILURES_PER_ADDRESS', 30),
		windowSeconds: intFromEnv('LOGIN_WINDOW_SECONDS', 15 * 60)
	};
}

/** How long invitation and password-reset links stay valid. */
export function linkLifetimeHours(): { invitation: number; reset: number } {
	return {
		invitation: intFromEnv('INVITATION_LIFETIME_HOURS', 7 * 24),
		reset: intFromEnv('PASSWORD_RESET_LIFETIME_HOURS', 24)
	};
}

/**
 * How long a session lasts: it ends after `idleHours` without use, and `maxDays` after sign-in
 * however much it is used. Read at every check, so shorter settings apply to open sessions too.
 */
export function sessionLimits(): { idleHours: number; maxDays: number } {
	return { idleHours: intFromEnv('SESSION_IDLE_HOURS', 7 * 24), maxDays: intFromEnv('SESSION_MAX_DAYS', 30) };
}
