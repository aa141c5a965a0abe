import { useEffect, useState } from 'react';
import { useInput } from 'ink';
import { ServiceBoard } from './service-board.js';
import type { ServiceBoardState } from './service-board-state.js';

export interface BoardStore {
  get(): ServiceBoardState;
  subscribe(listener: () => void): () => void;
}

/** `up` in a TTY: the live service board; `q` or Ctrl-C asks to stop. */
export function UpApp({ store, footer, onQuit }: { store: BoardStore; footer: () => string | undefined; onQuit: (bySignal: boolean) => void }) {
  const [board, setBoard] = useState(store.get());
  const [now, setNow] = useState(0);
  useEffect(() => store.subscribe(() => setBoard(store.get())), [store]);
  useEffect(() => {
    const started = Date.now() - (store.get().rows[0]?.startedMs ?? 0);
    const timer = setInterval(() => setNow(Date.now() - started), 200);
    return () => clearInterval(timer);
  }, [store]);
  useInput((input, key) => {
    if (input === 'q') onQuit(false);
    if (key.ctrl && input === 'c') onQuit(true);
  });
  const text = footer();
  return <ServiceBoard board={board} nowMs={now} {...(text ? { footer: text } : {})} />;
}
