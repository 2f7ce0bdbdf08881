import { StoresyncError } from '@storesync/protocol';

/** A durability pragma did not read back as set: the hub must not accept events like this. */
export class HubStorePragmaError extends StoresyncError {
  constructor(pragma: string, expected: unknown, actual: unknown) {
    super(
      'INTERNAL',
      `PRAGMA ${pragma} of hub.db reads ${String(actual)} after setting it to ${String(expected)}`,
      { pragma, expected, actual },
    );
    this.name = 'HubStorePragmaError';
  }
}

/** hub.db was written by a newer storesync: opening it with this build could corrupt it. */
export class HubStoreSchemaError extends StoresyncError {
  constructor(fileVersion: number, knownVersion: number) {
    super(
      'INTERNAL',
      `hub.db has schema version ${fileVersion}, this build knows up to ${knownVersion}; ` +
        'run a newer storesync',
      { fileVersion, knownVersion },
    );
    this.name = 'HubStoreSchemaError';
  }
}
