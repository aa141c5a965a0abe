import { Box, Text } from 'ink';
import type { ServiceBoardState, ServiceRow } from './service-board-state.js';

const marks: Record<ServiceRow['state'], { mark: string; color: string }> = {
  starting: { mark: '…', color: 'yellow' },
  ready: { mark: '✓', color: 'green' },
  failed: { mark: '✗', color: 'red' },
  stopped: { mark: '■', color: 'gray' },
};

/** The task list of `up`: one line per service with its state, time and endpoint. */
export function ServiceBoard({ board, nowMs, footer }: { board: ServiceBoardState; nowMs: number; footer?: string }) {
  return (
    <Box flexDirection="column">
      {board.notices.map((notice, index) => (
        <Text key={`notice-${index}`} color="yellow">
          ! {notice}
        </Text>
      ))}
      {board.rows.map((row) => {
        const { mark, color } = marks[row.state];
        const elapsed = row.tookMs ?? (row.state === 'starting' ? nowMs - row.startedMs : undefined);
        return (
          <Box key={row.service}>
            <Text color={color}>{mark} </Text>
            <Box width={18}>
              <Text bold>{row.service}</Text>
            </Box>
            <Box width={10}>
              <Text dimColor>{elapsed === undefined ? '' : `${(elapsed / 1000).toFixed(1)}s`}</Text>
            </Box>
            <Text>{row.endpoint ?? (row.state === 'starting' ? (row.message ?? '') : row.state === 'failed' ? (row.message ?? '') : '')}</Text>
          </Box>
        );
      })}
      {footer ? <Text dimColor>{footer}</Text> : null}
    </Box>
  );
}
