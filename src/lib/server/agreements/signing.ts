import { and, eq } from 'drizzle-orm';
import { inTransaction, type Db } from '../db';
import { agreement, agreementSignoff } from '../db/schema';
import { agreementSignSides } from '../access/rules';
import { requireTarget } from '../access/targets';
import type { Actor } from '../auth/session';
import { announceConsolidation } from '../assessments/assessments';
import { Check } from '../validation';
import { agreementPeriodRule } from '../../shared/plausibility';
import { projectAgreement, storedAgreement } from './projection';

/**
 * Signs the content the person saw, for each side they may sign for. The hash they saw must
 * be the stored document's (after the projection's goal filter); otherwise they look again.
 */
export async function signAgreement(db: Db, actor: Actor, input: { agreementId: string; contentHash: string }): Promise<void> {
	const target = await requireTarget(db, actor, 'agreement', input.agreementId, 'signAgreement');
	await inTransaction(db, async (tx) => {
		// Read once: the second projection only recounts the status with the new signatures.
		const content = await storedAgreement(tx, input.agreementId);
		await projectAgreement(tx, input.agreementId, content);
		const [row] = await tx.select({ contentHash: agreement.contentHash }).from(agreement).where(eq(agreement.id, input.agreementId));
		const check = new Check().when(row!.contentHash !== input.contentHash, 'contentHash', 'error_signoff_outdated');
		const period = agreementPeriodRule(content.validFrom, content.validUntil);
		if (period) check.add('validUntil', `plausible_${period}`);
		check.throwIfAny();
		const existing = await tx
			.select({ side: agreementSignoff.side })
			.from(agreementSignoff)
			.where(and(eq(agreementSignoff.agreementId, input.agreementId), eq(agreementSignoff.contentHash, row!.contentHash)));
		const missing = agreementSignSides(actor, target.departmentId).filter((side) => !existing.some((e) => e.side === side));
		if (missing.length > 0) {
			await tx
				.insert(agreementSignoff)
				.values(missing.map((side) => ({ agreementId: input.agreementId, userId: actor.userId, membershipId: actor.membershipId, side, contentHash: row!.contentHash })));
		}
		await projectAgreement(tx, input.agreementId, content);
	});
	announceConsolidation(actor.municipalityId);
}
