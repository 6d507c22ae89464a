// Plan limits of the sandbox. Retrac's docs name the plans and say that keys need Business or
// above; the numbers are the sandbox's own choice (the docs do not publish them).
import type { Plan } from '../api/types';

export interface PlanLimits { itemsLimit: number; usageLimit: number; locationsLimit: number; tagsLimit: number; usersLimit: number }

const LIMITS: Record<Plan, PlanLimits> = {
  free: { itemsLimit: 100, usageLimit: 50, locationsLimit: 2, tagsLimit: 5, usersLimit: 1 },
  pro: { itemsLimit: 1_000, usageLimit: 500, locationsLimit: 5, tagsLimit: 25, usersLimit: 3 },
  business: { itemsLimit: 10_000, usageLimit: 1_000, locationsLimit: 50, tagsLimit: 100, usersLimit: 10 },
  'business plus': { itemsLimit: 25_000, usageLimit: 2_500, locationsLimit: 100, tagsLimit: 250, usersLimit: 20 },
  'business extra': { itemsLimit: 50_000, usageLimit: 5_000, locationsLimit: 200, tagsLimit: 500, usersLimit: 30 },
  'business max': { itemsLimit: 100_000, usageLimit: 10_000, locationsLimit: 500, tagsLimit: 1_000, usersLimit: 50 },
  enterprise: { itemsLimit: 1_000_000, usageLimit: 100_000, locationsLimit: 5_000, tagsLimit: 10_000, usersLimit: 1_000 },
};

export function planLimits(plan: Plan): PlanLimits {
  return LIMITS[plan];
}

/** API keys work on Business and above (contract §1): the one rule, in api/types. */
export { planAllowsApi } from '../api/types';
