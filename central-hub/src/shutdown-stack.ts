import type { Logger } from 'pino';

/** Closes what was started in reverse order; a failing step is logged and the rest still run. */
export class ShutdownStack {
  private readonly steps: Array<{ name: string; close: () => Promise<void> | void }> = [];

  constructor(private readonly logger: Logger) {}

  push(name: string, close: () => Promise<void> | void): void {
    this.steps.push({ name, close });
  }

  async closeAll(): Promise<void> {
    for (let step = this.steps.pop(); step !== undefined; step = this.steps.pop()) {
      try {
        await step.close();
      } catch (err) {
        this.logger.error({ err, part: step.name }, 'hub part failed to close');
      }
    }
  }
}
