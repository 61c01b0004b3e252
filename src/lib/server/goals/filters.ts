import { GOAL_STATUSES } from '../../shared/goal-status';
import { isUuid } from '../validation';
import type { GoalFilters } from './goals';

/** Reads list filters from a URL, dropping anything that is not a valid value. */
export function goalFiltersFrom(url: URL): GoalFilters {
	const department = url.searchParams.get('department') ?? '';
	const tandem = url.searchParams.get('tandem') ?? '';
	const status = url.searchParams.get('status') ?? '';
	return {
		departmentId: isUuid(department) ? department : undefined,
		tandemId: isUuid(tandem) ? tandem : undefined,
		status: (GOAL_STATUSES as readonly string[]).includes(status) ? status : undefined
	};
}
