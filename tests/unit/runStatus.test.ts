import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../src/training/protocol';
import { transition, type RunEvent } from '../../src/training/runStatus';

const STATUSES: RunStatus[] = ['idle', 'running', 'paused', 'diverged', 'error'];

describe('run status transitions', () => {
  it('follows the table', () => {
    const table: Record<RunEvent, Record<RunStatus, RunStatus>> = {
      init: { idle: 'paused', running: 'paused', paused: 'paused', diverged: 'paused', error: 'paused' },
      play: { idle: 'running', running: 'running', paused: 'running', diverged: 'running', error: 'error' },
      pause: { idle: 'idle', running: 'paused', paused: 'paused', diverged: 'diverged', error: 'error' },
      step: { idle: 'idle', running: 'paused', paused: 'paused', diverged: 'paused', error: 'error' },
      reset: { idle: 'idle', running: 'running', paused: 'paused', diverged: 'paused', error: 'error' },
      built: { idle: 'idle', running: 'running', paused: 'paused', diverged: 'paused', error: 'paused' },
      failed: { idle: 'error', running: 'error', paused: 'error', diverged: 'error', error: 'error' },
      diverged: { idle: 'diverged', running: 'diverged', paused: 'diverged', diverged: 'diverged', error: 'diverged' },
    };
    for (const [event, row] of Object.entries(table) as [RunEvent, Record<RunStatus, RunStatus>][]) {
      for (const from of STATUSES) expect([event, from, transition(from, event)]).toEqual([event, from, row[from]]);
    }
  });
});
