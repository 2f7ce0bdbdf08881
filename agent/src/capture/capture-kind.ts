import type { CaptureRequest } from '@storesync/store-db';

/** What a capture endpoint records: the `kind` of a store-db CaptureRequest. */
export type CaptureKind = CaptureRequest['kind'];
