/** Holds the process open while the application awaits delivery (the engine's own timers are unref'd). */
export function keepAlive<T>(promise: Promise<T>): Promise<T> {
  const handle = setInterval(() => {}, 60_000);
  return promise.finally(() => clearInterval(handle));
}
