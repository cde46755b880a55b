/**
 * voicetel-sms's entry point as an npm bin: runs the command line in process.argv (commandLine.ts)
 * and leaves its exit code for Node to exit with once stdout and stderr are written.
 */
import { runCommandLine } from './commandLine';

// `voicetel-sms contacts list | head`: the reader has gone, which is no failure of this command;
// it finishes what it was doing (a send is still recorded) with nothing more to print.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});

process.exitCode = await runCommandLine(process.argv.slice(2));
