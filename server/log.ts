// Structured request log: one JSON line per request. Only method, path (no query string),
// status, duration and device id: never bodies, tokens or CPR numbers.
import { appendFileSync } from 'node:fs';

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  deviceId: string | null;
  error?: string;
}

export type RequestLogger = (entry: RequestLogEntry) => void;

export function jsonLineLogger(file?: string): RequestLogger {
  return (entry) => {
    const line = JSON.stringify({ t: new Date().toISOString(), ...entry }) + '\n';
    if (file) appendFileSync(file, line);
    else process.stderr.write(line);
  };
}
