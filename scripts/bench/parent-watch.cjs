// Preloaded into the API child process (node --require): when the bench process goes away
// without stopping it (a crash, a closed pipe, SIGKILL), the IPC channel closes and the API shuts
// down too instead of lingering.
if (process.send) {
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.channel?.unref();
}
