export const id = 91;
export const ids = [91];
export const modules = {

/***/ 9091:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployStack: () => (/* binding */ deployStack)
});

// UNUSED EXPORTS: changedServices, deployArgs, planRollback, recordBaseline, watchStack

// EXTERNAL MODULE: ./packages/kit/src/index.ts + 15 modules
var src = __webpack_require__(8286);
// EXTERNAL MODULE: ./packages/swarm/src/nodes.ts
var src_nodes = __webpack_require__(3086);
;// CONCATENATED MODULE: ./packages/swarm/src/converge.ts
/**
 * Deciding, per service, whether a stack has converged: pure functions over
 * the Engine's service and task documents, so every rule is unit-tested.
 *
 * - replicated / global: the desired number of tasks running on the service's
 *   current spec (Swarm reports a task `running` only once its healthcheck
 *   passed), no task of an older spec still running, and no update in flight.
 * - replicated-job / global-job: the tasks of the current job iteration completed.
 * - replicas: 0: converged at once.
 * - UpdateStatus paused / rollback_* (started by this deploy): failed, whatever
 *   the CLI said.
 * - a task Pending with "no suitable node" for longer than a short grace:
 *   failed, with the scheduler's reason and the nodes that are down or drained.
 * - a rolling update whose task sits on a node that went down (or was drained)
 *   before the task ran, for longer than that grace: failed, naming node and
 *   task (Swarm's updater would wait for that task for good).
 * - tasks of the current spec failing again and again (crash loop, missing
 *   image): failed, with the last error.
 */


function serviceMode(spec) {
    const m = spec.Mode ?? {};
    if (m.Global)
        return 'global';
    if (m.ReplicatedJob)
        return 'replicated-job';
    if (m.GlobalJob)
        return 'global-job';
    return 'replicated';
}
const isEmpty = (v) => v === null ||
    v === undefined ||
    v === false ||
    v === 0 ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
/** JSON with sorted keys and empty values dropped: the Engine omits some defaults on task specs. */
function canonical(v) {
    const norm = (x) => {
        if (Array.isArray(x))
            return x.map(norm);
        if (x && typeof x === 'object') {
            const out = {};
            for (const k of Object.keys(x).sort()) {
                const n = norm(x[k]);
                if (!isEmpty(n))
                    out[k] = n;
            }
            return out;
        }
        return x;
    };
    return JSON.stringify(norm(v)) ?? '';
}
/**
 * Whether a task runs the service's current spec. Task specs as stored omit
 * some defaults the service spec shows (StopGracePeriod, RestartPolicy,
 * Runtime), so we compare what defines the container: image, command, args,
 * env, healthcheck, mounts, user, labels, configs/secrets, networks,
 * placement constraints, resources, and ForceUpdate.
 */
function sameTaskSpec(task, service) {
    return canonical(pickTemplate(task)) === canonical(pickTemplate(service));
}
function pickTemplate(t) {
    const c = (t.ContainerSpec ?? {});
    const p = (t.Placement ?? {});
    return {
        c: {
            Image: c.Image,
            Command: c.Command,
            Args: c.Args,
            Env: c.Env,
            Dir: c.Dir,
            User: c.User,
            Labels: c.Labels,
            Mounts: c.Mounts,
            Healthcheck: c.Healthcheck,
            Configs: c.Configs,
            Secrets: c.Secrets,
            Hosts: c.Hosts,
            Hostname: c.Hostname,
        },
        ForceUpdate: t.ForceUpdate,
        Networks: t.Networks,
        Constraints: p.Constraints,
        Resources: t.Resources,
    };
}
/**
 * What defines a service for rollback purposes, comparable between `Spec`
 * (which `docker service inspect` fills with defaults) and `PreviousSpec`
 * (stored as submitted): labels, mode/replicas, published ports, and the
 * container-defining parts of the task template.
 */
