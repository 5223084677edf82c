// Keys of the monitor, decoded from raw terminal input (escape sequences such as arrows are skipped).

export type KeyAction = 'quit' | 'refresh' | 'range' | 'help' | 'close' | 'redraw';

const BINDINGS: Readonly<Record<string, KeyAction>> = {
  q: 'quit',
  Q: 'quit',
  '\x03': 'quit',
  '\x04': 'quit',
  r: 'refresh',
  R: 'refresh',
  t: 'range',
  T: 'range',
  '?': 'help',
  h: 'help',
  H: 'help',
  '\x1b': 'close',
  '\x0c': 'redraw',
};

/** Actions for one chunk of input, in order. */
export function decodeKeys(chunk: string): KeyAction[] {
  const actions: KeyAction[] = [];
  for (let i = 0; i < chunk.length; i++) {
    const char = chunk[i] ?? '';
    if (char === '\x1b' && (chunk[i + 1] === '[' || chunk[i + 1] === 'O')) {
      // CSI / SS3 sequence: skip to its final byte.
      i += 2;
      while (i < chunk.length && !/[@-~]/.test(chunk[i] ?? '')) i++;
      continue;
    }
    const action = BINDINGS[char];
    if (action) actions.push(action);
  }
  return actions;
}
