// The phone link as the host context sees it (kept apart so the context imports nothing of it).
export interface PhoneLink {
  /** Applies the stored settings: listen when enabled (on their port), stop when not. */
  apply(): Promise<void>;
  status(): {
    listening: boolean;
    url: string | null;
    lastError: string | null;
    rateLimited: number;
  };
  stop(): Promise<void>;
}