function specFingerprint(spec) {
    const endpoint = (spec.EndpointSpec ?? {});
    return canonical({ Labels: spec.Labels, Mode: spec.Mode, Ports: endpoint.Ports, Template: pickTemplate(spec.TaskTemplate) });
}
/** The digest an image reference is pinned to, or '' (the one digest pattern decides). */
function pinnedDigest(image) {
    const { digest } = (0,src/* splitImageReference */.Xv)(image);
    return digest !== undefined && src/* DIGEST_RE */.Vt.test(digest) ? digest : '';
}
function hasHealthcheck(spec) {
    const test = spec.TaskTemplate.ContainerSpec?.Healthcheck?.Test;
    return Array.isArray(test) && test.length > 0 && test[0] !== 'NONE';
}
const TERMINAL_FAIL = new Set(['failed', 'rejected', 'orphaned']);
const ACTIVE_DESIRED = new Set(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running']);
const UNPLACEABLE = /no suitable node/i;
const time = (s) => (s ? Date.parse(s) : NaN);
const plural = (n, w) => `${n} ${w}${n === 1 ? '' : 's'}`;
/** Decides one service's state from its document and its tasks. */
function assessService(svc, allTasks, opts) {
    const spec = svc.Spec;
    const mode = serviceMode(spec);
    const image = spec.TaskTemplate.ContainerSpec?.Image ?? '';
    const digest = pinnedDigest(image);
    const healthcheck = hasHealthcheck(spec);
    const tasks = allTasks.filter((t) => t.ServiceID === svc.ID);
    const nodes = opts.nodes ?? new Map();
    const base = { name: spec.Name, id: svc.ID, mode, image, digest, healthcheck, placement: (0,src_nodes/* placement */.ot)(tasks, nodes), runningDigests: (0,src_nodes/* runningDigests */.Jc)(tasks) };
    const crashLimit = opts.crashLimit ?? 3;
    const seen = (key) => {
        if (!opts.firstSeen.has(key))
            opts.firstSeen.set(key, opts.now);
        return opts.now - opts.firstSeen.get(key);
    };
    // UpdateStatus: docker's own verdict on a rolling update.
    const us = svc.UpdateStatus;
    const fresh = us?.State !== undefined && us.StartedAt !== opts.baselineUpdateStartedAt;
    const usState = fresh ? us.State : undefined;
    const usMessage = us?.Message ? `: ${us.Message}` : '';
    const failedTasks = (list) => list.filter((t) => TERMINAL_FAIL.has(t.Status.State)).sort((a, b) => time(b.Status.Timestamp) - time(a.Status.Timestamp));
    const isJob = mode === 'replicated-job' || mode === 'global-job';
    if (isJob) {
        const iteration = svc.JobStatus?.JobIteration?.Index ?? 0;
        const iter = tasks.filter((t) => (t.JobIteration?.Index ?? 0) === iteration);
        const done = iter.filter((t) => t.Status.State === 'complete');
        const failed = failedTasks(iter);
        let desired;
        if (mode === 'replicated-job')
            desired = spec.Mode?.ReplicatedJob?.TotalCompletions ?? spec.Mode?.ReplicatedJob?.MaxConcurrent ?? 1;
        else
            desired = new Set(iter.map((t) => t.NodeID).filter(Boolean)).size;
        const nodesDone = new Set(done.map((t) => t.NodeID)).size;
        const complete = mode === 'replicated-job' ? done.length >= desired : desired > 0 && nodesDone >= desired;
        const lastReadyAt = done.length ? Math.max(...done.map((t) => time(t.Status.Timestamp))) : undefined;
        const progress = `${done.length}/${desired} completed${failed.length ? `, ${plural(failed.length, 'failed attempt')}` : ''}`;
        const pendingFail = unplaceable(iter);
        const job = (state, reason, failingTasks = []) => ({
            ...base,
            desired,
            running: done.length,
            state,
            reason,
            progress,
            failingTasks,
            lastReadyAt,
        });
        if (complete)
            return job('converged', '');
        if (pendingFail && seen(`${svc.ID}:pending:${pendingFail.ID}`) >= opts.pendingGraceMs) {
            return job('failed', `task cannot be placed: ${placementReason(pendingFail.Status.Err ?? '', placementContext(spec, nodes))}`, [pendingFail.ID]);
        }
        if (failed.length >= crashLimit) {
            return job('failed', `job tasks keep failing (${failed.length} attempts): ${taskError(failed[0])}`, failed.slice(0, 3).map((t) => t.ID));
        }
        return job('progressing', 'waiting for job tasks to complete');
    }
    const current = tasks.filter((t) => sameTaskSpec(t.Spec, spec.TaskTemplate));
    const runningNow = current.filter((t) => t.Status.State === 'running' && t.DesiredState === 'running');
    const stale = tasks.filter((t) => !current.includes(t) && t.Status.State === 'running' && ACTIVE_DESIRED.has(t.DesiredState));
    const activeNodes = new Set(tasks
        .filter((t) => ACTIVE_DESIRED.has(t.DesiredState))
        .map((t) => t.NodeID)
        .filter(Boolean));
    const desired = mode === 'global' ? Math.max(activeNodes.size, runningNow.length) : (spec.Mode?.Replicated?.Replicas ?? 1);
    const running = runningNow.length;
    const lastReadyAt = runningNow.length ? Math.max(...runningNow.map((t) => time(t.Status.Timestamp))) : undefined;
    const health = healthcheck ? ' and healthy' : '';
    const flight = usState && usState !== 'completed' && usState !== 'rollback_completed' ? `, update ${usState.replace('_', ' ')}` : '';
    const staleNote = stale.length ? `, ${stale.length} on the previous spec` : '';
    const progress = `${running}/${desired} running${health}${staleNote}${flight}`;
    const out = (state, reason, failingTasks = []) => ({
        ...base,
        desired,
        running,
        state,
        reason,
        progress,
        failingTasks,
        lastReadyAt,
    });
    const failing = failedTasks(current);
    // The failing task's own error (an unhealthy exit 143, a missing image) belongs in the reason, not only in the diagnostics.
    const lastFailure = (list) => (list[0] ? `; task ${list[0].ID} on ${nodeLabel(nodes, list[0].NodeID)}: ${taskError(list[0])}` : '');
    if (opts.phase === 'deploy' && usState && ['paused', 'rollback_started', 'rollback_paused', 'rollback_completed'].includes(usState)) {
        const recent = failedTasks(tasks);
        return out('failed', `update ${usState.replace('_', ' ')}${usMessage}${lastFailure(recent)}`, recent.slice(0, 3).map((t) => t.ID));
    }
    if (opts.phase === 'rollback' && usState && ['paused', 'rollback_paused'].includes(usState)) {
        return out('failed', `rollback ${usState.replace('_', ' ')}${usMessage}`, failing.slice(0, 3).map((t) => t.ID));
    }
    if (mode === 'replicated' && desired === 0)
        return out('converged', 'scaled to 0');
    const pending = unplaceable(tasks.filter((t) => ACTIVE_DESIRED.has(t.DesiredState)));
    if (pending) {
        const waited = seen(`${svc.ID}:pending:${pending.ID}`);
        if (waited >= opts.pendingGraceMs)
            return out('failed', `task cannot be placed: ${placementReason(pending.Status.Err ?? '', placementContext(spec, nodes))}`, [pending.ID]);
    }
    const updating = usState === 'updating' || usState === 'rollback_started';
    // Swarm's updater waits with no timeout for the task it created in a slot: on a node lost before that task ran, forever.
    const stalled = updating ? (0,src_nodes/* stalledOnLostNode */.zA)(current, nodes) : undefined;
    const stalledWhy = stalled
        ? `task ${stalled.task.ID}${stalled.task.Slot ? ` (slot ${stalled.task.Slot})` : ''} of the ${usState === 'rollback_started' ? 'rollback' : 'update'} is ${stalled.task.Status.State} on node ${stalled.node}, which ${stalled.why.slice(stalled.node.length + 1)}`
        : '';
    if (stalled && seen(`${svc.ID}:stalled:${stalled.task.ID}`) >= opts.pendingGraceMs) {
        return out('failed', `update stalled: ${stalledWhy}; Swarm's updater waits for that task and never finishes`, [stalled.task.ID]);
    }
    if (running >= desired && stale.length === 0 && !updating)
        return out('converged', '');
    if (failing.length >= crashLimit * Math.max(1, desired) && running < desired) {
        return out('failed', `tasks keep failing (${failing.length} failed on the new spec): ${taskError(failing[0])}`, failing.slice(0, 3).map((t) => t.ID));
    }
    const why = pending
        ? `task pending: ${pending.Status.Err}`
        : stalled
            ? `update waiting: ${stalledWhy}`
            : updating
                ? `update ${usState.replace('_', ' ')}`
                : `waiting for ${desired - running} task(s)`;
    return out('progressing', why);
}
/** What placementReason needs to know; undefined when the nodes were not read. */
function placementContext(spec, nodes) {
    if (nodes.size === 0)
        return undefined;
    const order = spec.UpdateConfig?.Order;
    const usableNodes = [...nodes.values()].filter((n) => (0,src_nodes/* nodeTrouble */.Wy)(n) === undefined).length;
    return { troubled: (0,src_nodes/* troubledNodes */.Lz)(nodes), order, replicas: spec.Mode?.Replicated?.Replicas, usableNodes };
}
/**
 * The scheduler's reason, with the cause that applies: nodes lost or drained
 * first (Swarm's own message only counts them as "not available"); else the
 * host-mode port rule (one task per node), but only its part the service breaks.
 */
function placementReason(err, ctx) {
    if (ctx?.troubled)
        return `${err} — ${ctx.troubled}: its tasks cannot be placed on the ${ctx.usableNodes} node(s) left under the service's constraints`;
    if (!/host-mode port/i.test(err))
        return err;
    if (!ctx)
        return `${err} — a host-mode port allows one task per node: use update_config order: stop-first and no more replicas than nodes`;
    const fixes = [
        ...(ctx.order === 'start-first' ? ['update_config order: stop-first (start-first needs the port twice on a node)'] : []),
        ...(ctx.replicas !== undefined && ctx.replicas > ctx.usableNodes ? [`no more replicas (${ctx.replicas}) than usable nodes (${ctx.usableNodes})`] : []),
    ];
    return fixes.length ? `${err} — a host-mode port allows one task per node: use ${fixes.join(' and ')}` : err;
}
/** "worker2" or "worker2 (down)" for a task's node. */
function nodeLabel(nodes, id) {
    const n = id ? nodes.get(id) : undefined;
    if (!n)
        return id ? `node ${id.slice(0, 12)}` : 'no node';
    const trouble = (0,src_nodes/* nodeTrouble */.Wy)(n);
    const name = n.Description?.Hostname || n.ID.slice(0, 12);
    return trouble ? `${name} (${trouble.slice(name.length + 1)})` : name;
}
function unplaceable(tasks) {
    return tasks.find((t) => t.Status.State === 'pending' && UNPLACEABLE.test(t.Status.Err ?? ''));
}
function taskError(t) {
    const exit = t.Status.ContainerStatus?.ExitCode;
    return t.Status.Err || `${t.Status.State}${exit ? ` (exit code ${exit})` : ''}${t.Status.Message ? `: ${t.Status.Message}` : ''}`;
}
/** Assesses every service of the stack. */
function assessStack(services, tasks, baseline, opts) {
    const statuses = services
        .map((s) => assessService(s, tasks, { ...opts, baselineUpdateStartedAt: baseline.get(s.ID) }))
        .sort((a, b) => a.name.localeCompare(b.name));
    const failed = statuses.filter((s) => s.state === 'failed');
    const done = statuses.filter((s) => s.state === 'converged').length;
    return { services: statuses, converged: failed.length === 0 && done === statuses.length, failed, summary: `${done}/${statuses.length} services converged` };
}

;// CONCATENATED MODULE: ./packages/swarm/src/swarm.ts
/**
 * Reading a Swarm stack's services and tasks through the docker CLI (which
 * works the same over the local socket and over DOCKER_HOST=ssh://), and
 * the few writes a whole-stack rollback needs.
 */


const STACK_LABEL = 'com.docker.stack.namespace';
/** The services of a stack (empty when the stack does not exist). */
async function stackServices(docker, stack) {
    const ids = (await docker.query(['service', 'ls', '--quiet', '--filter', `label=${STACK_LABEL}=${stack}`])).stdout.split(/\s+/).filter(Boolean);
    if (ids.length === 0)
        return [];
    return inspectMany(docker, ['service', 'inspect'], ids);
}
/** Every task of a stack, with full detail (`docker inspect --type task`). */
async function stackTasks(docker, stack) {
    const r = await docker.query(['stack', 'ps', '--quiet', '--no-trunc', stack], { allowFailure: true });
    if (r.code !== 0) {
        if (/nothing found in stack/i.test(r.stderr))
            return [];
        throw new src/* ExecError */.cI((0,src/* describeCommand */.vL)(docker.bin, ['stack', 'ps', '--quiet', '--no-trunc', stack]), r);
    }
    const ids = [...new Set(r.stdout.split(/\s+/).filter(Boolean))];
    if (ids.length === 0)
        return [];
    // A task can disappear between the two calls (history pruned): inspect what is still there.
    return inspectMany(docker, ['inspect', '--type', 'task'], ids, true);
}
async function inspectMany(docker, cmd, ids, tolerateMissing = false) {
    const out = [];
    for (let i = 0; i < ids.length; i += 100) {
        const chunk = ids.slice(i, i + 100);
        const r = await docker.query([...cmd, ...chunk], { allowFailure: tolerateMissing });
        if (r.stdout.trim())
            out.push(...JSON.parse(r.stdout));
    }
    return out;
}
/** Services and tasks of a stack, and the swarm's nodes, read concurrently. */
async function snapshotStack(docker, stack) {
    // The nodes only explain (host names, lost nodes): a failed read of them never fails a poll.
    const [services, tasks, nodes] = await Promise.all([
        stackServices(docker, stack),
        stackTasks(docker, stack),
        (0,src_nodes/* swarmNodes */.Ku)(docker).catch(() => []),
    ]);
    return { services, tasks, nodes };
}
/** Starts docker's rollback of one service to its PreviousSpec, without waiting (we watch ourselves). */
async function rollbackService(docker, id) {
    await docker.run(['service', 'rollback', '--detach', id]);
}
/** Removes services (those this deploy created, when the whole stack is rolled back). */
async function removeServices(docker, ids) {
    if (ids.length)
        await docker.run(['service', 'rm', ...ids]);
}
/** `docker stack ps --no-trunc` as text, for the log after a failure. */
async function stackPsText(docker, stack) {
    const r = await docker.query(['stack', 'ps', '--no-trunc', stack], { allowFailure: true });
    return (r.stdout || r.stderr).trimEnd();
}
/** The last lines of a task's log (`docker service logs TASK`), or why they are unavailable. */
async function taskLogTail(docker, taskId, lines = 20) {
    const r = await docker.query(['service', 'logs', '--no-trunc', '--timestamps', '--tail', String(lines), taskId], { allowFailure: true });
    const text = `${r.stdout}${r.stderr}`.trimEnd();
    return text || '(no log output)';
}
/**
 * Removes the networks of a stack that a failed first deploy created. Their
 * tasks' containers detach from them asynchronously, so removal is retried
 * briefly; returns the names of the networks that could not be removed.
 */
async function removeStackNetworks(docker, stack, timeoutMs = 20_000) {
    const list = async (field) => (await docker.query(['network', 'ls', '--filter', `label=${STACK_LABEL}=${stack}`, '--format', `{{.${field}}}`])).stdout.split(/\s+/).filter(Boolean);
    try {
        await (0,src/* retry */.L5)(async () => {
            const ids = await list('ID');
            if (ids.length)
                await docker.query(['network', 'rm', ...ids]);
        }, { label: `remove networks of stack ${stack}`, timeoutMs, initialMs: 250, maxMs: 2000, retryable: () => true });
        return [];
    }
    catch {
        return list('Name');
    }
}

;// CONCATENATED MODULE: ./packages/swarm/src/stack.ts
/**
 * `docker stack deploy` done right: record every service's spec, deploy
 * detached, watch every service ourselves until converged, failed, or the
 * deadline, and on failure roll the whole stack back (docker/cli#595).
 */




/** Records every service's spec and UpdateStatus before deploying. */
async function recordBaseline(docker, stack) {
    const services = await stackServices(docker, stack);
    return {
        byName: new Map(services.map((s) => [
            s.Spec.Name,
            { id: s.ID, spec: canonical(s.Spec), fingerprint: specFingerprint(s.Spec), updateStartedAt: s.UpdateStatus?.StartedAt },
        ])),
    };
}
/** Services this deploy created or whose spec it changed. */
function changedServices(baseline, after) {
    return after.filter((s) => {
        const before = baseline.byName.get(s.Spec.Name);
        return !before || before.id !== s.ID || before.spec !== canonical(s.Spec);
    });
}
/**
 * Polls services and tasks until every watched service converged, one
 * failed, or the deadline passed. Prints one line per service whose state
 * changed ("service shop_web: 1/2 running and healthy"), not one per poll.
 */
async function watchStack(docker, opts) {
    const now = opts.timing?.now ?? Date.now;
    const firstSeen = new Map();
    const last = new Map();
    const updateBaseline = new Map();
    let latest;
    let readFailures = 0;
    /** When the current converged streak began, and how long it must last. */
    let convergedSince;
    let settleFor = 0;
    const poll = async () => {
        let snap;
        try {
            snap = await snapshotStack(docker, opts.stack);
            readFailures = 0;
        }
        catch (e) {
            // A dropped ssh connection or a busy manager: keep polling a few times before giving up.
            if (++readFailures > 5)
                throw e;
            return { done: false, progress: `cannot read the stack's state (attempt ${readFailures} of 5 failed: ${(0,src/* errorMessage */.gJ)(e).split('\n').slice(-1)[0]})` };
        }
        const services = snap.services.filter((s) => !opts.only || opts.only.has(s.Spec.Name));
        for (const s of services) {
            const b = opts.baseline.byName.get(s.Spec.Name);
            updateBaseline.set(s.ID, b && b.id === s.ID ? b.updateStartedAt : undefined);
        }
        const nodes = (0,src_nodes/* nodeMap */.HF)(snap.nodes);
        const a = assessStack(services, snap.tasks, updateBaseline, { phase: opts.phase, now: now(), firstSeen, pendingGraceMs: opts.pendingGraceMs, nodes });
        latest = a;
        for (const s of a.services) {
            const line = `${s.progress}${s.state === 'failed' ? ` — FAILED: ${s.reason}` : s.state === 'converged' ? ' — converged' : ''}`;
            if (last.get(s.name) !== line) {
                opts.log(`service ${s.name}: ${line}`);
                last.set(s.name, line);
            }
        }
        if (a.failed.length)
            return { done: true, value: { outcome: 'failed', assessment: a, at: now(), settledMs: 0 } };
        if (!a.converged) {
            if (convergedSince !== undefined)
                opts.log(`stack ${opts.stack}: no longer converged after ${(0,src/* formatDuration */.a3)(now() - convergedSince)}; watching on`);
            convergedSince = undefined;
            return { done: false, progress: a.summary };
        }
        if (convergedSince === undefined) {
            convergedSince = now();
            const watchedIds = new Set(services.map((s) => s.ID));
            const remote = snap.tasks.some((t) => watchedIds.has(t.ServiceID) && t.DesiredState === 'running' && t.NodeID !== opts.localNode);
            settleFor = remote ? (opts.settleMs ?? 0) : 0;
            if (settleFor > 0)
                opts.log(`stack ${opts.stack}: converged; re-checking for ${(0,src/* formatDuration */.a3)(settleFor)} (a node that died a moment ago still counts Ready for Swarm's heartbeat window)`);
        }
        const held = now() - convergedSince;
        if (held >= settleFor)
            return { done: true, value: { outcome: 'converged', assessment: a, at: convergedSince, settledMs: held } };
        return { done: false, progress: `converged, re-checking (${(0,src/* formatDuration */.a3)(settleFor - held)} left)` };
    };
    try {
        return await (0,src/* waitFor */.fm)(poll, {
            ...opts.timing,
            label: `stack ${opts.stack}${opts.phase === 'rollback' ? ' rollback' : ''}`,
            timeoutMs: opts.timeoutMs,
            initialMs: opts.initialMs ?? 200,
            maxMs: opts.maxMs ?? 1000,
            factor: 1.5,
            log: opts.log,
        });
    }
    catch (e) {
        // The deadline fell inside the re-check of a stack that stayed converged: it converged.
        if (e instanceof src/* WaitTimeoutError */.Do && latest?.converged && convergedSince !== undefined)
            return { outcome: 'converged', assessment: latest, at: convergedSince, settledMs: now() - convergedSince };
        if (e instanceof src/* WaitTimeoutError */.Do && latest)
            return { outcome: 'timeout', assessment: latest, at: now(), settledMs: 0 };
        throw e;
    }
}
/** Pure: what to do with each changed service to return the stack to its recorded state. */
function planRollback(baseline, changed) {
    const plan = { rollback: [], remove: [], already: [], impossible: [] };
    for (const s of changed) {
        const before = baseline.byName.get(s.Spec.Name);
        if (!before || before.id !== s.ID)
            plan.remove.push(s);
        else if (canonical(s.Spec) === before.spec)
            plan.already.push(s);
        else if (s.PreviousSpec && specFingerprint(s.PreviousSpec) === before.fingerprint)
            plan.rollback.push(s);
        else
            plan.impossible.push({ service: s, why: 'its previous spec is not the one recorded before this deploy (changed by someone else meanwhile?)' });
    }
    return plan;
}
/** The `docker stack deploy` arguments. */
function deployArgs(o, detachFlag) {
    return [
        'stack',
        'deploy',
        ...o.files.flatMap((f) => ['--compose-file', f]),
        ...(o.withRegistryAuth ? ['--with-registry-auth'] : []),
        ...(o.prune ? ['--prune'] : []),
        ...(detachFlag ? ['--detach=true'] : []),
        o.stack,
    ];
}
async function deployStack(docker, o) {
    const now = o.timing?.now ?? Date.now;
    const group = o.group ?? ((_t, fn) => fn());
    const features = await docker.detectFeatures();
    const baseline = await recordBaseline(docker, o.stack);
    const watch = (w) => watchStack(docker, { ...w, stack: o.stack, timeoutMs: o.timeoutMs, pendingGraceMs: o.pendingGraceMs, baseline, log: o.log, timing: o.timing });
    o.log(baseline.byName.size
        ? `Recorded the current spec of ${baseline.byName.size} service(s) of stack ${o.stack}`
        : `Stack ${o.stack} does not exist yet: it will be created`);
    const started = now();
    let deployError;
    try {
        await group(`docker stack deploy ${o.stack}`, () => docker.run(deployArgs(o, features.stackDeployDetach), { stream: true }));
    }
    catch (e) {
        deployError = e;
    }
    const after = await stackServices(docker, o.stack);
    const changed = changedServices(baseline, after);
    const changedNames = changed.map((s) => s.Spec.Name);
    // docker stack deploy failing half-way (one service refused) leaves the others changed: roll them back too.
    if (deployError !== undefined && changed.length === 0)
        throw deployError;
    o.log(changed.length ? `Changed by this deploy: ${changedNames.join(', ')}` : 'No service spec changed');
    let watched;
    if (deployError === undefined) {
        const self = await (0,src_nodes/* swarmSelf */.p2)(docker);
        const settleMs = o.settleMs ?? (0,src_nodes/* heartbeatWindowMs */.DS)(self.heartbeatNs);
        watched = await group(`Waiting for stack ${o.stack} to converge (deadline ${(0,src/* formatDuration */.a3)(o.timeoutMs)})`, () => watch({ phase: 'deploy', settleMs, localNode: self.nodeId }));
        if (watched.outcome === 'converged') {
            return {
                ok: true,
                services: watched.assessment.services,
                changed: changedNames,
                convergedMs: watched.at - started,
                convergedAt: watched.at,
                settledMs: watched.settledMs,
                rolledBack: false,
                reason: '',
                diagnostics: '',
            };
        }
    }
    else {
        const snap = await snapshotStack(docker, o.stack);
        watched = {
            outcome: 'failed',
            at: now(),
            settledMs: 0,
            assessment: assessStack(snap.services, snap.tasks, new Map(), {
                phase: 'deploy',
                now: now(),
                firstSeen: new Map(),
                pendingGraceMs: o.pendingGraceMs,
                nodes: (0,src_nodes/* nodeMap */.HF)(snap.nodes),
            }),
        };
    }
    const bad = watched.outcome === 'timeout' || deployError !== undefined ? watched.assessment.services.filter((s) => s.state !== 'converged') : watched.assessment.failed;
    const reason = deployError !== undefined
        ? `docker stack deploy ${o.stack} failed after changing ${changedNames.join(', ')}: ${(0,src/* errorMessage */.gJ)(deployError)}`
        : watched.outcome === 'timeout'
            ? `stack ${o.stack} did not converge within ${(0,src/* formatDuration */.a3)(o.timeoutMs)}: ${bad.map((s) => `${s.name}: ${s.progress}; ${s.reason}`).join(' | ')}`
            : `stack ${o.stack} failed: ${bad.map((s) => `${s.name}: ${s.reason}`).join(' | ')}`;
    o.log(reason);
    const diagnostics = await group('Diagnostics: docker stack ps and logs of failing tasks', async () => {
        const parts = [`$ docker stack ps --no-trunc ${o.stack}\n${await stackPsText(docker, o.stack)}`];
        const taskIds = [...new Set(bad.flatMap((s) => s.failingTasks))].slice(0, 6);
        for (const id of taskIds)
            parts.push(`--- last log lines of task ${id} ---\n${await taskLogTail(docker, id)}`);
        const text = parts.join('\n');
        o.log(text);
        return text;
    });
    let services = watched.assessment.services;
    let rolledBack = false;
    let rollbackNote = '';
    const removedNames = [];
    const rolledBackNames = [];
    if (o.rollbackOnFailure && changed.length) {
        const result = await group(`Rolling back ${changed.length} changed service(s) of stack ${o.stack}`, async () => {
            const current = await stackServices(docker, o.stack);
            const plan = planRollback(baseline, current.filter((s) => changedNames.includes(s.Spec.Name)));
            for (const s of plan.already)
                o.log(`service ${s.Spec.Name}: Swarm already rolled it back to the recorded spec`);
            removedNames.push(...plan.remove.map((s) => s.Spec.Name));
            rolledBackNames.push(...[...plan.rollback, ...plan.already].map((s) => s.Spec.Name));
            for (const s of plan.rollback)
                await rollbackService(docker, s.ID);
            if (plan.remove.length) {
                o.log(`Removing service(s) this deploy created: ${plan.remove.map((s) => s.Spec.Name).join(', ')}`);
                await removeServices(docker, plan.remove.map((s) => s.ID));
                if (baseline.byName.size === 0) {
                    const left = await removeStackNetworks(docker, o.stack);
                    o.log(left.length
                        ? `Could not remove the stack's network(s) ${left.join(', ')}: remove them with docker network rm`
                        : `Removed the network(s) of stack ${o.stack}: the stack is gone as it was before`);
                }
            }
            for (const i of plan.impossible)
                o.log(`service ${i.service.Spec.Name}: cannot roll back: ${i.why}`);
            const wait = new Set([...plan.rollback, ...plan.already].map((s) => s.Spec.Name));
            if (wait.size === 0)
                return { ok: plan.impossible.length === 0, services: [], note: '' };
            const w = await watch({ phase: 'rollback', only: wait });
            const note = w.outcome === 'converged'
                ? ''
                : `rollback did not converge: ${w.assessment.services
                    .filter((s) => s.state !== 'converged')
                    .map((s) => `${s.name}: ${s.reason || s.progress}`)
                    .join(' | ')}`;
            return {
                ok: w.outcome === 'converged' && plan.impossible.length === 0,
                services: w.assessment.services,
                note: [note, ...plan.impossible.map((i) => `${i.service.Spec.Name} not rolled back: ${i.why}`)].filter(Boolean).join(' | '),
            };
        });
        rolledBack = result.ok;
        rollbackNote = result.note;
        const byName = new Map(result.services.map((s) => [s.name, s]));
        const removed = new Set(changed.filter((s) => !baseline.byName.has(s.Spec.Name)).map((s) => s.Spec.Name));
        services = services.filter((s) => !removed.has(s.name)).map((s) => byName.get(s.name) ?? s);
    }
    const tail = !o.rollbackOnFailure
        ? ' (rollback-on-failure is false: the stack was left as it is)'
        : changed.length === 0
            ? ' (no service was changed by this deploy: nothing to roll back)'
            : rolledBack
                ? `; ${undone(rolledBackNames, removedNames)}`
                : `; whole-stack rollback incomplete: ${rollbackNote}${serving(services, changed)}`;
    // ssh can hand us carriage returns: they would reach the annotation as %0D.
    return {
        ok: false,
        services,
        changed: changedNames,
        convergedMs: undefined,
        convergedAt: undefined,
        settledMs: 0,
        rolledBack,
        reason: (reason + tail).replace(/\r/g, ''),
        diagnostics: diagnostics.replace(/\r\n?/g, '\n'),
    };
}
/**
 * "rolled back 2 changed service(s) to their previous spec: a, b; removed c, which this deploy created",
 * or only "removed c, which this deploy created" when nothing was rolled back (a first deploy).
 */
function undone(rolledBack, removed) {
    const removedPart = removed.length ? `removed ${removed.join(', ')}, which this deploy created` : '';
    if (!rolledBack.length)
        return removedPart;
    const head = `rolled back ${rolledBack.length} changed service(s) to their previous spec: ${rolledBack.join(', ')}`;
    return removedPart ? `${head}; ${removedPart}` : head;
}
/** After an incomplete rollback: which digests the running tasks of the changed services carry ("what serves now"). */
function serving(services, changed) {
    const parts = changed.flatMap((c) => {
        const s = services.find((x) => x.name === c.Spec.Name);
        if (!s)
            return [];
        const failedDigest = pinnedDigestOf(c.Spec.TaskTemplate.ContainerSpec?.Image ?? '');
        const list = Object.entries(s.runningDigests).map(([d, n]) => `${n}× ${d.slice(0, 19)}…${d === failedDigest ? ' (the failed release)' : ''}`);
        return [`${s.name} runs ${list.length ? list.join(', ') : 'no task'}`];
    });
    return parts.length ? `; now serving: ${parts.join('; ')}` : '';
}
const pinnedDigestOf = (image) => /@(sha256:[a-f0-9]{64})$/.exec(image)?.[1] ?? '';


/***/ })

};
