import { StoresyncError } from '@storesync/protocol';

/** A login with an unknown username, a wrong password or a disabled account: all look alike. */
export class LoginRefusedError extends StoresyncError {
  constructor() {
    super('UNAUTHORIZED', 'the username or password is not right');
    this.name = 'LoginRefusedError';
  }
}

/** Too many failed logins for one username in a row: the next try must wait. */
export class LoginLockedError extends StoresyncError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'LOGIN_LOCKED',
      `too many failed logins for this username; try again in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
    );
    this.name = 'LoginLockedError';
  }
}

/** A request under /api without a live session token. */
export class SessionRequiredError extends StoresyncError {
  constructor() {
    super(
      'UNAUTHORIZED',
      'log in with POST /api/login and send the token as "Authorization: Bearer <token>"; ' +
        'a token stops working after logout or when it expires',
    );
    this.name = 'SessionRequiredError';
  }
}

/** A logged-in operator whose role does not allow the action. */
export class OperatorForbiddenError extends StoresyncError {
  constructor(username: string, role: string, required: string) {
    super('FORBIDDEN', `operator ${username} has role ${role}; this needs role ${required}`, {
      username,
      role,
      required,
    });
    this.name = 'OperatorForbiddenError';
  }
}
