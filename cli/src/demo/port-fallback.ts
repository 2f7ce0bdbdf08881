/**
 * Starts something on its usual port, or on a free one when that port is
 * taken: the demo must come up on a machine that already runs a broker on
 * 1883 or a web server on 8080.
 */
export async function onPreferredPort<T>(
  preferred: number,
  start: (port: number) => Promise<T>,
): Promise<T> {
  try {
    return await start(preferred);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return start(0);
  }
}
