import { describe, expect, it } from 'vitest';
import { applyLiveStates, boardReducer, initialBoard } from './service-board-state.js';

describe('boardReducer', () => {
  it('keeps one row per service with the time it took to get ready', () => {
    let board = boardReducer(initialBoard, { service: 'postgres', state: 'starting', elapsedMs: 100 });
    board = boardReducer(board, { service: 'broker-1', state: 'starting', elapsedMs: 120 });
    board = boardReducer(board, { service: 'postgres', state: 'ready', elapsedMs: 2100, endpoint: 'postgres://x' });
    expect(board.rows).toEqual([
      { service: 'postgres', state: 'ready', startedMs: 100, tookMs: 2000, endpoint: 'postgres://x' },
      { service: 'broker-1', state: 'starting', startedMs: 120 },
    ]);
  });

  it('collects notices and reflects containers that stopped', () => {
    let board = boardReducer(initialBoard, { service: 'ports', state: 'notice', elapsedMs: 0, message: 'port 5432 is in use' });
    board = boardReducer(board, { service: 'broker-2', state: 'ready', elapsedMs: 10 });
    expect(board.notices).toEqual(['port 5432 is in use']);
    expect(applyLiveStates(board, { 'broker-2': false }).rows[0]!.state).toBe('stopped');
  });
});
