import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id recommendation (19 MiB, 2 iterations, 1 lane).
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

// A real hash with the same parameters, checked when the email is unknown, so the answer takes
// as long as for a known account and timing does not reveal which emails exist.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$9B/IToyMYFGOqcYntatazQ$71JCjap/6xDqJ/qJDk3AlyN9QLDBle1/bqYL5PlplzQ';

export async function verifyAgainstDummy(password: string): Promise<false> {
	await verifyPassword(DUMMY_HASH, password);
	return false;
}
