// `cco statusline --install | --uninstall`: adds or removes the `statusLine` entry of Claude Code's settings.json.
// The file is backed up first and replaced atomically; every other key, and the file's indentation, is kept; a file
// that is not a JSON object is refused untouched.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CommandFailure } from '../errors.ts';

export interface SettingsEdit {
  /** What was done, for people. */
  readonly message: string;
  /** The backup made, if the file existed. */
  readonly backup?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The settings.json `statusLine` entry that runs `command`. */
export const statusLineEntry = (command: string) => ({ type: 'command', command, padding: 0 });

/** A statusLine entry cco installed: this very command, or one naming cco and ending in `statusline`. */
export const isCcoEntry = (v: unknown, command?: string): boolean =>
  isObject(v) && typeof v.command === 'string' && (v.command === command || /\bcco\b.*\bstatusline\b/.test(v.command));

/** A shell word for a path: quoted when it holds anything but safe characters. */
export const shellWord = (word: string): string =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

function readSettings(path: string): { doc: Json; text: string | undefined } {
  if (!existsSync(path)) return { doc: {}, text: undefined };
  const text = readFileSync(path, 'utf8');
  if (text.trim() === '') return { doc: {}, text };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new CommandFailure(
      `${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}); left it unchanged`,
      'fix the file, or add the statusLine entry by hand (see docs/statusline.md)',
    );
  }
  if (!isObject(doc)) throw new CommandFailure(`${path} does not hold a JSON object; left it unchanged`);
  return { doc, text };
}

/** The indentation the file uses (two spaces when it has none to copy). */
function indentOf(text: string | undefined): string | number {
  const match = text ? /\n([ \t]+)"/.exec(text) : null;
  return match?.[1] ?? 2;
}

function writeSettings(path: string, doc: Json, previous: string | undefined, now: number): string | undefined {
  mkdirSync(dirname(path), { recursive: true });
  let backup: string | undefined;
  if (previous !== undefined) {
    backup = `${path}.bak-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    copyFileSync(path, backup);
  }
  const trailing = previous === undefined || previous.endsWith('\n') ? '\n' : '';
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(doc, null, indentOf(previous))}${trailing}`, { mode: 0o600 });
  renameSync(tmp, path);
  return backup;
}

export function installStatusLine(path: string, command: string, now: number): SettingsEdit {
  const { doc, text } = readSettings(path);
  const entry = statusLineEntry(command);
  const current = doc.statusLine;
  if (isObject(current) && current.command === command && current.type === 'command')
    return { message: `${path} already runs '${command}' as its status line` };
  const replaced = current !== undefined && !isCcoEntry(current, command);
  const backup = writeSettings(path, { ...doc, statusLine: entry }, text, now);
  const note = replaced ? ' (the previous statusLine is in the backup)' : '';
  return { message: `installed the status line in ${path}${backup ? `; backup: ${backup}` : ''}${note}`, backup };
}

export function uninstallStatusLine(path: string, command: string, now: number): SettingsEdit {
  const { doc, text } = readSettings(path);
  if (doc.statusLine === undefined) return { message: `${path} has no statusLine entry; nothing to remove` };
  if (!isCcoEntry(doc.statusLine, command))
    throw new CommandFailure(`the statusLine in ${path} is not cco's; left it unchanged`, 'remove it by hand');
  const { statusLine: _, ...rest } = doc;
  const backup = writeSettings(path, rest, text, now);
  return { message: `removed the status line from ${path}${backup ? `; backup: ${backup}` : ''}`, backup };
}
