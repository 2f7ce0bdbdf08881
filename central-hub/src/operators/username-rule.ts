const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

/**
 * Operator usernames are compared in lower case, so `Alice` and `alice` are one
 * account (and one login throttle), whatever the operator types.
 */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Why a (normalized) username cannot name an operator, or null when it can. */
export function usernameProblem(username: string): string | null {
  if (USERNAME.test(username)) return null;
  return 'must be 1 to 64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit';
}
