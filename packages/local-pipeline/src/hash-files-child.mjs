// hashFiles() in a process of its own, with the job's workspace as the working directory, as the
// GitHub runner evaluates it: @actions/glob's hashFiles over the newline-joined patterns, files
// under the workspace only, symbolic links followed (the runner's --follow-symbolic-links).
// Prints `hash=<hex>` ('' when nothing matched); @actions/glob's ::debug:: lines go before it.
import { hashFiles } from '@actions/glob';

const patterns = process.env.HASHFILES_PATTERNS ?? '';
const hash = await hashFiles(patterns, process.cwd(), { followSymbolicLinks: true });
process.stdout.write(`\nhash=${hash}\n`);
