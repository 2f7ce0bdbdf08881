/** Roles of console operators, from most to least allowed. */
export const OPERATOR_ROLES = ['operator', 'viewer'] as const;

/**
 * `operator` may change things (replay and discard dead letters); `viewer` may
 * only read. Every logged-in role can read.
 */
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** Whether `role` may do what needs `required` (`viewer`: any logged-in operator). */
export function roleAllows(role: OperatorRole, required: OperatorRole): boolean {
  return required === 'viewer' || role === 'operator';
}

export function isOperatorRole(value: unknown): value is OperatorRole {
  return typeof value === 'string' && (OPERATOR_ROLES as readonly string[]).includes(value);
}
