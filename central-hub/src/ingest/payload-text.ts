/** MQTT payloads arrive as Buffers; tests and tools may hand over strings. */
export function payloadText(payload: Buffer | string): string {
  return typeof payload === 'string' ? payload : payload.toString('utf8');
}
