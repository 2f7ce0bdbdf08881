import { StoresyncError } from '@storesync/protocol';

/** The hub runs without the ERP posting pipeline, so it has no postings or dead letters. */
export class PostingUnavailableError extends StoresyncError {
  constructor() {
    super(
      'POSTING_UNAVAILABLE',
      'this hub runs without ERP posting, so it has no postings or dead letters; ' +
        'start it with --erp-url',
    );
    this.name = 'PostingUnavailableError';
  }
}

/** The pipeline part, or a 503 answer when the hub has none. */
export function requirePipeline<T>(part: T | undefined): T {
  if (part === undefined) throw new PostingUnavailableError();
  return part;
}
