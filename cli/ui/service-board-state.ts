import type { StackEvent } from '../../stacks/sandbox-options.js';

export type ServiceRowState = 'starting' | 'ready' | 'failed' | 'stopped';

export interface ServiceRow {
  service: string;
  state: ServiceRowState;
  /** When the service started starting, in ms since `up` began. */
  startedMs: number;
  /** Time it took to get ready, once ready. */
  tookMs?: number;
  endpoint?: string;
  message?: string;
}

export interface ServiceBoardState {
  rows: ServiceRow[];
  notices: string[];
}

export const initialBoard: ServiceBoardState = { rows: [], notices: [] };

/** Folds start-up events into one row per service; pure, so it is unit-tested without a terminal. */
export function boardReducer(state: ServiceBoardState, event: StackEvent): ServiceBoardState {
  if (event.state === 'notice') return { ...state, notices: [...state.notices, event.message ?? ''] };
  const existing = state.rows.find((row) => row.service === event.service);
  const next: ServiceRow = {
    service: event.service,
    state: event.state,
    startedMs: existing && event.state !== 'starting' ? existing.startedMs : (existing?.startedMs ?? event.elapsedMs),
    ...(event.state === 'ready' ? { tookMs: event.elapsedMs - (existing?.startedMs ?? event.elapsedMs) } : {}),
    ...((event.endpoint ?? existing?.endpoint) ? { endpoint: event.endpoint ?? existing?.endpoint } : {}),
    ...((event.message ?? existing?.message) ? { message: event.message ?? existing?.message } : {}),
  };
  const rows = existing ? state.rows.map((row) => (row === existing ? next : row)) : [...state.rows, next];
  return { ...state, rows };
}

/** Marks services as stopped or running again from a live container listing. */
export function applyLiveStates(state: ServiceBoardState, running: Record<string, boolean>): ServiceBoardState {
  return {
    ...state,
    rows: state.rows.map((row) =>
      row.service in running ? { ...row, state: running[row.service] ? (row.state === 'stopped' ? 'ready' : row.state) : 'stopped' } : row,
    ),
  };
}
