/**
 * Reading a Swarm stack's services and tasks through the docker CLI (which
 * works the same over the local socket and over DOCKER_HOST=ssh://), and
 * the few writes a whole-stack rollback needs.
 */
import { ExecError, describeCommand, retry } from '@switchyard/kit';
import type { Docker } from '@switchyard/docker/cli';
import { swarmNodes, type SwarmNode } from './nodes';

export interface UpdateStatus {
  State?: 'updating' | 'paused' | 'completed' | 'rollback_started' | 'rollback_paused' | 'rollback_completed' | string;
  StartedAt?: string;
  CompletedAt?: string;
  Message?: string;
}

export interface TaskTemplate {
  ContainerSpec?: {
    Image?: string;
    Healthcheck?: { Test?: string[] };
    [k: string]: unknown;
  };
  ForceUpdate?: number;
  [k: string]: unknown;
}

export interface ServiceSpec {
  Name: string;
  Labels?: Record<string, string>;
  TaskTemplate: TaskTemplate;
  Mode?: {
    Replicated?: { Replicas?: number };
    Global?: Record<string, never>;
    ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number };
    GlobalJob?: Record<string, never>;
  };
  [k: string]: unknown;
}

export interface SwarmService {
  ID: string;
  Version: { Index: number };
  CreatedAt: string;
  UpdatedAt: string;
  Spec: ServiceSpec;
  PreviousSpec?: ServiceSpec;
  UpdateStatus?: UpdateStatus;
  JobStatus?: { JobIteration?: { Index?: number } };
}

export interface SwarmTask {
  ID: string;
  ServiceID: string;
  Slot?: number;
  NodeID?: string;
  DesiredState: string;
  JobIteration?: { Index?: number } | null;
  Spec: TaskTemplate;
  CreatedAt: string;
  Status: {
    Timestamp: string;
    State: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string; ExitCode?: number };
  };
}

export const STACK_LABEL = 'com.docker.stack.namespace';

/** The services of a stack (empty when the stack does not exist). */
export async function stackServices(docker: Docker, stack: string): Promise<SwarmService[]> {
  const ids = (await docker.query(['service', 'ls', '--quiet', '--filter', `label=${STACK_LABEL}=${stack}`])).stdout.split(/\s+/).filter(Boolean);
  if (ids.length === 0) return [];
  return inspectMany<SwarmService>(docker, ['service', 'inspect'], ids);
}

/** Every task of a stack, with full detail (`docker inspect --type task`). */
export async function stackTasks(docker: Docker, stack: string): Promise<SwarmTask[]> {
  const r = await docker.query(['stack', 'ps', '--quiet', '--no-trunc', stack], { allowFailure: true });
  if (r.code !== 0) {
    if (/nothing found in stack/i.test(r.stderr)) return [];
    throw new ExecError(describeCommand(docker.bin, ['stack', 'ps', '--quiet', '--no-trunc', stack]), r);
  }
  const ids = [...new Set(r.stdout.split(/\s+/).filter(Boolean))];
  if (ids.length === 0) return [];
  // A task can disappear between the two calls (history pruned): inspect what is still there.
  return inspectMany<SwarmTask>(docker, ['inspect', '--type', 'task'], ids, true);
}

async function inspectMany<T>(docker: Docker, cmd: string[], ids: string[], tolerateMissing = false): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const r = await docker.query([...cmd, ...chunk], { allowFailure: tolerateMissing });
    if (r.stdout.trim()) out.push(...(JSON.parse(r.stdout) as T[]));
  }
  return out;
}

/** Services and tasks of a stack, and the swarm's nodes, read concurrently. */
export async function snapshotStack(docker: Docker, stack: string): Promise<{ services: SwarmService[]; tasks: SwarmTask[]; nodes: SwarmNode[] }> {
  // The nodes only explain (host names, lost nodes): a failed read of them never fails a poll.
  const [services, tasks, nodes] = await Promise.all([
    stackServices(docker, stack),
    stackTasks(docker, stack),
    swarmNodes(docker).catch((): SwarmNode[] => []),
  ]);
  return { services, tasks, nodes };
}

/** Starts docker's rollback of one service to its PreviousSpec, without waiting (we watch ourselves). */
export async function rollbackService(docker: Docker, id: string): Promise<void> {
  await docker.run(['service', 'rollback', '--detach', id]);
}

/** Removes services (those this deploy created, when the whole stack is rolled back). */
export async function removeServices(docker: Docker, ids: string[]): Promise<void> {
  if (ids.length) await docker.run(['service', 'rm', ...ids]);
}

/** `docker stack ps --no-trunc` as text, for the log after a failure. */
export async function stackPsText(docker: Docker, stack: string): Promise<string> {
  const r = await docker.query(['stack', 'ps', '--no-trunc', stack], { allowFailure: true });
  return (r.stdout || r.stderr).trimEnd();
}

/** The last lines of a task's log (`docker service logs TASK`), or why they are unavailable. */
export async function taskLogTail(docker: Docker, taskId: string, lines = 20): Promise<string> {
  const r = await docker.query(['service', 'logs', '--no-trunc', '--timestamps', '--tail', String(lines), taskId], { allowFailure: true });
  const text = `${r.stdout}${r.stderr}`.trimEnd();
  return text || '(no log output)';
}

/**
 * Removes the networks of a stack that a failed first deploy created. Their
 * tasks' containers detach from them asynchronously, so removal is retried
 * briefly; returns the names of the networks that could not be removed.
 */
export async function removeStackNetworks(docker: Docker, stack: string, timeoutMs = 20_000): Promise<string[]> {
  const list = async (field: 'ID' | 'Name') =>
    (await docker.query(['network', 'ls', '--filter', `label=${STACK_LABEL}=${stack}`, '--format', `{{.${field}}}`])).stdout.split(/\s+/).filter(Boolean);
  try {
    await retry(
      async () => {
        const ids = await list('ID');
        if (ids.length) await docker.query(['network', 'rm', ...ids]);
      },
      { label: `remove networks of stack ${stack}`, timeoutMs, initialMs: 250, maxMs: 2000, retryable: () => true },
    );
    return [];
  } catch {
    return list('Name');
  }
}
