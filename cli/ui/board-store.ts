import type { StackEvent } from '../../stacks/sandbox-options.js';
import { applyLiveStates, boardReducer, initialBoard, type ServiceBoardState } from './service-board-state.js';
import type { BoardStore } from './up-app.js';

/** Holds the board state outside React so events can arrive before the UI mounts. */
export class MutableBoardStore implements BoardStore {
  private state: ServiceBoardState = initialBoard;
  private readonly listeners = new Set<() => void>();

  get(): ServiceBoardState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispatch(event: StackEvent): void {
    this.update(boardReducer(this.state, event));
  }

  live(running: Record<string, boolean>): void {
    this.update(applyLiveStates(this.state, running));
  }

  private update(next: ServiceBoardState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
