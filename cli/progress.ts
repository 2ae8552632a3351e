/**
 * A progress indicator for long runs on stderr: on a terminal, the elapsed seconds updated in
 * place; otherwise a line every 10 s. Quiet for runs that end within a second.
 */
export function startProgress(label: string, stream: NodeJS.WriteStream = process.stderr): { stop(): void } {
  const began = Date.now();
  const seconds = () => Math.round((Date.now() - began) / 1000);
  let shown = false;
  const timer = setInterval(
    () => {
      shown = true;
      if (stream.isTTY) stream.write(`\r${label}… ${seconds()} s`);
      else stream.write(`${label}… ${seconds()} s\n`);
    },
    stream.isTTY ? 1_000 : 10_000,
  );
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      if (shown && stream.isTTY) stream.write(`\r${label}: done in ${seconds()} s\n`);
    },
  };
}
