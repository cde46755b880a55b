/**
 * voicetel-sms's entry point. `--version` is answered here, before the argument parser and
 * everything else is loaded, because scripts call it to check the tool is there; every other
 * command line goes to program.ts.
 */
import packageJson from '../package.json' with { type: 'json' };

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${packageJson.version}\n`);
} else {
  await import('./program');
}
