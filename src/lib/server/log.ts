import pino from 'pino';

/**
 * Structured JSON logs. Secrets never reach them: callers log route ids, not paths (links carry
 * tokens), and the redaction list catches credentials that slip into logged objects.
 */
export const logger = pino({
	level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
	base: { app: 'fokus' },
	redact: {
		paths: [
			'password',
			'*.password',
			'token',
			'*.token',
			'cookie',
			'*.cookie',
			'headers.cookie',
			'*.headers.cookie',
			'headers.authorization',
			'*.headers.authorization',
			'passwordHash',
			'*.passwordHash'
		],
		censor: '[redacted]'
	}
});
