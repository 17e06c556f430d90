// Removing the pipeline's Swarm stacks (teardown), through the one docker
// door (packages/docker's Docker) and packages/swarm's stack helpers: `docker
// stack rm` quietly and best effort (a stack that is not there, or no swarm at
// all, is not an error), then waits until the stacks' containers have stopped
// and their networks are gone. `stack rm` returns before either: a deploy of
// the same stack right after it could meet a network still being removed.
import { Docker } from '@switchyard/docker/cli';
import { formatDuration, waitFor } from '@switchyard/kit';
import { removeStackNetworks, STACK_LABEL } from '@switchyard/swarm/swarm';

export interface RemoveStacksOptions {
  /** The daemon (default: the local one, as the runner's DOCKER_HOST names it). */
  docker?: Docker;
  /** How long the containers may take to stop (default 60 s). */
  containersTimeoutMs?: number;
  /** How long the networks may take to go, once the containers have (default 20 s). */
  networksTimeoutMs?: number;
}

/** Removes stacks and waits until their containers and networks are gone; throws naming what is left. */
export async function removeStacks(stacks: readonly string[], opts: RemoveStacksOptions = {}): Promise<void> {
  if (stacks.length === 0) return;
  const docker = opts.docker ?? new Docker();
  await docker.query(['stack', 'rm', ...stacks], { allowFailure: true });
  const running = async (stack: string) => (await docker.query(['ps', '--quiet', '--filter', `label=${STACK_LABEL}=${stack}`])).stdout.trim() !== '';
  const containersTimeoutMs = opts.containersTimeoutMs ?? 60_000;
  await waitFor(
    async () => {
      const left: string[] = [];
      for (const s of stacks) if (await running(s)) left.push(s);
      return left.length ? { done: false, progress: `containers of ${left.join(', ')} still running` } : { done: true, value: undefined };
    },
    { label: `the containers of stack(s) ${stacks.join(', ')} to stop`, timeoutMs: containersTimeoutMs },
  );
  const networksTimeoutMs = opts.networksTimeoutMs ?? 20_000;
  const left = await Promise.all(stacks.map(async (s) => ({ stack: s, networks: await removeStackNetworks(docker, s, networksTimeoutMs) })));
  const stuck = left.filter((l) => l.networks.length > 0);
  if (stuck.length === 0) return;
  throw new Error(
    `network(s) ${stuck.flatMap((l) => l.networks).join(', ')} of stack(s) ${stuck.map((l) => l.stack).join(', ')} still there after ${formatDuration(networksTimeoutMs)} (in use by a container outside the stack?)`,
  );
}
